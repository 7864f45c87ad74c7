import "server-only";
import type { ServerResponse } from "node:http";
import type { Writable } from "node:stream";
import type { Sink } from "./broadcaster";
import { startStream, type StreamAnswer } from "./open-stream";
import { goAwayJitterMs, goAwayRetryMs } from "./broadcaster";
import { encodeEvent, encodeRetry } from "./sse";
import { maxQueuedBytes, maxStallMs } from "./sse-response";

// The plain Node adapter: serves lib/realtime/open-stream.ts's answer on a node:http
// ServerResponse, for the stream tier (lib/realtime/serve-node-stream.ts). Same answers,
// bytes and limits as the route handler's Web-streams adapter (lib/realtime/sse-response.ts),
// for a small fraction of the memory: one small object per reader and no pending promises,
// closures or timers (see docs/performance.md).

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
/** What a sink ends or destroys when its reader goes (the response), marked with its sink. */
type Connection = ServerResponse & { [sinkOf]?: NodeSink };
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
  // Once the head is on its way, messages go straight onto the socket (see NodeSink). A
  // response pipelined behind another has no socket yet (node:http assigns it in turn) and
  // writes through the response, which queues in order.
  subscribe(new NodeSink(response, response.socket ?? response), answer);
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
    else this.connection.end();
  }
}
