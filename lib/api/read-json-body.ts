import "server-only";
import { AppError } from "@/lib/errors";

/** The most any API request body may weigh. A 20,000-character post fits with room to spare. */
export const maxBodyBytes = 64 * 1024;

export class BadRequestError extends AppError {
  constructor(message: string, fieldErrors: Record<string, string[]> = {}) {
    super(message, 400, fieldErrors);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super(`The request body is larger than ${maxBytes / 1024} KiB.`, 413);
  }
}

/**
 * Reads a JSON body without ever holding more than `maxBytes` of it: a declared
 * Content-Length over the limit is refused before reading, and a body without one (or
 * longer than it said) is cut off as soon as it passes the limit. Returns the parsed value
 * (any JSON); the caller validates its shape.
 */
export async function readJsonBody(request: Request, maxBytes = maxBodyBytes): Promise<unknown> {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (!/^\d{1,15}$/.test(declared.trim())) throw new BadRequestError("Content-Length must be a number of bytes.");
    if (Number(declared) > maxBytes) {
      await request.body?.cancel().catch(() => {});
      throw new PayloadTooLargeError(maxBytes);
    }
  }
  const text = decode(await readBounded(request, maxBytes));
  if (text.trim() === "") throw new BadRequestError("Send a JSON body.");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BadRequestError(`The body is not valid JSON: ${(error as Error).message}`);
  }
}

async function readBounded(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestError("The body is not valid UTF-8.");
  }
}
