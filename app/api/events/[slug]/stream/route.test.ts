import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { endEvent } from "@/lib/events/end-event";
import { publishPost } from "@/lib/posts/publish-post";
import { broadcaster } from "@/lib/realtime/broadcaster";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { dataOf, SseReader } from "@/test/sse";
import { closeStreamServer, nodeServer, plainNodeServers, streamPaths, type StreamRequest } from "@/test/stream-paths";
import { waitUntil } from "@/test/wait";

let owner: TestUser;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  owner = await makeUser();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.each(streamPaths)("GET /api/events/[slug]/stream ($name)", ({ get: open }) => {
  afterAll(closeStreamServer);

  /** Opens the stream; it is cancelled after the test. */
  async function get(slug: string, options: StreamRequest = {}) {
    const response = await open(slug, options);
    if (response.body) {
      const body = response.body;
      cleanups.push(() => body.cancel().catch(() => {}));
    }
    return response;
  }

  /** Opens a stream with its own AbortController, aborted (the reader leaves) after the test. */
  async function connect(slug: string, lastEventId?: string) {
    const controller = new AbortController();
    cleanups.push(() => controller.abort());
    const response = await get(slug, { lastEventId, signal: controller.signal });
    return { response, controller };
  }

  it("answers 404 in plain text for an unknown or malformed slug", async () => {
    for (const slug of [`no-such-event-${unique()}`, "Not A Slug", "x".repeat(81)]) {
      const response = await get(slug);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await response.text()).toBe("No such event.");
    }
  });

  it("answers 404 for a draft event: drafts have no readers", async () => {
    const event = await makeEvent(owner);
    await db.event.update({ where: { id: event.id }, data: { status: "DRAFT" } });
    const response = await get(event.slug);
    expect(response.status).toBe(404);
  });

  it.each(["abc", "-1", "1e3", "12345678901", "1.5", "+1", "0x10"])(
    "answers 400 to the malformed Last-Event-ID %j",
    async (lastEventId) => {
      const event = await makeEvent(owner);
      const response = await get(event.slug, { lastEventId });
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await response.text()).toMatch(/Last-Event-ID/);
    },
  );

  it("answers 400 to a malformed lastEventId query too", async () => {
    const event = await makeEvent(owner);
    const response = await get(event.slug, { query: "?lastEventId=abc" });
    expect(response.status).toBe(400);
  });

  it("sends a reset to a reader whose Last-Event-ID is ahead of the log", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "one" });
    const response = await get(event.slug, { lastEventId: "2" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = new SseReader(response.body);
    const text = await reader.readAll();
    expect(text).toMatch(/^retry: \d+\n\n/);
    expect(text).toContain("event: reset\ndata: ");
    expect(reader.changes).toEqual([]);
  });

  it("resumes after Last-Event-ID: retry first, then exactly the missed changes", async () => {
    const event = await makeEvent(owner);
    const published = [];
    for (let i = 1; i <= 3; i++) published.push(await publishPost(owner, event.id, { body: `Update **${i}**` }));

    const { response } = await connect(event.slug, "1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toMatch(/no-cache/);
    expect(response.headers.get("x-accel-buffering")).toBe("no");

    const reader = new SseReader(response.body);
    const { met } = await reader.until((events) => events.filter((e) => e.id !== null).length >= 2);
    expect(met).toBe(true);
    expect(reader.text).toMatch(/^retry: \d+\n\n/);
    expect(reader.text).toContain(`id: 2\nevent: post.published\ndata: {`);
    expect(reader.changes.map((e) => [e.id, e.event])).toEqual([
      ["2", "post.published"],
      ["3", "post.published"],
    ]);
    expect(dataOf(reader.changes[0]!)).toEqual({ post: published[1]!.post });
    expect(dataOf<{ post: { html: string } }>(reader.changes[1]!).post.html).toBe("<p>Update <strong>3</strong></p>\n");

    // Nothing else follows (no duplicate of 1..3).
    await reader.until(() => false, 300);
    expect(reader.changes.map((e) => e.id)).toEqual(["2", "3"]);
  });

  it("takes the position from the lastEventId query when there is no header, and prefers the header", async () => {
    const event = await makeEvent(owner);
    for (let i = 1; i <= 3; i++) await publishPost(owner, event.id, { body: `Update ${i}` });

    const byQuery = new SseReader((await get(event.slug, { query: "?lastEventId=2" })).body);
    await byQuery.until((events) => events.some((e) => e.id !== null));
    expect(byQuery.changes.map((e) => e.id)).toEqual(["3"]);

    const both = new SseReader((await get(event.slug, { query: "?lastEventId=2", lastEventId: "1" })).body);
    await both.until((events) => events.filter((e) => e.id !== null).length >= 2);
    expect(both.changes.map((e) => e.id)).toEqual(["2", "3"]);
  });

  it("delivers a post published after connecting, live", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "before" });
    const before = broadcaster().readerCount;

    const { response } = await connect(event.slug); // no Last-Event-ID: from now on
    const reader = new SseReader(response.body);
    await reader.until((events) => events.some((e) => e.retry !== null));
    await waitUntil(() => broadcaster().readerCount === before + 1, { message: "the subscription" });

    const live = await publishPost(owner, event.id, { body: "breaking" });
    const { met } = await reader.until((events) => events.some((e) => e.id === "2"));
    expect(met).toBe(true);
    expect(reader.changes.map((e) => e.id)).toEqual(["2"]); // not the earlier post
    expect(reader.changes[0]!.event).toBe("post.published");
    expect(dataOf<{ post: { id: string } }>(reader.changes[0]!).post.id).toBe(live.post.id);
  });

  it("unsubscribes when the request is aborted", async () => {
    const event = await makeEvent(owner);
    const before = broadcaster().readerCount;

    const { response, controller } = await connect(event.slug, "0");
    const reader = new SseReader(response.body);
    await reader.until((events) => events.some((e) => e.retry !== null));
    await waitUntil(() => broadcaster().readerCount === before + 1, { message: "the reader to be counted" });

    controller.abort();
    await waitUntil(() => broadcaster().readerCount === before, { message: "the reader to be dropped" });

    // And nothing is written to it any more.
    await publishPost(owner, event.id, { body: "after the reader left" });
    await reader.until(() => false, 500);
    expect(reader.changes).toEqual([]);
  });

  it("sends a live reader `ended` and then closes its stream", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "before" });
    const before = broadcaster().readerCount;
    const { response } = await connect(event.slug);
    const reader = new SseReader(response.body);
    await reader.until((events) => events.some((e) => e.retry !== null));
    await waitUntil(() => broadcaster().readerCount === before + 1, { message: "the subscription" });

    await publishPost(owner, event.id, { body: "last words" });
    const { seq } = await endEvent(owner, event.id);
    expect(seq).toBe(3);
    await reader.readAll(); // the server ends the body: the reader reaches done
    expect(reader.done).toBe(true);
    expect(reader.changes.map((e) => [e.id, e.event])).toEqual([
      ["2", "post.published"],
      ["3", "ended"],
    ]);
    expect(reader.events.at(-1)!.event).toBe("ended");
    expect(dataOf(reader.changes[1]!)).toEqual({});
    expect(broadcaster().readerCount).toBe(before);
  });

  it("answers 204 with no body to a reader of an ended event who has everything", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "one" });
    const { seq } = await endEvent(owner, event.id);
    const before = broadcaster().readerCount;
    for (const options of [{ lastEventId: String(seq) }, { query: `?lastEventId=${seq}` }, {}]) {
      const response = await get(event.slug, options);
      expect(response.status).toBe(204);
      expect(response.body).toBeNull();
      expect(await response.text()).toBe("");
    }
    expect(broadcaster().readerCount).toBe(before);
  });

  it("replays what a reader of an ended event missed, `ended` included, then ends the body", async () => {
    const event = await makeEvent(owner);
    for (let i = 1; i <= 3; i++) await publishPost(owner, event.id, { body: `Update ${i}` });
    await endEvent(owner, event.id);
    const before = broadcaster().readerCount;

    const { response } = await connect(event.slug, "1");
    expect(response.status).toBe(200);
    const reader = new SseReader(response.body);
    const text = await reader.readAll();
    expect(text).toMatch(/^retry: \d+\n\n/);
    expect(reader.changes.map((e) => [e.id, e.event])).toEqual([
      ["2", "post.published"],
      ["3", "post.published"],
      ["4", "ended"],
    ]);
    expect(text.endsWith("id: 4\nevent: ended\ndata: {}\n\n")).toBe(true);
    await waitUntil(() => broadcaster().readerCount === before, { message: "the reader to be let go" });
  });

  it("unsubscribes when the body is cancelled (the client went away)", async () => {
    const event = await makeEvent(owner);
    const before = broadcaster().readerCount;
    const response = await get(event.slug);
    await waitUntil(() => broadcaster().readerCount === before + 1, { message: "the reader to be counted" });
    await response.body!.cancel();
    await waitUntil(() => broadcaster().readerCount === before, { message: "the reader to be dropped" });
  });
});

