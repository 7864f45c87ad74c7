import "server-only";
import { STATUS_CODES, type ServerResponse } from "node:http";
import { Socket } from "node:net";
import type { Writable } from "node:stream";
import type { Sink } from "./broadcaster";
import { startStream, type StreamAnswer } from "./open-stream";
import { goAwayJitterMs, goAwayRetryMs } from "./broadcaster";
import { encodeEvent, encodeRetry } from "./sse";
import { maxQueuedBytes, maxStallMs } from "./sse-response";

// The plain Node adapter: serves lib/realtime/open-stream.ts's answer on a ServerResponse,
// or on a bare socket that no HTTP server holds (a stream process's front door), for the
// production server (lib/server/sse-fast-path.ts). Same answers, bytes and limits
// as the route handler's Web-streams adapter (lib/realtime/sse-response.ts), for a small
// fraction of the memory: one small object per reader and no pending promises, closures
// or timers (see docs/performance.md).

// The body ends with the connection (`Connection: close`, no Transfer-Encoding): no
// chunked framing around every message (one buffer per write instead of three) and no
// keep-alive timer after the stream ends. EventSource opens a new connection to
// reconnect anyway.
const streamHead = [
  "Content-Type",
  "text/event-stream; charset=utf-8",
  "Cache-Control",
  "no-cache, no-transform",
  "X-Accel-Buffering",
  "no",
  "X-Content-Type-Options",
  "nosniff",
  "Connection",
  "close",
];
const sinkOf = Symbol("herald.sink");
/** What a sink ends or destroys when its reader goes (the response, or the bare socket), marked with its sink. */
type Connection = (ServerResponse | Socket) & { [sinkOf]?: NodeSink };
/** Where a sink's messages go (the response, or its socket: see NodeSink), marked with its sink. */
type Out = Writable & { [sinkOf]?: NodeSink };

/**
 * The stream's status line and headers. node:http frames a body of unknown length in
 * chunks even when the response says `Connection: close`; removing Transfer-Encoding is
 * how it is told not to (it then closes the connection after the body instead).
 */
function writeStreamHead(response: ServerResponse): void {
  response.removeHeader("Transfer-Encoding");
  response.writeHead(200, streamHead);
}

/** Writes what openStream() decided to `response`. */
export function answerNode(response: ServerResponse, answer: StreamAnswer): void {
  switch (answer.kind) {
    case "text": {
      const headers: Record<string, string> = { "Content-Type": "text/plain; charset=utf-8" };
      if (answer.retryAfter) headers["Retry-After"] = answer.retryAfter;
      response.writeHead(answer.status, headers).end(answer.message);
      return;
    }
    case "no-content":
      response.writeHead(204).end();
      return;
    case "reset":
      writeStreamHead(response);
      response.write(encodeRetry(1_000, 4_000));
      response.end(encodeEvent("reset", { reason: "unknown position: reload" }));
      return;
    case "go-away":
      // A jittered delay, then a new connection (streamHead closes this one), which the load
      // balancer sends to a process still running. A 503 would make EventSource give up.
      writeStreamHead(response);
      response.end(encodeRetry(goAwayRetryMs, goAwayJitterMs));
      return;
    case "stream":
      return stream(response, answer);
  }
}

function stream(response: ServerResponse, answer: { eventId: string; cursor: number }): void {
  if (response.destroyed) return; // the reader left while we looked the event up
  writeStreamHead(response);
  response.write(encodeRetry(1_000, 4_000));
  // Once the head is on its way, messages go straight onto the socket (see NodeSink); a
  // response that does not own its socket yet (pipelined behind another) writes through
  // the response, which queues in order.
  const socket = response.socket as (Out & { _httpMessage?: unknown }) | null;
  subscribe(new NodeSink(response, socket?._httpMessage === response ? socket : response), answer);
}

/**
 * Writes what openStream() decided onto a socket that no HTTP server holds: the bytes
 * node:http would have written for answerNode (status line, the same headers, its Date),
 * without its per-request objects. The connection closes after every answer.
 */
export function answerSocket(socket: Socket, answer: StreamAnswer): void {
  if (socket.destroyed) return; // the reader left while we looked the event up
  switch (answer.kind) {
    case "text": {
      const body = Buffer.from(answer.message);
      const retryAfter = answer.retryAfter ? ["Retry-After", answer.retryAfter] : [];
      const headers = ["Content-Type", "text/plain; charset=utf-8", ...retryAfter];
      return last(socket, headBytes(answer.status, [...headers, "Content-Length", String(body.length)]), body);
    }
    case "no-content":
      return last(socket, headBytes(204, []));
    case "reset": {
      const reset = encodeEvent("reset", { reason: "unknown position: reload" });
      return last(socket, streamHeadBytes(), encodeRetry(1_000, 4_000), reset);
    }
    case "go-away":
      return last(socket, streamHeadBytes(), encodeRetry(goAwayRetryMs, goAwayJitterMs));
    case "stream":
      // Head and retry line in one write: one packet.
      socket.write(Buffer.concat([streamHeadBytes(), encodeRetry(1_000, 4_000)]));
      return subscribe(new NodeSink(socket, socket), answer);
  }
}

