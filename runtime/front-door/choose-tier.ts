// Which Next.js tier serves a request the stream tier does not answer itself, decided per
// request from its method, path and credentials: the newsroom processes take everything a
// signed-in person or a client with a token does, and every write but a reader's question,
// so that however many readers arrive, a publish never waits behind them; the reader
// processes take the rest. Readers' reactions and votes never get here: the stream tier
// answers them itself (reader-writes.ts).

export type Tier = "reader" | "newsroom";

const newsroomPaths =
  /^\/(?:dashboard|sign-in|sign-up|invite|api\/auth|api\/v1)(?:\/|$)|^\/api\/events\/[^/]+\/(?:presence|uploads)(?:\/|$)/;
/** next-auth's session cookie (the `__Secure-` name over https). */
const sessionCookie = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=/;

/** A reader's question (no account): readers' load, for the reader processes. */
const readerQuestion = /^\/api\/events\/[^/]+\/questions\/?$/;

type Headers = Record<string, string | string[] | undefined>;

export function chooseTier(method: string, pathname: string, headers: Headers): Tier {
  if (method === "POST" && readerQuestion.test(pathname)) return "reader";
  if (method !== "GET" && method !== "HEAD") return "newsroom";
  if (newsroomPaths.test(pathname)) return "newsroom";
  if (headers.authorization !== undefined || hasSession(headers)) return "newsroom";
  return "reader";
}

export function hasSession(headers: Headers): boolean {
  const cookie = headers.cookie;
  return typeof cookie === "string" && sessionCookie.test(cookie);
}
