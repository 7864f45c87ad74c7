import "server-only";
import http from "node:http";
import { logger } from "@/lib/observability/logger";
import { matchReaderWrite, type ReaderWrite } from "@/lib/reader-writes/routes";
import { plain } from "./plain-answer";

// Readers' reactions, votes and questions, answered in the stream tier by the same route
// handlers Next.js runs (lib/reader-writes/): a vote storm costs this process a parse and
// a batched write per vote, not a proxied request plus Next.js's pipeline, and leaves the
// Next.js processes' cores to pages and publishing (docs/architecture.md).

/** Far above any reader's request (each handler bounds its own, lower); more is refused unread. */
const maxBody = 16 * 1024;

/** Answers the request if it is a reader's write; false when it is not one. */
export function answerReaderWrite(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  pathname: string,
): boolean {
  const route = matchReaderWrite(request.method ?? "GET", pathname);
  if (!route) return false;
  serve(request, response, route).catch((error: unknown) => {
    // The reader left before its body arrived: nobody to answer.
    if (request.errored || response.destroyed) return void response.destroy();
    logger().error({ err: error, path: pathname }, "reader write: failed");
    if (response.headersSent) return void response.destroy();
    plain(response, 500, "The server could not complete this request; try again.");
  });
  return true;
}

async function serve(request: http.IncomingMessage, response: http.ServerResponse, route: ReaderWrite) {
  const body = await readBody(request);
  if (body === null) {
    response.setHeader("Connection", "close"); // the rest of the body is not read
    return plain(response, 413, `The request body is too large (at most ${maxBody} bytes).`);
  }
  const method = request.method ?? "GET";
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (value) for (const each of value) headers.append(name, each);
  }
  // Only the path and query matter to the handlers; the Host header is not trusted for a URL.
  const url = new URL(request.url ?? "/", "http://localhost");
  const web = new Request(url, {
    method,
    headers,
    body: method === "GET" || method === "HEAD" ? null : new Uint8Array(body),
  });
  const answer = await route.handler(web, { params: Promise.resolve(route.params) });
  const bytes = Buffer.from(await answer.arrayBuffer());
  const out: http.OutgoingHttpHeaders = { "content-length": bytes.length };
  answer.headers.forEach((value, name) => {
    if (name !== "set-cookie") out[name] = value;
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length) out["set-cookie"] = cookies;
  response.writeHead(answer.status, out);
  response.end(method === "HEAD" ? undefined : bytes);
}

/** The request's body, or null when it is longer than `maxBody`. */
async function readBody(request: http.IncomingMessage): Promise<Buffer | null> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > maxBody) return null;
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > maxBody) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
