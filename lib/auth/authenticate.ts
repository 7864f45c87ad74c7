import "server-only";
import { db } from "@/lib/db";
import { limits } from "@/lib/shared/limits";
import type { Account } from "./create-account";
import { verifyPassword } from "./password";

/** An account as a session starts: with the session version its token will carry. */
export type SignedInAccount = Account & { sessionVersion: number };

/**
 * The account for these credentials, or null. Unknown email and wrong password look alike,
 * and take as long: without an account, a decoy hash is verified (lib/auth/password.ts).
 */
export async function authenticate(email: unknown, password: unknown): Promise<SignedInAccount | null> {
  if (typeof email !== "string" || typeof password !== "string") return null;
  if (email.length > limits.email || password.length > limits.passwordMax) return null;
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok) return null;
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
