import "server-only";
import { env } from "@/lib/env";

export type FormCsrf = { token: string; setCookies: string[] };

/**
 * next-auth's CSRF token for the sign-in form, so that it signs in without JavaScript too
 * (next-auth's client fetches it itself). Asked of next-auth's own REST API,
 * `GET /api/auth/csrf`, over Herald's own address with the browser's cookies and forwarded
 * host and scheme — as next-auth's `getCsrfToken` does server-side — and its `Set-Cookie`
 * (the double-submit cookie, sent when the browser had none) is passed on with the page
 * (proxy.ts). Null when it cannot be had: the form then signs in with JavaScript only.
 */
export async function formCsrf(request: Headers): Promise<FormCsrf | null> {
  // The cookies, and what next-auth may read the site's origin from (for its cookie names).
  const headers: Record<string, string> = {};
  for (const name of ["cookie", "x-forwarded-host", "x-forwarded-proto"]) {
    const value = request.get(name);
    if (value) headers[name] = value;
  }
  try {
    const response = await fetch(`${env().selfUrl}/api/auth/csrf`, {
      headers,
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) return null;
    const { csrfToken } = (await response.json()) as { csrfToken?: unknown };
    if (typeof csrfToken !== "string" || csrfToken === "") return null;
    return { token: csrfToken, setCookies: response.headers.getSetCookie() };
  } catch {
    return null;
  }
}

/** The request header that carries the token from proxy.ts to the sign-in page. */
export const formCsrfHeader = "x-herald-form-csrf";
