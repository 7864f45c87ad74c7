import "server-only";
import { createAccount, type Account } from "./create-account";
import { accountKey, countAttempts, signUpPerAddress, signUpPerEmail } from "./rate-limits";
import type { SignUpInput } from "@/lib/shared/validation";

/**
 * A sign-up from `address`, limited per address (account spam) and per email (probing
 * which emails have accounts: "already exists" is the one thing sign-up must say).
 */
export async function signUp(input: SignUpInput, address: string): Promise<Account> {
  await countAttempts(
    [
      { rule: signUpPerAddress(), subject: address },
      { rule: signUpPerEmail, subject: accountKey(input.email) },
    ],
    (wait) => `Too many sign-ups from here. Try again in ${wait}.`,
  );
  return createAccount(input);
}
