import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { currentUser } from "@/lib/auth/session";
import { getInvitation } from "@/lib/members/get-invitation";
import { roleLabels } from "@/lib/members/schemas";
import { acceptInvitationAction } from "./actions";

// The link is a secret: keep it out of search engines and other sites' logs.
export const metadata: Metadata = { title: "Invitation", robots: { index: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

const link = "font-medium underline";
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: "UTC" });

export default async function InvitationPage({ params }: Props) {
  const { token } = await params;
  const user = await currentUser();
  const invitation = await getInvitation(token, user);
  const here = `/invite/${token}`;

  if (invitation.state === "unknown") {
    return (
      <Message title="This invitation link does not work">
        It may have been mistyped or withdrawn. Ask the event&apos;s owner for a new one.
      </Message>
    );
  }
  if (invitation.state === "expired") {
    return (
      <Message title="This invitation has expired">
        Invitations work for 7 days. Ask the owner of <strong>{invitation.event.title}</strong> for a new one.
      </Message>
    );
  }
  if (invitation.state === "accepted") {
    return (
      <Message title="This invitation has already been used">
        {invitation.yourRole ? (
          <Link href={`/dashboard/events/${invitation.event.slug}`} className={link}>
            Open the console of {invitation.event.title}
          </Link>
        ) : (
          <>Each link works once. Ask the event&apos;s owner for a new one if you need it.</>
        )}
      </Message>
    );
  }

  const role = roleLabels[invitation.role].toLowerCase();
  return (
    <>
      <h1 className="text-2xl font-semibold">Join {invitation.event.title}</h1>
      <p className="mt-4">
        You are invited to cover <strong>{invitation.event.title}</strong> on Herald as{" "}
        {role === "contributor" ? "a" : "an"} <strong>{role}</strong>.
      </p>
      <p className="mt-2 text-sm text-stone-600 dark:text-stone-300">
        Sent to {invitation.email}; the link works until {day.format(invitation.expiresAt)}.
      </p>
      {user ? (
        <form action={acceptInvitationAction} className="mt-6 space-y-3">
          <input type="hidden" name="token" value={token} />
          <p className="text-sm">
            Signed in as <strong>{user.name}</strong> ({user.email}).
            {invitation.yourRole &&
              ` You are already on this team as ${roleLabels[invitation.yourRole].toLowerCase()}; you keep the stronger role.`}
          </p>
          <Button type="submit" className="w-full">
            Accept
          </Button>
          <p className="text-sm text-stone-600 dark:text-stone-300">
            Not you?{" "}
            <Link href={`/api/auth/signout?callbackUrl=${encodeURIComponent(here)}`} className={link}>
              Sign out
            </Link>
          </p>
        </form>
      ) : (
        <p className="mt-6">
          To accept,{" "}
          <Link href={`/sign-up?callbackUrl=${encodeURIComponent(here)}`} className={link}>
            create an account
          </Link>{" "}
          or{" "}
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`} className={link}>
            sign in
          </Link>
          ; you will come back here.
        </p>
      )}
    </>
  );
}

function Message({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-4 text-stone-600 dark:text-stone-300">{children}</p>
      <p className="mt-6 text-sm">
        <Link href="/dashboard" className={link}>
          Go to your dashboard
        </Link>
      </p>
    </>
  );
}
