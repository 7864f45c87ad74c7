import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { SignUpForm } from "@/components/sign-up-form";
import { safeCallbackUrl } from "@/lib/shared/safe-callback-url";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("newsroom.signUp");
  return { title: t("title") };
}

type Props = { searchParams: Promise<{ callbackUrl?: string }> };

export default async function SignUpPage({ searchParams }: Props) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  const t = await getTranslations("newsroom.signUp");
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <SignUpForm callbackUrl={callbackUrl} />
      <p className="mt-6 text-sm text-stone-600 dark:text-stone-300">
        {t("haveOne")}{" "}
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium underline">
          {t("signIn")}
        </Link>
      </p>
    </>
  );
}
