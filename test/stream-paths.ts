// The two adapters that serve the reader's SSE stream, for tests that must hold for both:
// the route handler (called the way Next calls it) and the plain Node adapter the
// production server uses (lib/server/sse-fast-path.ts on a real node:http server in the
// test process, so the broadcaster is this process's own).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { GET } from "@/app/api/events/[slug]/stream/route";
import { serveStreamFast } from "@/lib/server/sse-fast-path";

export type StreamRequest = { lastEventId?: string; query?: string; signal?: AbortSignal };
export type StreamPath = { name: string; get: (slug: string, options?: StreamRequest) => Promise<Response> };

let server: http.Server | undefined;
let origin: Promise<string> | undefined;

/** The origin of the test process's node:http server for the plain Node adapter. */
export function nodeServer(): Promise<string> {
  origin ??= new Promise((resolve) => {
    server = http.createServer((request, response) => {
      if (!serveStreamFast(request, response)) response.writeHead(404).end();
    });
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`));
  });
  return origin;
}

/** Stops the test process's node:http server (afterAll). */
export async function closeStreamServer(): Promise<void> {
  const running = server;
  server = origin = undefined;
  running?.closeAllConnections();
  await new Promise((resolve) => (running ? running.close(resolve) : resolve(undefined)));
}

function headersOf(options: StreamRequest) {
  return options.lastEventId === undefined ? undefined : { "Last-Event-ID": options.lastEventId };
}

export const streamPaths: StreamPath[] = [
  {
    name: "route handler",
    get: (slug, options = {}) => {
      const url = `http://localhost/api/events/${encodeURIComponent(slug)}/stream${options.query ?? ""}`;
      const request = new Request(url, { headers: headersOf(options), signal: options.signal });
      return GET(request, { params: Promise.resolve({ slug }) });
    },
  },
  {
    name: "plain Node adapter",
    get: async (slug, options = {}) => {
      const url = `${await nodeServer()}/api/events/${encodeURIComponent(slug)}/stream${options.query ?? ""}`;
      return fetch(url, { headers: headersOf(options), signal: options.signal });
    },
  },
];
