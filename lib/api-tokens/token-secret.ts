import "server-only";
import crypto from "node:crypto";

// What an API token looks like: "hrld_" and 32 random bytes in base64url (43 characters).
// The prefix makes a leaked token easy to recognise (secret scanners, logs); only the
// SHA-256 of the whole secret is stored, so a database leak gives nobody a working token.
export const secretPrefix = "hrld_";
export const secretPattern = /^hrld_[A-Za-z0-9_-]{43}$/;
/** How much of the secret is kept in clear so owners can tell their tokens apart. */
export const shownPrefixLength = 12;

export function newSecret(): string {
  return secretPrefix + crypto.randomBytes(32).toString("base64url");
}

export function hashSecret(secret: string): string {
  return crypto.createHash("sha256").update(secret, "utf8").digest("hex");
}
