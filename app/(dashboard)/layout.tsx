import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { RootDocument } from "@/components/root-document";
import { SignOutButton } from "@/components/sign-out-button";
import { currentUser } from "@/lib/auth/session";
import { siteMetadata, siteViewport } from "@/lib/seo/site-metadata";

export const metadata = siteMetadata;
export const viewport = siteViewport;

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  // Each page redirects signed-out visitors itself, with its own address to come back to;
  // a layout does not know which page it wraps.
  const user = await currentUser();
  const t = await getTranslations("newsroom.header");
  const signOut = await getTranslations("newsroom.signOut");
  return (
    <RootDocument namespaces={["reader", "newsroom"]}>
      <header className="border-b border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
        <div className="mx-auto flex h-14 max-w-5xl items-center justify-between px-4">
          <Link href="/dashboard" className="flex items-center gap-2 font-semibold tracking-tight">
            <span aria-hidden className="inline-block size-2.5 rounded-full bg-brand" />
            {t("home")} <span className="font-normal text-stone-500 dark:text-stone-400">{t("newsroom")}</span>
          </Link>
          {user && (
            <nav aria-label={t("account")} className="flex items-center gap-4 text-sm">
              <Link href="/dashboard/account" className="text-stone-600 hover:underline dark:text-stone-300">
                {user.name}
              </Link>
              <SignOutButton
                className="font-medium hover:underline"
                words={{ submit: signOut("submit"), pending: signOut("pending") }}
              />
            </nav>
          )}
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
    </RootDocument>
  );
}
