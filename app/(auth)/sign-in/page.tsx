import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { SignInForm } from "@/components/sign-in-form";
import { safeCallbackUrl } from "@/lib/shared/safe-callback-url";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("newsroom.signIn");
  return { title: t("title") };
}

type Props = { searchParams: Promise<{ callbackUrl?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  const t = await getTranslations("newsroom.signIn");
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <SignInForm callbackUrl={callbackUrl} />
      <p className="mt-6 text-sm text-stone-600 dark:text-stone-300">
        {t("newHere")}{" "}
        <Link href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium underline">
          {t("createAccount")}
        </Link>
      </p>
    </>
  );
}
