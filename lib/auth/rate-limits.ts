import "server-only";
import { env } from "@/lib/env";
import { TooManyRequestsError } from "@/lib/errors";
import { hitRateLimit, refundRateLimit, type RateLimitRule } from "@/lib/security/rate-limit";
import { limits } from "@/lib/shared/limits";
import { waitInWords } from "@/lib/shared/sign-in-error";

// The limits on guessing passwords and on making accounts (docs/security.md). Sign-in
// counts failures only (a correct password gives its attempt back), so a newsroom behind
// one address never locks itself out by working.
export const signInPerAddress: RateLimitRule = { name: "sign-in:ip", limit: 30, windowSeconds: 15 * 60 };
export const signInPerAccount: RateLimitRule = { name: "sign-in:account", limit: 10, windowSeconds: 15 * 60 };
export const signUpPerEmail: RateLimitRule = { name: "sign-up:email", limit: 5, windowSeconds: 60 * 60 };
export const signUpPerAddress = (): RateLimitRule => ({
  name: "sign-up:ip",
  limit: env().HERALD_SIGN_UPS_PER_HOUR,
  windowSeconds: 60 * 60,
});

/** The account part of a key: whatever was typed, the way the account table compares it. */
export function accountKey(email: unknown): string {
  return typeof email === "string" ? email.trim().toLowerCase().slice(0, limits.email) : "";
}

export type Attempt = { rule: RateLimitRule; subject: string };

/**
 * Counts one attempt against every rule, in order; if one refuses, the attempts already
 * counted are given back and a 429 says when to try again.
 */
export async function countAttempts(attempts: Attempt[], message: (wait: string) => string): Promise<void> {
  const counted: Attempt[] = [];
  for (const attempt of attempts) {
    const result = await hitRateLimit(attempt.rule, attempt.subject);
    if (!result.allowed) {
      await giveBack(counted);
      throw new TooManyRequestsError(message(waitInWords(result.retryAfterSeconds)), result.retryAfterSeconds);
    }
    counted.push(attempt);
  }
}

export async function giveBack(attempts: Attempt[]): Promise<void> {
  await Promise.all(attempts.map(({ rule, subject }) => refundRateLimit(rule, subject)));
}
