import { useTranslations } from "next-intl";
import Link from "next/link";
import { newsroomName } from "@/lib/env";
import { SignOutButton } from "./sign-out-button";

/**
 * `signedIn` undefined: a page that does not look at the session (the event page, so its
 * HTML is the same for everyone and can be cached) links to the newsroom, which asks
 * anyone signed out to sign in.
 */
type Props = { signedIn?: boolean };

export function SiteHeader({ signedIn }: Props) {
  const t = useTranslations("reader.site");
  const account =
    signedIn === undefined
      ? { href: "/dashboard", label: t("newsroom") }
      : signedIn
        ? { href: "/dashboard", label: t("dashboard") }
        : { href: "/sign-in", label: t("signIn") };
  return (
    <header className="border-b border-stone-200 bg-white/80 backdrop-blur dark:border-stone-800 dark:bg-stone-900/80">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:start-2 focus:z-30 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-semibold dark:focus:bg-stone-900"
      >
        {t("skipToContent")}
      </a>
      <div className="mx-auto flex h-14 max-w-5xl items-center justify-between px-4">
        <Link href="/" className="flex items-center gap-2 rounded font-semibold tracking-tight">
          <span aria-hidden className="inline-block size-2.5 rounded-full bg-brand" />
          {newsroomName()}
        </Link>
        <nav aria-label={t("account")} className="flex items-center gap-4 text-sm">
          <Link href={account.href} className="rounded font-medium hover:underline">
            {account.label}
          </Link>
          {signedIn && (
            <SignOutButton
              className="rounded font-medium hover:underline"
              words={{ submit: t("signOut"), pending: t("signingOut") }}
            />
          )}
        </nav>
      </div>
    </header>
  );
}
