import "server-only";
import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/session";
import { AppError, PayloadTooLargeError, ValidationError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import { limits } from "@/lib/shared/limits";
import { storage as defaultStorage, type Storage } from "@/lib/storage";
import { readBounded, type Body } from "@/lib/api/read-bounded";
import { sniffImageType } from "./sniff-image-type";
import { uploadUrl } from "./upload-url";

export class UnsupportedImageTypeError extends AppError {
  constructor() {
    super("Upload a JPEG, PNG, GIF or WebP image. (SVG is not accepted: it can carry script.)", 415);
  }
}

export const uploadTooLarge = () =>
  new PayloadTooLargeError(`The file is larger than ${limits.uploadBytes / (1024 * 1024)} MiB.`);

export type UploadedImage = { key: string; url: string; markdown: string };

/**
 * Stores an image for an event's posts. Members who write posts (owner, editor,
 * contributor) may upload; the type comes from the file's first bytes, never from what
 * the client declared, and the key is ours: `<eventId>/<random>.<ext>`.
 */
export async function uploadImage(
  actor: Actor,
  eventId: string,
  body: Body,
  declaredLength: number | null,
  storage: Storage = defaultStorage(),
): Promise<UploadedImage> {
  await requireRole(eventId, actor.id, ["OWNER", "EDITOR", "CONTRIBUTOR"]);
  const bytes = await readBounded(body, declaredLength, limits.uploadBytes, uploadTooLarge);
  if (bytes.byteLength === 0) throw new ValidationError("Choose an image to upload.", { file: ["The file is empty."] });
  const type = sniffImageType(bytes);
  if (!type) throw new UnsupportedImageTypeError();

  const key = `${eventId}/${crypto.randomBytes(16).toString("base64url")}.${type.extension}`;
  await storage.put(key, bytes, type.contentType);
  const url = uploadUrl(key);
  return { key, url, markdown: `![](${url})` };
}
