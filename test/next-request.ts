// What server actions and route handlers take from the request they run in, stood in for
// outside Next: the signed-in user (next-auth sessions cannot be made without Next), the
// request headers, and the cache that `revalidatePath` marks. Test files route the real
// modules here with
//   vi.mock("@/lib/auth/session", () => import("@/test/next-request").then((m) => m.sessionModule));
//   vi.mock("next/headers", () => import("@/test/next-request").then((m) => m.headersModule));
//   vi.mock("next/cache", () => import("@/test/next-request").then((m) => m.cacheModule));
// and pick the caller with signInAs(). Everything else (domain verbs, database) is real.
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { UnauthorizedError } from "@/lib/errors";

let signedIn: Actor | null = null;

/** The caller of the next actions: a user, or null for an anonymous visitor. */
export function signInAs(actor: Actor | null): void {
  signedIn = actor && { id: actor.id, name: actor.name, email: actor.email };
}

export const origin = "http://herald.test";

/** Paths the actions asked Next to redraw, in order. */
export const revalidatedPaths: string[] = [];

export const sessionModule = {
  currentUser: async () => signedIn,
  requireUser: async () => {
    if (!signedIn) throw new UnauthorizedError();
    return signedIn;
  },
  requireUserOrRedirect: async () => {
    if (!signedIn) throw new UnauthorizedError();
    return signedIn;
  },
  // As if signed in just now: the session carries the account's current version.
  requireSession: async () => {
    if (!signedIn) throw new UnauthorizedError();
    const { sessionVersion } = await db.user.findUniqueOrThrow({
      where: { id: signedIn.id },
      select: { sessionVersion: true },
    });
    return { actor: signedIn, version: sessionVersion };
  },
};

export const headersModule = {
  headers: async () => new Headers({ origin, host: new URL(origin).host }),
};

export const cacheModule = {
  revalidatePath: (path: string) => {
    revalidatedPaths.push(path);
  },
};
