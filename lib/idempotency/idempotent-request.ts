import "server-only";
import crypto from "node:crypto";
import { BadRequestError } from "@/lib/errors";

/** Whose key it is: an API token's, or a signed-in user's (the console). */
export type IdempotencyCaller = `token:${string}` | `user:${string}`;

/**
 * A write a client asked to be done at most once. Keys are scoped to the event and the
 * caller: the same key from another token, user or event is another key.
 */
export type IdempotentRequest = { eventId: string; caller: IdempotencyCaller; key: string; fingerprint: string };

export const maxIdempotencyKeyLength = 200;

// Printable ASCII (a UUID, a ULID, "bot-42-goal-67"), without spaces at either end.
const keyPattern = /^[\x21-\x7e](?:[\x20-\x7e]{0,198}[\x21-\x7e])?$/;

type Input = {
  eventId: string;
  caller: IdempotencyCaller;
  /** The client's key; null when it sent none (the write is then done as before). */
  key: string | null;
  /** What is asked: an HTTP method (or "ACTION"), and a route naming the target by id. */
  method: string;
  route: string;
  /** The request's body as parsed JSON (or form values): compared by content, not bytes. */
  body: unknown;
};

/** The request as an IdempotentRequest, null without a key; a malformed key is a 400. */
export function idempotentRequest({ eventId, caller, key, method, route, body }: Input): IdempotentRequest | null {
  if (key === null) return null;
  if (!keyPattern.test(key)) {
    throw new BadRequestError(
      `An idempotency key must be 1 to ${maxIdempotencyKeyLength} printable ASCII characters (a UUID, for example).`,
      { idempotencyKey: ["Use 1 to 200 printable ASCII characters, without spaces at either end."] },
    );
  }
  return { eventId, caller, key, fingerprint: requestFingerprint(method, route, body) };
}

/** SHA-256 of the method, the route and the body with its keys sorted (so key order and spacing do not matter). */
export function requestFingerprint(method: string, route: string, body: unknown): string {
  const canonical = JSON.stringify(sortKeys(body)) ?? "null";
  return crypto.createHash("sha256").update(`${method} ${route}\n${canonical}`).digest("hex");
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((name) => [name, sortKeys(object[name])]),
  );
}
