import "server-only";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { StorageUnavailableError } from "@/lib/errors";
import { logger } from "@/lib/observability/logger";
import { contentTypeOfKey, isStorageKey, requireKeyOfType, type Storage, type StoredObject } from "./storage";

export type S3Settings = {
  bucket: string;
  region: string;
  /** An S3-compatible server (MinIO, R2, B2…); unset: AWS. */
  endpoint?: string;
  /** `<endpoint>/<bucket>/<key>` rather than `<bucket>.<endpoint>/<key>` (MinIO needs it). */
  forcePathStyle: boolean;
  /** Unset: the SDK's own chain (AWS_ACCESS_KEY_ID…, ~/.aws, an instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

/** GetObject: no such key (a missing bucket is NoSuchBucket, also a 404, and a failure). */
const noSuchKey = (error: unknown) => error instanceof S3ServiceException && error.name === "NoSuchKey";

/** HeadObject has no body to name the error: a 404 is all it says. */
const headNotFound = (error: unknown) =>
  error instanceof S3ServiceException && (error.name === "NotFound" || error.$metadata.httpStatusCode === 404);

/** Any other failure (unreachable, refused, no such bucket) is logged with its cause and answers 503. */
function unavailable(error: unknown, request: string, key: string): never {
  logger().warn({ err: error, key }, `storage: S3 ${request} failed`);
  throw new StorageUnavailableError(error);
}

/**
 * Objects in one bucket, under the same keys the disk store uses (`<eventId>/<random>.<ext>`),
 * so a folder of uploads copies into the bucket as it is. Every box reads the same bucket.
 */
export class S3Storage implements Storage {
  readonly bucket: string;
  readonly client: S3Client;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      // A stalled store fails the request (and the SDK retries) instead of hanging it.
      requestHandler: { connectionTimeout: 5_000, socketTimeout: 30_000 },
      // Other S3-compatible servers reject the newer default checksum headers; AWS accepts both.
      ...(settings.endpoint && {
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      }),
    });
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    requireKeyOfType(key, contentType);
    // A PUT is atomic: readers see the whole object or none.
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      Body: bytes,
      ContentLength: bytes.byteLength,
      ContentType: contentType,
      // For a CDN or proxy reading the bucket directly; Herald's route sets its own.
      CacheControl: "public, max-age=31536000, immutable",
    });
    await this.client.send(command).catch((error: unknown) => unavailable(error, "PutObject", key));
  }

  async get(key: string): Promise<StoredObject | null> {
    // The type is the key's, never the bucket's metadata: what is served stays what was sniffed.
    const contentType = contentTypeOfKey(key);
    if (!contentType) return null;
    let response;
    try {
      response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (noSuchKey(error)) return null;
      unavailable(error, "GetObject", key);
    }
    const body = response.Body;
    if (!body || response.ContentLength === undefined) {
      await body?.transformToWebStream().cancel();
      throw new Error(`S3 answered GetObject ${key} without a body or a length.`);
    }
    // Cancelling the stream closes the connection: a reader who goes away frees it.
    return { body: body.transformToWebStream(), contentType, size: response.ContentLength };
  }

  async has(key: string): Promise<boolean> {
    if (!isStorageKey(key)) return false;
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (headNotFound(error)) return false;
      unavailable(error, "HeadObject", key);
    }
  }

  async delete(key: string): Promise<void> {
    if (!isStorageKey(key)) return;
    // S3 answers 204 whether or not the object was there.
    const command = new DeleteObjectCommand({ Bucket: this.bucket, Key: key });
    await this.client.send(command).catch((error: unknown) => unavailable(error, "DeleteObject", key));
  }
}