describe.each(plainNodeServers)("the plain Node adapter's bytes on the wire ($name)", ({ originOf }) => {
  afterAll(closeStreamServer);

  it("are the SSE messages themselves: no chunked framing, and the connection closes after the body", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "On the wire" });
    const { hostname, port } = new URL(await originOf());
    const socket = net.connect(Number(port), hostname);
    cleanups.push(() => void socket.destroy());
    socket.write(`GET /api/events/${event.slug}/stream HTTP/1.1\r\nHost: herald.test\r\nLast-Event-ID: 0\r\n\r\n`);
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
    await waitUntil(() => received.includes("event: post.published"));

    const [head, body] = received.split("\r\n\r\n", 2) as [string, string];
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head.toLowerCase()).toContain("\r\nconnection: close");
    expect(head.toLowerCase()).not.toContain("transfer-encoding");
    expect(head).toMatch(/\r\nDate: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT(\r\n|$)/);
    // The body starts with the first message's own bytes, not a chunk-size line.
    expect(body).toMatch(/^retry: \d+\n\nid: 1\nevent: post\.published\ndata: \{/);
  });
});

describe("the plain Node adapter's connections", () => {
  afterAll(closeStreamServer);

  it("answers refusals with a status and the reason", async () => {
    const unknown = await fetch(`${await nodeServer()}/api/events/no-such-${unique()}/stream`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe("No such event.");
    const event = await makeEvent(owner);
    const badId = await fetch(`${await nodeServer()}/api/events/${event.slug}/stream`, {
      headers: { "Last-Event-ID": "x" },
    });
    expect(badId.status).toBe(400);
    expect(await badId.text()).toBe("Last-Event-ID must be a change number.");
  });

  it("notices a reader who leaves with a FIN, not only one whose socket errs", async () => {
    const event = await makeEvent(owner);
    const { hostname, port } = new URL(await nodeServer());
    const before = broadcaster().readerCount;
    const socket = net.connect(Number(port), hostname);
    cleanups.push(() => void socket.destroy());
    socket.write(`GET /api/events/${event.slug}/stream HTTP/1.1\r\nHost: herald.test\r\n\r\n`);
    await waitUntil(() => broadcaster().readerCount === before + 1, { message: "subscribed" });
    socket.end(); // half-close: nothing more to send
    await waitUntil(() => broadcaster().readerCount === before, { message: "the reader was let go" });
  });
});
