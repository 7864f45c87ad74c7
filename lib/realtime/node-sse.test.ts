import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { publishPost } from "@/lib/posts/publish-post";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { range } from "@/test/sink";
import { SseReader } from "@/test/sse";
import { closeStreamServer, plainNodeServers } from "@/test/stream-paths";
import { waitUntil } from "@/test/wait";
import { broadcaster } from "./broadcaster";
import { maxStallMs } from "./sse-response";

// The plain Node adapter's backpressure, on real sockets: between it and a reader who
// stops reading are the kernel's buffers, then the socket's, then the broadcaster's.
let owner: TestUser;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  owner = await makeUser();
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
afterAll(closeStreamServer);

// Nearly the largest post there is (limits.postMarkdown): one message is ~19 KB.
const largeBody = (n: number) => `Update ${n}: ${"lorem ipsum dolor sit amet ".repeat(700)}`;
const seqsIn = (text: string) => [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));

describe.each(plainNodeServers)("the plain Node adapter ($name) and a reader who stops reading", ({ originOf }) => {
  it(`cuts it off once its socket has not taken bytes for over ${maxStallMs} ms; what it got is gapless, and a reader who reads gets everything`, async () => {
    const event = await makeEvent(owner);
    const origin = await originOf();
    const before = broadcaster().readerCount;

    const controller = new AbortController();
    cleanups.push(() => controller.abort());
    const response = await fetch(`${origin}/api/events/${event.slug}/stream`, { signal: controller.signal });
    const normal = new SseReader(response.body!);

    // A raw socket that takes the head and the retry line, then reads nothing more.
    const { hostname, port } = new URL(origin);
    const stalled = net.connect(Number(port), hostname);
    cleanups.push(() => void stalled.destroy());
    stalled.write(`GET /api/events/${event.slug}/stream HTTP/1.1\r\nHost: herald.test\r\n\r\n`);
    let received = "";
    const take = (chunk: Buffer) => (received += chunk.toString("latin1"));
    stalled.on("data", take);
    await waitUntil(() => received.includes("retry: "), { timeoutMs: 60_000 });
    stalled.pause();
    stalled.off("data", take);
    await waitUntil(() => broadcaster().readerCount === before + 2, { timeoutMs: 60_000, message: "both subscribed" });

    // Far more than the kernel holds for a reader who does not read: up to 4 MiB of send
    // buffer here (net.ipv4.tcp_wmem), and its receive window.
    // The reader who reads reads all the while (one that stopped would be stalled too).
    const n = 400;
    const reading = normal.until((events) => events.some((e) => e.id === String(n)), 240_000);
    for (let i = 1; i <= n; i++) await publishPost(owner, event.id, { body: largeBody(i) });
    expect((await reading).met).toBe(true);

    // The sweep, with its clock past the threshold (the real one may have cut it already):
    // the stalled reader's bytes have waited longer than maxStallMs; the reader who reads
    // has none waiting, so it stays.
    broadcaster().sweep(Date.now() + maxStallMs + 1);
    expect(broadcaster().readerCount).toBe(before + 1);

    // Reading again, it finds a gapless run from the first post, then the end of its stream.
    stalled.on("data", take);
    stalled.resume();
    await new Promise<void>((resolve) => {
      stalled.once("close", () => resolve());
      stalled.once("end", () => resolve());
    });
    const got = seqsIn(received);
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(n);
    expect(got).toEqual(range(1, got.length));

    // The reader who reads has every post, in order, and is still live.
    expect(normal.changes.map((e) => Number(e.id))).toEqual(range(1, n));
    expect(normal.done).toBe(false);
  }, 300_000);
});
