import "server-only";
import { authenticate, type SignedInAccount } from "./authenticate";
import { accountKey, countAttempts, giveBack, signInPerAccount, signInPerAddress, type Attempt } from "./rate-limits";

/**
 * A sign-in attempt from `address`: the account for these credentials, null when they
 * match none (unknown email and wrong password alike), or a TooManyRequestsError when
 * this address or this account has failed too often lately — whether the account exists
 * or not, so the limit tells nothing either.
 */
export async function signIn(email: unknown, password: unknown, address: string): Promise<SignedInAccount | null> {
  const attempts: Attempt[] = [
    { rule: signInPerAddress, subject: address },
    { rule: signInPerAccount, subject: accountKey(email) },
  ];
  await countAttempts(attempts, (wait) => `Too many sign-in attempts. Try again in ${wait}.`);
  const account = await authenticate(email, password);
  if (account) await giveBack(attempts);
  return account;
}
