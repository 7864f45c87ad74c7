import "server-only";
import { AppError } from "@/lib/errors";

export class UploadTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super(`The file is larger than ${maxBytes / (1024 * 1024)} MiB.`, 413);
  }
}

export type UploadBody = ReadableStream<Uint8Array> | Uint8Array | null;

/**
 * The whole body, never holding more than `maxBytes` of it: a declared length over the
 * limit is refused before a byte is read, and a body without one (or longer than it said)
 * is cancelled as soon as it passes the limit.
 */
export async function readBounded(
  body: UploadBody,
  declaredLength: number | null,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  if (declaredLength !== null && declaredLength > maxBytes) {
    if (body instanceof ReadableStream) await body.cancel().catch(() => {});
    throw new UploadTooLargeError(maxBytes);
  }
  if (body === null) return new Uint8Array();
  if (body instanceof Uint8Array) {
    if (body.byteLength > maxBytes) throw new UploadTooLargeError(maxBytes);
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
      throw new UploadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
