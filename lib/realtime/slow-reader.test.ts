import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/events/[slug]/stream/route";
import { publishPost } from "@/lib/posts/publish-post";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { range } from "@/test/sink";
import { SseReader } from "@/test/sse";
import { waitUntil } from "@/test/wait";
import { broadcaster } from "./broadcaster";
import { maxQueuedBytes, maxStallMs } from "./sse-response";

// Readers who stop reading, through the real stream route. Called directly, a response
// body is read only by whoever calls read(): a body nobody reads keeps every byte queued
// in its stream, exactly like a socket whose peer has stopped taking data.
let owner: TestUser;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  owner = await makeUser();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Opens a stream (from now on); the test decides whether anyone reads it. */
async function open(slug: string) {
  const controller = new AbortController();
  cleanups.push(() => controller.abort());
  const request = new Request(`http://localhost/api/events/${slug}/stream`, { signal: controller.signal });
  const response = await GET(request, { params: Promise.resolve({ slug }) });
  expect(response.status).toBe(200);
  const body = response.body!;
  cleanups.push(() => body.cancel().catch(() => {}));
  return body;
}

/** A reader that reads: the retry line has arrived, so it is subscribed. */
async function reading(slug: string) {
  const reader = new SseReader(await open(slug));
  expect((await reader.until((events) => events.some((e) => e.retry !== null))).met).toBe(true);
  return reader;
}

const seqs = (reader: SseReader) => reader.changes.map((e) => Number(e.id));
// About 10 KB of Markdown, rendered to about as much HTML: one message is ~10 KB.
const largeBody = (n: number) => `Update ${n}: ${"lorem ipsum dolor sit amet ".repeat(370)}`;

describe("slow readers (through the stream route)", () => {
  it(`holds a non-reader to ${maxQueuedBytes} bytes (+1 message) and cuts it off once it has stayed full for over ${maxStallMs} ms; a reader gets everything`, async () => {
    const event = await makeEvent(owner);
    const before = broadcaster().readerCount;
    const normal = await reading(event.slug);
    const slow = await open(event.slug); // never read until it is over
    await waitUntil(() => broadcaster().readerCount === before + 2, { message: "both subscribed" });

    // Large posts, one at a time; the reading reader gets each one.
    const n = 12;
    for (let i = 1; i <= n; i++) {
      await publishPost(owner, event.id, { body: largeBody(i) });
      expect((await normal.until((events) => events.some((e) => e.id === String(i)))).met).toBe(true);
    }
    // The sweep, with its clock past the threshold (the real sweep, or the stream's own
    // drain timer, may have cut it already): the non-reader's stream has stayed full for
    // longer than maxStallMs; the reader who reads has nothing queued, so it stays.
    broadcaster().sweep(Date.now() + maxStallMs + 1);
    expect(broadcaster().readerCount).toBe(before + 1);

    // What its stream held then ends, is a gapless prefix 1..k, and was never more than
    // maxQueuedBytes plus the one message that crossed it: the rest waited as references.
    const held = new SseReader(slow);
    const text = await held.readAll(30_000);
    const k = seqs(held).length;
    expect(seqs(held)).toEqual(range(1, k));
    expect(k).toBeGreaterThan(1);
    expect(k).toBeLessThan(n);
    const bytes = new TextEncoder().encode(text).byteLength;
    const lastMessageStart = new TextEncoder().encode(text.slice(0, text.indexOf(`id: ${k}\n`))).byteLength;
    const lastMessage = bytes - lastMessageStart;
    expect(lastMessage).toBeGreaterThan(9_000); // the messages really were large
    expect(lastMessageStart).toBeLessThanOrEqual(maxQueuedBytes);
    expect(bytes).toBeLessThanOrEqual(maxQueuedBytes + lastMessage);

    // The reading reader has every post, in order, and is still connected and live.
    await publishPost(owner, event.id, { body: "small, after" });
    expect((await normal.until((events) => events.some((e) => e.id === String(n + 1)))).met).toBe(true);
    expect(seqs(normal)).toEqual(range(1, n + 1));
    expect(normal.done).toBe(false);
  }, 120_000);

  it(`lets a reader catch up on far more than ${maxQueuedBytes} bytes without cutting it off`, async () => {
    const event = await makeEvent(owner);
    const n = 20; // ~200 KB of replay
    for (let i = 1; i <= n; i++) await publishPost(owner, event.id, { body: largeBody(i) });
    const controller = new AbortController();
    cleanups.push(() => controller.abort());
    const request = new Request(`http://localhost/api/events/${event.slug}/stream`, {
      headers: { "Last-Event-ID": "0" },
      signal: controller.signal,
    });
    const response = await GET(request, { params: Promise.resolve({ slug: event.slug }) });
    const reader = new SseReader(response.body!);
    expect((await reader.until((events) => events.some((e) => e.id === String(n)))).met).toBe(true);
    expect(seqs(reader)).toEqual(range(1, n));
    await publishPost(owner, event.id, { body: "and live after it" });
    expect((await reader.until((events) => events.some((e) => e.id === String(n + 1)))).met).toBe(true);
    expect(reader.done).toBe(false);
  });

  it(
    `cuts off a non-reader after ${maxStallMs} ms only when a write left bytes pending`,
    { timeout: 120_000 },
    async () => {
      const [busy, quiet] = [await makeEvent(owner), await makeEvent(owner)];
      const before = broadcaster().readerCount;
      const normal = await reading(busy.slug);
      const stalled = await open(busy.slug); // will have a change pending
      const idle = await open(quiet.slug); // only its opening retry line is pending; nothing is published
      await waitUntil(() => broadcaster().readerCount === before + 3, { message: "3 subscriptions" });

      const started = Date.now();
      await publishPost(owner, busy.id, { body: "A small post" }); // a few hundred bytes: far below the size limit
      expect((await normal.until((events) => events.some((e) => e.id === "1"))).met).toBe(true);
      // The stall clock starts at the write that left bytes pending, after `started`: a
      // sweep whose clock is at the threshold cuts nobody. (Only while the real clock is
      // not past it either: on a slow machine the real sweep may have cut it already.)
      if (Date.now() - started <= maxStallMs) {
        broadcaster().sweep(started + maxStallMs);
        expect(broadcaster().readerCount).toBe(before + 3);
      }
      // Past the threshold, the stalled reader is cut; the idle one, whose retry line has
      // been pending as long, is not: that alone never starts the stall clock.
      broadcaster().sweep(Date.now() + maxStallMs + 1);
      expect(broadcaster().readerCount).toBe(before + 2);

      // The stalled reader's stream was closed after what it had been sent.
      const cut = new SseReader(stalled);
      await cut.readAll(30_000);
      expect(seqs(cut)).toEqual([1]);

      // The idle reader, which read nothing for as long, is still subscribed: its pending
      // retry line alone never starts the stall clock. It reads now, and is live.
      const stillThere = new SseReader(idle);
      expect((await stillThere.until((events) => events.some((e) => e.retry !== null), 10_000)).met).toBe(true);
      expect(stillThere.done).toBe(false);
      await publishPost(owner, quiet.id, { body: "Finally something" });
      expect((await stillThere.until((events) => events.some((e) => e.id === "1"))).met).toBe(true);

      // The reader that kept reading was never cut, and still is live.
      await publishPost(owner, busy.id, { body: "Another" });
      expect((await normal.until((events) => events.some((e) => e.id === "2"))).met).toBe(true);
      expect(seqs(normal)).toEqual([1, 2]);
      expect(normal.done).toBe(false);
      expect(broadcaster().readerCount).toBe(before + 2);
    },
  );
});
