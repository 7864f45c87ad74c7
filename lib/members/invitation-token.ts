import "server-only";
import crypto from "node:crypto";

/** How long an invitation link works. */
export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

// 32 random bytes as base64url: 43 characters of [A-Za-z0-9_-].
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** A new secret for an invitation link, and the SHA-256 (hex) that is all we store. */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** A token that could be one of ours; anything else never reaches the database. */
export function isWellFormedToken(token: string): boolean {
  return tokenPattern.test(token);
}

export function invitationPath(token: string): string {
  return `/invite/${token}`;
}
