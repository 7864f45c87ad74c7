import "server-only";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { changePasswordSchema, fieldErrors, type ChangePasswordInput } from "@/lib/shared/validation";
import { hashPassword, verifyPassword } from "./password";
import { countAttempts, giveBack, signInPerAccount, type Attempt } from "./rate-limits";
import type { Actor } from "./session";

/**
 * The signed-in user changes their password, proving the current one. Bumps the session
 * version in the same UPDATE, so every session issued before — this one included — stops
 * working at its next request; the form signs in again with the new password.
 * Wrong current passwords count against the account like failed sign-ins.
 */
export async function changePassword(actor: Actor, input: ChangePasswordInput): Promise<void> {
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("Check the highlighted fields.", fieldErrors(parsed.error));
  const { currentPassword, newPassword } = parsed.data;

  const attempts: Attempt[] = [{ rule: signInPerAccount, subject: actor.email.toLowerCase() }];
  await countAttempts(attempts, (wait) => `Too many wrong passwords. Try again in ${wait}.`);
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new ValidationError("Your current password is not right.", {
      currentPassword: ["That is not your current password."],
    });
  }
  await giveBack(attempts);
  const passwordHash = await hashPassword(newPassword);
  // Only if the password is still the one just checked: two changes racing, one wins.
  const { count } = await db.user.updateMany({
    where: { id: actor.id, passwordHash: user.passwordHash },
    data: { passwordHash, sessionVersion: { increment: 1 } },
  });
  if (count === 0) throw new ValidationError("Your password was changed meanwhile. Sign in again.");
}
