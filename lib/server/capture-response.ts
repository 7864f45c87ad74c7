// Renders a request through Next into memory instead of onto a socket, for the page
// cache: a synthetic request (so no client's disconnect or headers shape a shared page)
// and a response that keeps what Next writes. No `import "server-only"`: see
// page-invalidation.ts.
import http, { type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import net from "node:net";

export type Captured = {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
};

export type Render = (request: IncomingMessage, response: ServerResponse) => unknown;

/** A ServerResponse with no socket: writes are kept, and `end` finishes it at once. */
class MemoryResponse extends http.ServerResponse {
  private readonly chunks: Buffer[] = [];
  private resolveDone!: (captured: Captured) => void;
  private rejectDone!: (error: Error) => void;
  readonly done = new Promise<Captured>((resolve, reject) => {
    this.resolveDone = resolve;
    this.rejectDone = reject;
  });

  override writeHead(status: number, ...rest: unknown[]): this {
    this.statusCode = status;
    const headers = rest.find((r) => typeof r === "object" && r !== null) as OutgoingHttpHeaders | undefined;
    for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) this.setHeader(name, value);
    return this;
  }

  override flushHeaders(): void {}

  // Next destroys a response when rendering fails after it started writing.
  override destroy(error?: Error): this {
    this.rejectDone(error ?? new Error("The render was abandoned."));
    return this;
  }

  override write(chunk: unknown, ...rest: unknown[]): boolean {
    this.keep(chunk, rest);
    return true;
  }

  override end(chunk?: unknown, ...rest: unknown[]): this {
    if (this.finished) return this;
    if (typeof chunk !== "function") this.keep(chunk, rest);
    this.finished = true;
    this.resolveDone({ status: this.statusCode, headers: this.getHeaders(), body: Buffer.concat(this.chunks) });
    const callback = [chunk, ...rest].find((r) => typeof r === "function") as (() => void) | undefined;
    queueMicrotask(() => {
      this.emit("prefinish");
      this.emit("finish");
      this.emit("close");
      callback?.();
    });
    return this;
  }

  private keep(chunk: unknown, rest: unknown[]): void {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    const encoding = typeof rest[0] === "string" ? (rest[0] as BufferEncoding) : "utf8";
    this.chunks.push(typeof chunk === "string" ? Buffer.from(chunk, encoding) : Buffer.from(chunk as Uint8Array));
  }
}

/** GETs `url` from Next with exactly `headers`, and resolves with the whole response. */
export function captureResponse(render: Render, url: string, headers: Record<string, string>): Promise<Captured> {
  const socket = new net.Socket();
  const request = new http.IncomingMessage(socket);
  request.method = "GET";
  request.url = url;
  request.httpVersion = "1.1";
  request.headers = { ...headers };
  request.rawHeaders = Object.entries(headers).flat();
  request.push(null); // no body
  const response = new MemoryResponse(request);
  void Promise.resolve(render(request, response)).catch((error: unknown) => response.destroy(error as Error));
  return response.done.finally(() => socket.destroy());
}
