import "server-only";
import { httpError } from "@/lib/errors";

/**
 * httpError for the publishing API: the same `{ error, fieldErrors }` JSON, never cached,
 * and a 401 names the scheme it wants (RFC 6750).
 */
export function apiError(error: unknown): Response {
  const response = httpError(error);
  response.headers.set("Cache-Control", "no-store");
  if (response.status === 401) response.headers.set("WWW-Authenticate", 'Bearer realm="herald"');
  return response;
}

/** A JSON success response of the API (never cached: it is per token). */
export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { "Cache-Control": "no-store", ...init.headers } });
}
