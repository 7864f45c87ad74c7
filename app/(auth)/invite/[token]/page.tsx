import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { currentUser } from "@/lib/auth/session";
import { getInvitation } from "@/lib/members/get-invitation";
import { roleLabels } from "@/lib/members/schemas";
import { acceptInvitationAction } from "./actions";

// The link is a secret: keep it out of search engines and other sites' logs.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("newsroom.invite");
  return { title: t("title"), robots: { index: false }, referrer: "no-referrer" };
}

type Props = { params: Promise<{ token: string }> };

const link = "font-medium underline";
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: "UTC" });

export default async function InvitationPage({ params }: Props) {
  const { token } = await params;
  const user = await currentUser();
  const invitation = await getInvitation(token, user);
  const here = `/invite/${token}`;
  const t = await getTranslations("newsroom.invite");
  const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;

  if (invitation.state === "unknown") {
    return <Message title={t("unknownTitle")}>{t("unknownBody")}</Message>;
  }
  if (invitation.state === "expired") {
    return (
      <Message title={t("expiredTitle")}>{t.rich("expiredBody", { title: invitation.event.title, strong })}</Message>
    );
  }
  if (invitation.state === "accepted") {
    return (
      <Message title={t("usedTitle")}>
        {invitation.yourRole ? (
          <Link href={`/dashboard/events/${invitation.event.slug}`} className={link}>
            {t("openConsole", { title: invitation.event.title })}
          </Link>
        ) : (
          t("usedBody")
        )}
      </Message>
    );
  }

  const role = roleLabels[invitation.role].toLowerCase();
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("join", { title: invitation.event.title })}</h1>
      <p className="mt-4">{t.rich("invited", { title: invitation.event.title, role, strong })}</p>
      <p className="mt-2 text-sm text-stone-600 dark:text-stone-300">
        {t("sentTo", { email: invitation.email, until: day.format(invitation.expiresAt) })}
      </p>
      {user ? (
        <form action={acceptInvitationAction} className="mt-6 space-y-3">
          <input type="hidden" name="token" value={token} />
          <p className="text-sm">
            {t.rich("signedInAs", { name: user.name, email: user.email, strong })}
            {invitation.yourRole && t("alreadyOnTeam", { role: roleLabels[invitation.yourRole].toLowerCase() })}
          </p>
          <Button type="submit" className="w-full">
            {t("accept")}
          </Button>
          <p className="text-sm text-stone-600 dark:text-stone-300">
            {t("notYou")}{" "}
            <Link href={`/api/auth/signout?callbackUrl=${encodeURIComponent(here)}`} className={link}>
              {t("signOut")}
            </Link>
          </p>
        </form>
      ) : (
        <p className="mt-6">
          {t.rich("toAccept", {
            signUp: (chunks) => (
              <Link href={`/sign-up?callbackUrl=${encodeURIComponent(here)}`} className={link}>
                {chunks}
              </Link>
            ),
            signIn: (chunks) => (
              <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`} className={link}>
                {chunks}
              </Link>
            ),
          })}
        </p>
      )}
    </>
  );
}

function Message({ title, children }: { title: string; children: React.ReactNode }) {
  const t = useTranslations("newsroom.invite");
  return (
    <>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-4 text-stone-600 dark:text-stone-300">{children}</p>
      <p className="mt-6 text-sm">
        <Link href="/dashboard" className={link}>
          {t("goToDashboard")}
        </Link>
      </p>
    </>
  );
}
