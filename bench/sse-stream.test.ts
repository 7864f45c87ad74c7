import { describe, expect, it } from "vitest";
import { SseStream } from "./sse-stream";

function feedAll(parts: string[]) {
  const stream = new SseStream();
  const posts: number[] = [];
  for (const part of parts) stream.feed(part, (n) => posts.push(n));
  return { stream, posts };
}

const head = (extra = "") => `HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n${extra}\r\n`;
const chunk = (text: string) => `${text.length.toString(16)}\r\n${text}\r\n`;

describe("the load generator's SSE reader", () => {
  it("reads the status and counts one post per event whose data names it", () => {
    const body =
      'retry: 1000\n\n: heartbeat\n\nid: 7\nevent: post.published\ndata: {"html":"<p>bench-12</p>"}\n\ndata: bench-13\n\n';
    const { stream, posts } = feedAll([head(), body]);
    expect(stream.status).toBe(200);
    expect(posts).toEqual([12, 13]);
  });

  it("decodes a chunked body cut anywhere, head included", () => {
    const wire =
      head("Transfer-Encoding: chunked\r\n") +
      chunk("retry: 1000\n\n") +
      chunk("data: bench-1\n\n") +
      chunk("id: 2\ndata: x bench-2 y\n\n");
    for (let size = 1; size <= 9; size++) {
      const parts = wire.match(new RegExp(`[\\s\\S]{1,${size}}`, "g"))!;
      expect(feedAll(parts).posts).toEqual([1, 2]);
    }
  });

  it("waits for the blank line that ends an event, and ignores markers outside data lines", () => {
    const { posts } = feedAll([head(), "id: bench-5\ndata: bench-", "6", "\n", "\n"]);
    expect(posts).toEqual([6]);
  });

  it("accepts CRLF line ends and notes the end of a chunked body", () => {
    const { stream, posts } = feedAll([
      head("Transfer-Encoding: chunked\r\n"),
      chunk("data: bench-3\r\n\r\n"),
      "0\r\n\r\n",
    ]);
    expect(posts).toEqual([3]);
    expect(stream.ended).toBe(true);
  });

  it("reports a refusal's status", () => {
    const { stream, posts } = feedAll(["HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\n\r\nfull"]);
    expect(stream.status).toBe(503);
    expect(posts).toEqual([]);
  });

  it("counts the same from bytes as from text, wherever the reads are cut", () => {
    const event = (n: number) =>
      `id: ${n}\nevent: post.published\ndata: {"post":{"html":"<p>bench-${n} and bench-x</p>","id":"bench-0"}}\n\n`;
    const plain = head() + "retry: 1000\n\n" + [1, 2, 3].map(event).join("") + ": heartbeat\n\n" + event(44);
    const chunked =
      head("Transfer-Encoding: chunked\r\n") +
      [chunk("retry: 1000\n\n"), ...[5, 6, 77].map((n) => chunk(event(n)))].join("");
    for (const [wire, expected] of [
      [plain, [1, 2, 3, 44]],
      [chunked, [5, 6, 77]],
    ] as const) {
      const bytes = Buffer.from(wire, "latin1");
      // Cut after every event, and at fixed sizes that cut through events and chunk framing.
      const cuts = [
        [...wire.matchAll(/\n\n(\r\n)?/g)].map((m) => m.index! + m[0].length),
        ...[7, 50, 333].map((size) => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => (i + 1) * size)),
      ];
      for (const ends of cuts) {
        const stream = new SseStream();
        const posts: number[] = [];
        let from = 0;
        for (const end of [...ends, bytes.length]) {
          if (end <= from) continue;
          const read = Buffer.alloc(1024, "bench-9\n\n"); // stale bytes past the read must not count
          bytes.copy(read, 0, from, Math.min(end, bytes.length));
          stream.feedBytes(read, Math.min(end, bytes.length) - from, (n) => posts.push(n));
          from = Math.min(end, bytes.length);
        }
        expect(posts).toEqual(expected);
      }
    }
  });
});
