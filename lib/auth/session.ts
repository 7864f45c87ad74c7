import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { db } from "@/lib/db";
import { UnauthorizedError } from "@/lib/errors";
import { authOptions } from "./options";

export type Actor = { id: string; name: string; email: string };

/** A signed-in user, and the version of the session token they came with (see liveAccount). */
export type Session = { actor: Actor; version: number };

async function currentSession(): Promise<Session | null> {
  // A page that asks who is signed in is per-request: say so before reading any
  // configuration, so `next build` (which has no database or secret) never prerenders it.
  await connection();
  const session = await getServerSession(authOptions());
  const claimed = session?.user;
  if (!claimed?.id) return null;
  const version = claimed.sessionVersion ?? 0;
  const actor = await liveAccount(claimed.id, version);
  return actor ? { actor, version } : null;
}

export async function currentUser(): Promise<Actor | null> {
  return (await currentSession())?.actor ?? null;
}

/**
 * The account a session token names, if the token is still good: the account exists and
 * its password has not changed since the token was issued (changePassword bumps the
 * version). A JWT cannot be recalled, so this check on every request is what ends old
 * sessions. Name and email come fresh from the database, not from the token.
 */
export async function liveAccount(userId: string, sessionVersion: number): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, sessionVersion: true },
  });
  if (!user || user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, name: user.name, email: user.email };
}

/** For pages: the signed-in user, or a redirect to sign-in that comes back here. */
export async function requireUserOrRedirect(returnTo: string): Promise<Actor> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For server actions and route handlers: the signed-in user, or a 401. */
export async function requireUser(): Promise<Actor> {
  const user = await currentUser();
  if (!user) throw new UnauthorizedError();
  return user;
}

/**
 * For a response that outlives its request (a stream): the signed-in user and their
 * session's version, so that it can check the session again while it lasts; or a 401.
 */
export async function requireSession(): Promise<Session> {
  const session = await currentSession();
  if (!session) throw new UnauthorizedError();
  return session;
}
