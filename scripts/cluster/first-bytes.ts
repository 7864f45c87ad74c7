// A new connection's first bytes, read before any HTTP parser sees them, so that the
// process holding the socket can decide who serves it (scripts/cluster/connection-role.ts)
// and, if that is another process, send it there with the bytes it read.
import type { Socket } from "node:net";

/** The IPC message that carries a connection's socket, and its first bytes, to a server process. */
export const handOffMessage = "herald:connection";
export type HandOff = { type: typeof handOffMessage; head: string };

/** A connection that sends nothing for this long is closed (Node's own headersTimeout is 60 s). */
const firstBytesTimeoutMs = 30_000;

/**
 * Calls `then` with the first bytes the client sent (latin1; normally its whole request
 * head). Nothing more is read: the rest of the request, such as a POST's body, stays in
 * the kernel's buffer for whichever process serves the connection.
 */
export function readFirstBytes(socket: Socket, then: (head: string) => void): void {
  socket.setTimeout(firstBytesTimeoutMs, () => socket.destroy());
  socket.on("error", () => socket.destroy());
  socket.once("data", (first: Buffer) => {
    socket.pause();
    // pause() alone only stops 'data' events; the handle would go on reading.
    const handle = (socket as unknown as { _handle?: { readStop(): number; reading: boolean } })._handle;
    if (handle) {
      handle.reading = false;
      handle.readStop();
    }
    socket.setTimeout(0);
    const buffered = socket.read() as Buffer | null;
    then((buffered ? Buffer.concat([first, buffered]) : first).toString("latin1"));
  });
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
  server.emit("connection", socket);
  socket.unshift(Buffer.from(head, "latin1"));
  socket.resume();
}
