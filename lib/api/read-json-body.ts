import "server-only";
import { BadRequestError } from "@/lib/errors";
import { declaredLength, readBounded } from "./read-bounded";

/** The most any JSON request body may weigh. A 20,000-character post fits with room to spare. */
export const maxBodyBytes = 64 * 1024;

/**
 * Reads a JSON body without ever holding more than `maxBytes` of it (see readBounded).
 * Returns the parsed value (any JSON); the caller validates its shape.
 */
export async function readJsonBody(request: Request, maxBytes = maxBodyBytes): Promise<unknown> {
  const text = decode(await readBounded(request.body, declaredLength(request), maxBytes));
  if (text.trim() === "") throw new BadRequestError("Send a JSON body.");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BadRequestError(`The body is not valid JSON: ${(error as Error).message}`);
  }
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestError("The body is not valid UTF-8.");
  }
}
