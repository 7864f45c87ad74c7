import "server-only";
import { UnauthorizedError } from "@/lib/errors";

/**
 * The secret in `Authorization: Bearer <secret>`, or a 401 saying what is wrong.
 *
 * Cookies are never a credential here, even a valid session's: a browser attaches them to
 * any cross-site request, but it cannot be made to send an Authorization header without
 * the page's own script (and a CORS preflight we never answer). That is the CSRF defence.
 */
export function bearerToken(request: Request): string {
  const header = request.headers.get("authorization")?.trim() ?? "";
  if (header === "") {
    if (request.headers.has("cookie")) {
      throw new UnauthorizedError(
        "The publishing API does not accept session cookies: send an API token in the Authorization header (Bearer).",
      );
    }
    throw new UnauthorizedError("Send an API token in the Authorization header: “Authorization: Bearer <token>”.");
  }
  const match = /^Bearer +(\S+)$/i.exec(header);
  if (!match) throw new UnauthorizedError("Malformed Authorization header: expected “Bearer <token>”.");
  return match[1]!;
}
