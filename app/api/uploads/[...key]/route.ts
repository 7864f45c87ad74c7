import { StorageUnavailableError } from "@/lib/errors";
import { storage, type StoredObject } from "@/lib/storage";
import { isStorageKey } from "@/lib/storage/storage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ key: string[] }> };

/**
 * GET /api/uploads/<eventId>/<random>.<ext> — an uploaded image, streamed from whichever
 * store is configured (disk or S3: the headers are the same). Keys never change, so it may
 * be cached for a year; the type is the one sniffed at upload, and the browser is told not
 * to guess another or run anything in it.
 */
export async function GET(_request: Request, { params }: Context) {
  return serve((await params).key, "GET");
}

/**
 * HEAD: the same headers, no body. Next would answer HEAD with GET and drop the body
 * unread, leaving the file or the bucket connection open; here it is cancelled.
 */
export async function HEAD(_request: Request, { params }: Context) {
  return serve((await params).key, "HEAD");
}

async function serve(segments: string[], method: "GET" | "HEAD"): Promise<Response> {
  const key = segments.join("/");
  // The strict shape (two plain segments, a known extension) rules out `..`, encoded
  // dots, backslashes and absolute paths; the storage checks the resolved path again.
  let stored: StoredObject | null;
  try {
    stored = isStorageKey(key) ? await storage().get(key) : null;
  } catch (error) {
    if (!(error instanceof StorageUnavailableError)) throw error;
    // Never cached: the image is there, the store is not (logged by the store).
    const headers = { "Cache-Control": "no-store", "Retry-After": String(error.retryAfterSeconds) };
    return new Response("The image store is unavailable right now.", { status: 503, headers });
  }
  if (!stored) return new Response("Not found.", { status: 404, headers: { "Cache-Control": "no-store" } });
  if (method === "HEAD") await stored.body.cancel();
  return new Response(method === "HEAD" ? null : stored.body, {
    headers: {
      "Content-Type": stored.contentType,
      "Content-Length": String(stored.size),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "public, max-age=31536000, immutable",
      "Content-Security-Policy": "default-src 'none'",
      "Content-Disposition": "inline",
    },
  });
}
