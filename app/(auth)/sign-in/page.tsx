import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import Link from "next/link";
import { SignInForm } from "@/components/sign-in-form";
import { formCsrfHeader } from "@/lib/auth/form-csrf";
import { rateLimitedSignInWait, tooManySignInsMessage } from "@/lib/shared/sign-in-error";
import { safeCallbackUrl } from "@/lib/shared/safe-callback-url";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("newsroom.signIn");
  return { title: t("title") };
}

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string; csrf?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const t = await getTranslations("newsroom.signIn");
  // Without JavaScript, next-auth sends a refused sign-in back here and says why in the URL.
  const wait = rateLimitedSignInWait(params.error);
  const refused = wait ? tooManySignInsMessage(wait) : params.error ? t("mismatch") : params.csrf ? t("expired") : null;
  const csrfToken = (await headers()).get(formCsrfHeader);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <SignInForm callbackUrl={callbackUrl} csrfToken={csrfToken} refused={refused} />
      <p className="mt-6 text-sm text-stone-600 dark:text-stone-300">
        {t("newHere")}{" "}
        <Link href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium underline">
          {t("createAccount")}
        </Link>
      </p>
    </>
  );
}
