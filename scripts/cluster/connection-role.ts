// Whose is a new connection: a reader's or the newsroom's? The stream process that
// accepted it decides from its first bytes (scripts/stream-worker.ts), before any Next
// process has spent anything on it. Readers' streams stay there; their other requests go
// to reader processes, the newsroom's to newsroom processes, so a crowd of readers never
// shares an event loop with a publish.
//
// This is a priority, not a permission: every process serves every route, and a
// keep-alive connection keeps the process its first request chose.

export type ConnectionRole = "reader" | "newsroom";

/** Pages and endpoints only editors use (app/(auth), app/(dashboard), the write APIs). */
const newsroomPaths = [
  /^\/dashboard(?:[/?]|$)/,
  /^\/(?:sign-in|sign-up)(?:[/?]|$)/,
  /^\/invite\//,
  /^\/api\/auth\//,
  /^\/api\/v1\//,
  /^\/api\/events\/[^/?]+\/(?:presence|uploads)(?:[/?]|$)/,
];

/** next-auth's session cookie (`__Secure-` over TLS, `.0`, `.1` … when split). */
const sessionCookie = /^cookie:[^\r\n]*next-auth\.session-token/im;
const bearer = /^authorization:/im;

/**
 * `head` is what the client sent first (latin1), normally the whole request head. Reads
 * (GET, HEAD) of public pages, streams and assets without credentials are readers';
 * every write, every editor page and anything signed in is the newsroom's. A head too
 * short to tell is a reader's: the newsroom's processes are kept for those who show
 * they are the newsroom.
 */
export function connectionRole(head: string): ConnectionRole {
  const lineEnd = head.indexOf("\r\n");
  const requestLine = lineEnd === -1 ? head : head.slice(0, lineEnd);
  const [method, target] = requestLine.split(" ", 2);
  if (method === undefined || target === undefined) return "reader";
  if (method !== "GET" && method !== "HEAD") return "newsroom";
  if (newsroomPaths.some((path) => path.test(target))) return "newsroom";
  const headers = lineEnd === -1 ? "" : head.slice(lineEnd + 2);
  if (sessionCookie.test(headers) || bearer.test(headers)) return "newsroom";
  return "reader";
}
