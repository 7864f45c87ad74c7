import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { rateLimitedSignInWait } from "@/lib/shared/sign-in-error";

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth v4's handler reads params synchronously; Next 16 hands them over as a promise.
async function handler(request: Request, context: Context) {
  const params = await context.params;
  const response: Response = await NextAuth(authOptions())(request, { params });
  return request.method === "POST" ? withRateLimitStatus(response) : response;
}

/**
 * next-auth answers a refused credentials sign-in with 401 (JSON `{ url }`) or a redirect,
 * the reason in the url's `error`. A rate-limited one becomes a real 429 with Retry-After
 * (the body is kept: next-auth's client reads the url from it).
 */
async function withRateLimitStatus(response: Response): Promise<Response> {
  const target = response.headers.get("location") ?? (await urlInBody(response));
  if (!target) return response;
  const wait = rateLimitedSignInWait(new URL(target, "http://herald.invalid").searchParams.get("error"));
  if (wait === null) return response;
  const headers = new Headers(response.headers);
  headers.set("Retry-After", String(wait));
  if (response.status >= 300 && response.status < 400) return new Response(null, { status: response.status, headers });
  return new Response(response.body, { status: 429, headers });
}

async function urlInBody(response: Response): Promise<string | null> {
  if (!response.headers.get("content-type")?.includes("application/json")) return null;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { url?: unknown } | null;
  return typeof body?.url === "string" ? body.url : null;
}

export { handler as GET, handler as POST };
