import "server-only";
import { AppError, BadRequestError, PayloadTooLargeError } from "@/lib/errors";

/** A request body as route handlers and domain functions receive it. */
export type Body = ReadableStream<Uint8Array> | Uint8Array | null;

/** The request's Content-Length, or null without one; a malformed one is a 400. */
export function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  if (header === null) return null;
  if (!/^\d{1,15}$/.test(header.trim())) throw new BadRequestError("Content-Length must be a number of bytes.");
  return Number(header);
}

/**
 * The whole body, never holding more than `maxBytes` of it: a declared length over the
 * limit is refused before a byte is read, and a body without one (or longer than it said)
 * is cancelled as soon as it passes the limit. `tooLarge` words the 413 for the caller.
 */
export async function readBounded(
  body: Body,
  declared: number | null,
  maxBytes: number,
  tooLarge: () => AppError = () => new PayloadTooLargeError(`The request body is larger than ${maxBytes / 1024} KiB.`),
): Promise<Uint8Array<ArrayBuffer>> {
  if (declared !== null && declared > maxBytes) {
    if (body instanceof ReadableStream) await body.cancel().catch(() => {});
    throw tooLarge();
  }
  if (body === null) return new Uint8Array();
  if (body instanceof Uint8Array) {
    if (body.byteLength > maxBytes) throw tooLarge();
    return new Uint8Array(body); // a copy, so the caller owns a plain ArrayBuffer
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
