// Which Next.js tier serves a request the stream tier does not answer itself, decided per
// request from its method, path and credentials: the newsroom processes take everything a
// signed-in person or a client with a token does, and every write but the readers' own, so
// that however many readers arrive, a publish never waits behind them; the reader processes
// take the rest, readers' reactions, votes and questions included (a storm of them is readers' load).

export type Tier = "reader" | "newsroom";

const newsroomPaths =
  /^\/(?:dashboard|sign-in|sign-up|invite|api\/auth|api\/v1)(?:\/|$)|^\/api\/events\/[^/]+\/(?:presence|uploads)(?:\/|$)/;
/** next-auth's session cookie (the `__Secure-` name over https). */
const sessionCookie = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=/;

/** What readers (no account) send: a reaction (POST/DELETE), a poll vote (POST), a question (POST). */
const readerWrites = /^\/api\/events\/[^/]+\/(?:posts\/[^/]+\/(?:reactions|poll)|questions)\/?$/;

type Headers = Record<string, string | string[] | undefined>;

export function chooseTier(method: string, pathname: string, headers: Headers): Tier {
  if ((method === "POST" || method === "DELETE") && readerWrites.test(pathname)) return "reader";
  if (method !== "GET" && method !== "HEAD") return "newsroom";
  if (newsroomPaths.test(pathname)) return "newsroom";
  if (headers.authorization !== undefined || hasSession(headers)) return "newsroom";
  return "reader";
}

export function hasSession(headers: Headers): boolean {
  const cookie = headers.cookie;
  return typeof cookie === "string" && sessionCookie.test(cookie);
}
