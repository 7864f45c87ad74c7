import "server-only";
import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/session";
import { AppError, PayloadTooLargeError, ValidationError } from "@/lib/errors";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/events/require-role";
import { imageMarkdown, type ImageFields } from "@/lib/shared/image-markdown";
import { limits } from "@/lib/shared/limits";
import { storage as defaultStorage, type Storage } from "@/lib/storage";
import { readBounded, type Body } from "@/lib/api/read-bounded";
import { readImageSize, type ImageSize } from "./read-image-size";
import { sniffImageType } from "./sniff-image-type";
import { uploadUrl } from "./upload-url";

export class UnsupportedImageTypeError extends AppError {
  constructor() {
    super("Upload a JPEG, PNG, GIF or WebP image. (SVG is not accepted: it can carry script.)", 415);
  }
}

export class UnreadableImageError extends AppError {
  constructor() {
    super("The image is damaged or cut short: its size in pixels could not be read.", 422);
  }
}

const count = (n: number) => n.toLocaleString("en-US");

export class ImageDimensionsTooLargeError extends AppError {
  constructor({ width, height }: ImageSize) {
    super(
      `The image is ${count(width)} × ${count(height)} pixels. Images may be at most ` +
        `${count(limits.imageSide)} pixels on a side and ${limits.imagePixels / 1_000_000} megapixels.`,
      422,
    );
  }
}

export const uploadTooLarge = () =>
  new PayloadTooLargeError(`The file is larger than ${limits.uploadBytes / (1024 * 1024)} MiB.`);

export type UploadedImage = {
  key: string;
  url: string;
  /** The image as Markdown, with its alt text, caption and credit (lib/shared/image-markdown.ts). */
  markdown: string;
  width: number;
  height: number;
};

/**
 * Stores an image for an event's posts. Members who write posts (owner, editor,
 * contributor) may upload; the type comes from the file's first bytes, never from what
 * the client declared; the pixel size its header declares is bounded (limits.imageSide,
 * limits.imagePixels); and the key is ours: `<eventId>/<random>.<ext>`. Each stored image
 * is recorded on the event's media shelf (lib/uploads/list-uploads.ts) with `fields`
 * (`alt: ""` is a decorative image, null none given), already validated by the caller.
 */
export async function uploadImage(
  actor: Actor,
  eventId: string,
  body: Body,
  declaredLength: number | null,
  storage: Storage = defaultStorage(),
  fields: ImageFields = {},
): Promise<UploadedImage> {
  await requireRole(eventId, actor.id, ["OWNER", "EDITOR", "CONTRIBUTOR"]);
  const bytes = await readBounded(body, declaredLength, limits.uploadBytes, uploadTooLarge);
  if (bytes.byteLength === 0) throw new ValidationError("Choose an image to upload.", { file: ["The file is empty."] });
  const type = sniffImageType(bytes);
  if (!type) throw new UnsupportedImageTypeError();
  // Every reader's browser decodes the pixels the header declares, however small the file.
  const size = readImageSize(bytes, type);
  if (!size) throw new UnreadableImageError();
  const { width, height } = size;
  if (width > limits.imageSide || height > limits.imageSide || width * height > limits.imagePixels)
    throw new ImageDimensionsTooLargeError(size);

  const key = `${eventId}/${crypto.randomBytes(16).toString("base64url")}.${type.extension}`;
  await storage.put(key, bytes, type.contentType);
  const alt = fields.alt ?? null;
  const caption = fields.caption || null;
  const credit = fields.credit || null;
  await db.upload.create({
    data: {
      eventId,
      key,
      width,
      height,
      contentType: type.contentType,
      bytes: bytes.byteLength,
      alt,
      caption,
      credit,
      uploadedById: actor.id,
    },
  });
  const url = uploadUrl(key);
  return { key, url, markdown: imageMarkdown(url, { alt, caption, credit }), width, height };
}