/**
 * The connection's last bytes, in one write; then it closes once they are out, whether or
 * not the client closes its side (as node:http closes a `Connection: close` response's).
 */
function last(socket: Socket, ...parts: Uint8Array[]): void {
  socket.write(Buffer.concat(parts));
  socket.destroySoon();
}

/** A status line and headers as node:http writes them (it adds the Date; Connection: close here). */
function headBytes(status: number, headers: string[]): Buffer {
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n`;
  for (let i = 0; i < headers.length; i += 2) head += `${headers[i]}: ${headers[i + 1]}\r\n`;
  if (!headers.includes("Connection")) head += "Connection: close\r\n";
  return Buffer.from(`${head}Date: ${utcDate()}\r\n\r\n`, "latin1");
}

/** The Date header's value, made once a second (as node:http does). */
let dateSecond = -1;
let dateText = "";
function utcDate(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(second * 1000).toUTCString();
  }
  return dateText;
}

/** A stream's head, the same for every reader within a second: made once, not per reader. */
let streamHeadCache: { date: string; bytes: Buffer } = { date: "", bytes: Buffer.alloc(0) };
function streamHeadBytes(): Buffer {
  const date = utcDate();
  if (streamHeadCache.date !== date) streamHeadCache = { date, bytes: headBytes(200, streamHead) };
  return streamHeadCache.bytes;
}

function subscribe(sink: NodeSink, answer: { eventId: string; cursor: number }): void {
  // Shared listeners that find their sink on the connection: nothing allocated per reader.
  sink.connection.once("close", onClose);
  startStream(answer, sink, (off) => (sink.closed ? off() : (sink.unsubscribe = off)));
}

function onClose(this: Connection): void {
  const sink = this[sinkOf];
  if (!sink) return;
  sink.closed = true;
  sink.settleDrain(false);
  sink.unsubscribe?.();
}

function onDrain(this: Out): void {
  this[sinkOf]?.settleDrain(true);
}

/**
 * A reader's socket as the broadcaster sees it. Backpressure is Node's own: the bytes
 * held unsent (`writableLength`) and the 'drain' event.
 *
 * `out` is where messages go. Once a response's head and first bytes are on their way,
 * that is its socket: the body is unframed (writeStreamHead), so these are the very bytes
 * response.write() would send; but response.write() also corks the socket and queues a
 * callback to uncork it, for every message to every reader, which on a fan-out to
 * thousands is work (and, under Next's patched process.nextTick, more of it) for nothing.
 */
class NodeSink implements Sink {
  closed = false;
  unsubscribe: (() => void) | undefined = undefined;
  /** When a write last left bytes unsent while none were; 0 while the socket keeps up. */
  private waitingSince = 0;
  private drainWaiter: ((drained: boolean) => void) | undefined = undefined;

  constructor(
    readonly connection: Connection,
    private readonly out: Out,
  ) {
    // The shared 'close' and 'drain' listeners find their sink here.
    connection[sinkOf] = out[sinkOf] = this;
  }

  write(chunk: Uint8Array): boolean {
    if (this.closed) return false;
    this.out.write(chunk);
    if (this.out.writableLength > 0) this.waitingSince ||= Date.now();
    return true;
  }

  full(): boolean {
    return this.out.writableLength > maxQueuedBytes;
  }

  drained(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.out.writableLength === 0) return Promise.resolve(true);
    // No timer of its own: a reader that never drains is stalled(), and the broadcaster's
    // sweep closes it, which settles this with false.
    return new Promise((resolve) => {
      this.drainWaiter = resolve;
      this.out.once("drain", onDrain);
    });
  }

  settleDrain(drained: boolean): void {
    const resolve = this.drainWaiter;
    this.drainWaiter = undefined;
    resolve?.(drained);
  }

  stalled(now: number): boolean {
    if (this.out.writableLength === 0) this.waitingSince = 0;
    return this.waitingSince > 0 && now - this.waitingSince > maxStallMs;
  }

  close(): void {
    if (this.closed) return;
    const stalled = this.stalled(Date.now());
    this.closed = true;
    this.settleDrain(false);
    // A reader that stopped reading would never take the end either: let its bytes go.
    if (stalled) this.connection.destroy();
    else if (this.connection instanceof Socket) this.connection.destroySoon();
    else this.connection.end();
  }
}
