import "server-only";
import { env } from "@/lib/env";
import { isHttps } from "@/lib/security/client-address";
import { readerCookieName } from "./reader-token";

/**
 * The reader's token for an event: its cookie, else (an embed, whose cookies browsers may
 * withhold) the one sent in the body. Shared by the reaction and poll routes.
 */
export function readerTokenSource(request: Request, fromBody: string | null) {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return (eventId: string) => cookies.get(readerCookieName(eventId)) ?? fromBody;
}

/** Sets the reader cookie when a new reader was made: httpOnly, Lax, a year. */
export function withReaderCookie(
  response: Response,
  request: Request,
  eventId: string,
  token: string | undefined,
): Response {
  if (!token) return response;
  const secure = isHttps(request.headers, env().HERALD_TRUST_PROXY) ? "; Secure" : "";
  response.headers.append(
    "set-cookie",
    `${readerCookieName(eventId)}=${token}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax${secure}`,
  );
  return response;
}
