import "server-only";
import { db } from "@/lib/db";
import { ConflictError, ValidationError } from "@/lib/errors";
import { fieldErrors, signUpSchema, type SignUpInput } from "@/lib/shared/validation";
import { hashPassword } from "./password";

export type Account = { id: string; email: string; name: string };

export async function createAccount(input: SignUpInput): Promise<Account> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("Check the highlighted fields.", fieldErrors(parsed.error));
  const { name, email, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  // The unique index decides, not a prior lookup: two sign-ups racing get one account.
  const created = await db.user
    .createMany({ data: [{ name, email, passwordHash }], skipDuplicates: true })
    .then((r) => r.count);
  if (created === 0) {
    throw new ConflictError("An account with this email already exists. Sign in instead.", {
      email: ["An account with this email already exists."],
    });
  }
  return db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true } });
}
