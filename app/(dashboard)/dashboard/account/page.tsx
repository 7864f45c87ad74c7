import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/change-password-form";
import { requireUserOrRedirect } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("newsroom.account");
  return { title: t("title") };
}

export default async function AccountPage() {
  const user = await requireUserOrRedirect("/dashboard/account");
  const t = await getTranslations("newsroom.account");
  return (
    <section aria-labelledby="account-heading" className="max-w-md">
      <h1 id="account-heading" className="text-2xl font-semibold">
        {t("heading")}
      </h1>
      <p className="mt-2 text-sm text-stone-600 dark:text-stone-300">{t("signedInAs", { email: user.email })}</p>
      <h2 className="mt-8 text-lg font-semibold">{t("changeHeading")}</h2>
      <p className="mt-1 text-sm text-stone-600 dark:text-stone-300">{t("changeExplain")}</p>
      <ChangePasswordForm email={user.email} />
    </section>
  );
}
