// The two ways the reader's SSE stream is served, for tests that must hold for both: the
// route handler (called the way Next calls it; `next dev`, Next alone) and the stream
// tier's plain Node adapter on node:http (lib/realtime/serve-node-stream.ts), here on a real
// server in the test process, so the broadcaster is this process's own.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { GET } from "@/app/api/events/[slug]/stream/route";
import { serveNodeStream } from "@/lib/realtime/serve-node-stream";

export type StreamRequest = { lastEventId?: string; query?: string; signal?: AbortSignal };
export type StreamPath = { name: string; get: (slug: string, options?: StreamRequest) => Promise<Response> };

let server: http.Server | undefined;
let origin: Promise<string> | undefined;

/** The origin of the test process's node:http server for the plain Node adapter. */
export function nodeServer(): Promise<string> {
  origin ??= new Promise((resolve) => {
    server = http.createServer((request, response) => {
      if (!serveNodeStream(request, response)) response.writeHead(404).end();
    });
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`));
  });
  return origin;
}

/** Stops the test process's server (afterAll). */
export async function closeStreamServer(): Promise<void> {
  const running = server;
  running?.closeAllConnections();
  server = origin = undefined;
  await new Promise((resolve) => (running ? running.close(resolve) : resolve(undefined)));
}

/** The plain Node path, for tests that speak raw HTTP to a server. */
export const plainNodeServers = [{ name: "on node:http", originOf: nodeServer }];

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
