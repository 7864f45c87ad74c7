/**
 * A random key for sending one post at most once: 128 bits as hex. getRandomValues,
 * unlike randomUUID, also works outside a secure context (plain http on a newsroom LAN).
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
