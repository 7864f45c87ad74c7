// A new connection's first bytes, read before any HTTP parser sees them, so that the
// process holding the socket can decide who serves it (scripts/cluster/connection-role.ts)
// and, if that is another process, send it there with the bytes it read.
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { ConnectionRole } from "./connection-role";

/** A server process's role under the cluster primary (scripts/server-cluster.ts). */
export type ProcessRole = "stream" | ConnectionRole;

/** The IPC message that carries a connection's socket, and its first bytes, to a server process of `role`. */
export const handOffMessage = "herald:connection";
export type HandOff = { type: typeof handOffMessage; role: ProcessRole; head: string };

/** A connection that sends nothing for this long is closed (Node's own headersTimeout is 60 s). */
const firstBytesTimeoutMs = 30_000;

// A shared listener (`this` is the socket), removed once the HTTP server takes over: a
// reader's connection lives for hours, and nothing per connection should stay attached.
function destroySocket(this: Socket) {
  this.destroy();
}

/**
 * Calls `then` with the first bytes the client sent (latin1; normally its whole request
 * head), with the socket paused. `then` runs in the same tick as the read, so nothing
 * more has been read when it decides: to serve the socket here (serveHere) or to send it
 * elsewhere (stopReading first).
 */
export function readFirstBytes(socket: Socket, then: (head: string) => void): void {
  socket.setTimeout(firstBytesTimeoutMs);
  socket.on("timeout", destroySocket);
  socket.on("error", destroySocket);
  socket.once("data", (first: Buffer) => {
    socket.pause();
    socket.setTimeout(0);
    socket.off("timeout", destroySocket);
    then(first.toString("latin1"));
  });
}

/**
 * Before a socket goes to another process: pause() alone only stops 'data' events, and
 * the handle would go on reading bytes (a POST's body) that the other process must get.
 * They stay in the kernel's buffer instead.
 */
export function stopReading(socket: Socket): void {
  const handle = (socket as unknown as { _handle?: { readStop(): number; reading: boolean } })._handle;
  if (!handle) return;
  handle.reading = false;
  handle.readStop();
}

/**
 * Serves a connection in this process's HTTP server as if the server had accepted it:
 * the bytes already read go back in front of the rest.
 */
export function serveHere(
  server: { emit(event: "connection", socket: Socket): unknown },
  socket: Socket,
  head: string,
) {
  // What node:http does for the sockets it accepts itself (its noDelay option), and a
  // socket accepted by the front door or handed over has not had: without it, Nagle's
  // algorithm holds a response's second write (or an SSE message written while the last
  // is unacknowledged) until the client's delayed ACK, 40 ms later.
  socket.setNoDelay(true);
  server.emit("connection", socket);
  socket.off("error", destroySocket); // the HTTP server handles its errors from here on
  socket.unshift(Buffer.from(head, "latin1"));
  socket.resume();
}

/** A socket handed over whole: closed on error (a reset), as the front door's are. */
export function destroyOnError(socket: Socket): void {
  socket.on("error", destroySocket);
}

/**
 * The head of a request node:http has parsed, as the client sent it (names as written,
 * values without surrounding whitespace), for a request handed on mid-connection.
 */
export function headOf(request: IncomingMessage): string {
  let head = `${request.method} ${request.url} HTTP/${request.httpVersion}\r\n`;
  const raw = request.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) head += `${raw[i]}: ${raw[i + 1]}\r\n`;
  return `${head}\r\n`;
}
