// The adapters that serve the reader's SSE stream, for tests that must hold for all of
// them: the route handler (called the way Next calls it), the plain Node adapter on
// node:http (lib/server/sse-fast-path.ts's serveStreamFast) and on the bare socket a
// stream process's front door read the request from (serveStreamOnSocket). Both plain
// paths run on real servers in the test process, so the broadcaster is this process's own.
import http from "node:http";
import net, { type AddressInfo, type Socket } from "node:net";
import { GET } from "@/app/api/events/[slug]/stream/route";
import { serveStreamFast, serveStreamOnSocket } from "@/lib/server/sse-fast-path";
import { readFirstBytes, serveHere } from "@/scripts/cluster/first-bytes";

export type StreamRequest = { lastEventId?: string; query?: string; signal?: AbortSignal };
export type StreamPath = { name: string; get: (slug: string, options?: StreamRequest) => Promise<Response> };

let server: http.Server | undefined;
let origin: Promise<string> | undefined;
let frontDoor: net.Server | undefined;
let frontDoorOrigin: Promise<string> | undefined;
const frontDoorSockets = new Set<Socket>();
/** What the test front door did with each connection: answered on the socket, or passed to node:http. */
export const frontDoorCounts = { socket: 0, http: 0 };

function httpServer(): http.Server {
  server ??= http.createServer((request, response) => {
    if (!serveStreamFast(request, response)) response.writeHead(404).end();
  });
  return server;
}

function listen(on: net.Server): Promise<string> {
  return new Promise((resolve) =>
    on.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(on.address() as AddressInfo).port}`)),
  );
}

/** The origin of the test process's node:http server for the plain Node adapter. */
export function nodeServer(): Promise<string> {
  origin ??= listen(httpServer());
  return origin;
}

/**
 * The origin of a front door like a stream process's (scripts/stream-worker.ts): a stream
 * request is answered on its socket, anything else goes to the node:http server above.
 */
export function frontDoorServer(): Promise<string> {
  frontDoorOrigin ??= listen(
    (frontDoor = net.createServer((socket) => {
      frontDoorSockets.add(socket);
      socket.once("close", () => frontDoorSockets.delete(socket));
      readFirstBytes(socket, (head) => {
        if (serveStreamOnSocket(socket, head)) return void frontDoorCounts.socket++;
        frontDoorCounts.http++;
        serveHere(httpServer(), socket, head);
      });
    })),
  );
  return frontDoorOrigin;
}

/** Stops the test process's servers (afterAll). */
export async function closeStreamServer(): Promise<void> {
  const running = [server, frontDoor];
  server?.closeAllConnections();
  for (const socket of frontDoorSockets) socket.destroy();
  server = origin = frontDoor = frontDoorOrigin = undefined;
  await Promise.all(running.map((s) => new Promise((resolve) => (s ? s.close(resolve) : resolve(undefined)))));
}

/**
 * The two plain Node paths, for tests that speak raw HTTP to a server: `onSocket` is how
 * many of the connections the front door answers on the socket itself (frontDoorCounts).
 */
export const plainNodeServers = [
  { name: "on node:http", originOf: nodeServer, onSocket: 0 },
  { name: "on the front door's socket", originOf: frontDoorServer, onSocket: 1 },
];

function headersOf(options: StreamRequest) {
  return options.lastEventId === undefined ? undefined : { "Last-Event-ID": options.lastEventId };
}

/** A plain Node path: fetch() against one of the servers above. */
function overHttp(name: string, originOf: () => Promise<string>): StreamPath {
  return {
    name,
    get: async (slug, options = {}) => {
      const url = `${await originOf()}/api/events/${encodeURIComponent(slug)}/stream${options.query ?? ""}`;
      return fetch(url, { headers: headersOf(options), signal: options.signal });
    },
  };
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
  overHttp("plain Node adapter", nodeServer),
  overHttp("plain Node adapter on the front door's socket", frontDoorServer),
];
