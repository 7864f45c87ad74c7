// How a refused sign-in travels through next-auth: authorize() can only throw, and
// next-auth puts the thrown message in the `error` query parameter of its answer. The
// route handler turns this one into a 429; the sign-in form into words.

const prefix = "TooManyAttempts:";

export function rateLimitedSignInCode(retryAfterSeconds: number): string {
  return `${prefix}${retryAfterSeconds}`;
}

/** The seconds to wait, if `error` (next-auth's `error` parameter) says the sign-in was rate-limited. */
export function rateLimitedSignInWait(error: string | null | undefined): number | null {
  if (!error?.startsWith(prefix)) return null;
  const seconds = Number(error.slice(prefix.length));
  return Number.isInteger(seconds) && seconds > 0 ? seconds : 60;
}

export function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export function tooManySignInsMessage(seconds: number): string {
  return `Too many sign-in attempts. Try again in ${waitInWords(seconds)}.`;
}
