// Signing in to a spawned server (test/server-process.ts) the way a browser does, through
// next-auth's credentials endpoint, keeping the cookies by hand.

export type Session = { cookie: string };

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** The whole answer of one credentials sign-in: its status and, if it worked, the session cookie. */
export async function postCredentials(
  baseUrl: string,
  email: string,
  password: string,
): Promise<{ status: number; retryAfter: string | null; session: Session | null; body: unknown }> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const jar = cookiesOf(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin: baseUrl },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  const session = cookiesOf(response).find((c) => c.startsWith("next-auth.session-token="));
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    session: session ? { cookie: session } : null,
    body: await response.json().catch(() => null),
  };
}

/** Signs in as a browser would, coming back after a 503's Retry-After (a box still starting) for up to 2 min. */
export async function signInTo(baseUrl: string, email: string, password: string): Promise<Session> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { session, status, retryAfter } = await postCredentials(baseUrl, email, password);
    if (session) return session;
    if (status !== 503 || Date.now() > deadline) throw new Error(`Sign-in to ${baseUrl} failed (${status}).`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(Number(retryAfter) || 1, 5) * 1_000));
  }
}
