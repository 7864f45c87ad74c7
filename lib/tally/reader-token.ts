import "server-only";
import crypto from "node:crypto";
import { env } from "@/lib/env";

// A reader's identity for tallies (reactions, later polls): a random id signed with the
// app's secret, per event. Not an account and not a person: clearing cookies makes a new
// reader, which the per-address rate limit bounds. Signed, so nobody can pick someone
// else's id (and so remove their reaction) or mint ids without asking the server.

/** The cookie that carries an event's reader token. */
export const readerCookieName = (eventId: string) => `herald_reader_${eventId}`;

const idPattern = /^[A-Za-z0-9_-]{22}$/;

function signature(eventId: string, id: string, secret: string): string {
  return crypto.createHmac("sha256", secret).update(`reader:${eventId}:${id}`).digest("base64url");
}

/** A new reader for `eventId`: its id and the token that proves it. */
export function newReaderToken(eventId: string, secret = env().NEXTAUTH_SECRET): { readerId: string; token: string } {
  const readerId = crypto.randomBytes(16).toString("base64url");
  return { readerId, token: `${readerId}.${signature(eventId, readerId, secret)}` };
}

/** The reader id a token proves for `eventId`, or null for anything forged, altered or foreign. */
export function verifyReaderToken(
  token: string | null | undefined,
  eventId: string,
  secret = env().NEXTAUTH_SECRET,
): string | null {
  if (!token || token.length > 100) return null;
  const [readerId, mac, ...rest] = token.split(".");
  if (!readerId || !mac || rest.length > 0 || !idPattern.test(readerId)) return null;
  const expected = Buffer.from(signature(eventId, readerId, secret));
  const given = Buffer.from(mac);
  // Constant time: a forger learns nothing from how long a wrong signature took to refuse.
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  return readerId;
}
