import type http from "node:http";

/** A short text answer from the stream tier itself: never cached. */
export function plain(response: http.ServerResponse, status: number, message: string): void {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
  response.end(`${message}\n`);
}
