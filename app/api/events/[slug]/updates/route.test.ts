import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { endEvent } from "@/lib/events/end-event";
import { publishPost, type Published } from "@/lib/posts/publish-post";
import { replayLimit } from "@/lib/realtime/broadcaster";
import { pollIntervalMs, type Updates } from "@/lib/realtime/poll";
import { pollersByEvent } from "@/lib/realtime/poll-readers";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { range } from "@/test/sink";
import { GET } from "./route";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

/** Calls the route handler the way Next does. */
function get(slug: string, query: string, headers?: Record<string, string>) {
  const url = `http://localhost/api/events/${encodeURIComponent(slug)}/updates${query}`;
  return GET(new Request(url, { headers }), { params: Promise.resolve({ slug }) });
}

async function updates(slug: string, since: number | string): Promise<{ response: Response; body: Updates }> {
  const response = await get(slug, `?since=${since}`);
  expect(response.status).toBe(200);
  return { response, body: (await response.json()) as Updates };
}

/** A long history written straight into the log (publishing a thousand posts is slow). */
async function writeHistory(eventId: string, count: number) {
  await db.$executeRaw`
    INSERT INTO "Change" ("eventId", "seq", "type", "data")
    SELECT ${eventId}, s, 'post.deleted'::"ChangeType", jsonb_build_object('postId', 'gone-' || s)
    FROM generate_series(1, ${count}) AS s`;
  await db.event.update({ where: { id: eventId }, data: { lastSeq: count } });
}

describe("GET /api/events/[slug]/updates", () => {
  it("returns exactly the changes after `since`, in order, with the latest seq and when to ask again", async () => {
    const event = await makeEvent(owner);
    const published: Published[] = [];
    for (let i = 1; i <= 4; i++) published.push(await publishPost(owner, event.id, { body: `Update ${i}` }));

    const { response, body } = await updates(event.slug, 1);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(body).toEqual({
      changes: [2, 3, 4].map((seq) => ({ seq, type: "post.published", post: published[seq - 1]!.post })),
      seq: 4,
      ended: false,
      reset: false,
      pollAfterMs: pollIntervalMs,
    });

    // From 0: everything; from the latest: nothing, same advice.
    expect((await updates(event.slug, 0)).body.changes.map((c) => c.seq)).toEqual([1, 2, 3, 4]);
    expect((await updates(event.slug, 4)).body).toEqual({
      changes: [],
      seq: 4,
      ended: false,
      reset: false,
      pollAfterMs: pollIntervalMs,
    });
  });

  it("answers an unchanged event 304 with an empty body to If-None-Match; a publish changes the ETag", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "one" });
    const first = await get(event.slug, "?since=0");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);

    const again = await get(event.slug, "?since=0", { "If-None-Match": etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);

    // Another `since` of the same event state shares the ETag (it names the event's state).
    expect((await get(event.slug, "?since=1")).headers.get("etag")).toBe(etag);

    await publishPost(owner, event.id, { body: "two" });
    const changed = await get(event.slug, "?since=1", { "If-None-Match": etag! });
    expect(changed.status).toBe(200);
    const newEtag = changed.headers.get("etag");
    expect(newEtag).not.toBe(etag);
    expect(((await changed.json()) as Updates).changes.map((c) => c.seq)).toEqual([2]);
    expect((await get(event.slug, "?since=1", { "If-None-Match": newEtag! })).status).toBe(304);
  });

  it("is cacheable for a moment: Cache-Control public with a short max-age", async () => {
    const event = await makeEvent(owner);
    const { response } = await updates(event.slug, 0);
    const cacheControl = response.headers.get("cache-control") ?? "";
    expect(cacheControl).toMatch(/\bpublic\b/);
    const maxAge = Number(/\bmax-age=(\d+)/.exec(cacheControl)?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(5);
    expect(cacheControl).not.toMatch(/no-store|private/);
  });

  it.each([
    ["missing", ""],
    ["empty", "?since="],
    ["letters", "?since=abc"],
    ["negative", "?since=-1"],
    ["11 digits", "?since=12345678901"],
    ["a fraction", "?since=1.5"],
    ["an exponent", "?since=1e3"],
  ])("answers 400 JSON with a message when `since` is %s", async (_label, query) => {
    const event = await makeEvent(owner);
    const response = await get(event.slug, query);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { error: string };
    expect(body.error).toMatch(/since/);
  });

  it("answers 404 JSON for an unknown, malformed or draft event", async () => {
    const draft = await makeEvent(owner);
    await db.event.update({ where: { id: draft.id }, data: { status: "DRAFT" } });
    for (const slug of [`no-such-event-${unique()}`, "Not A Slug", draft.slug]) {
      const response = await get(slug, "?since=0");
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: expect.any(String) });
    }
  });

  it("tells a reader whose `since` is ahead of the log to reset", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "one" });
    const { body } = await updates(event.slug, 2);
    expect(body).toEqual({ changes: [], seq: 1, ended: false, reset: true, pollAfterMs: null });
  });

  it(`tells a reader more than replayLimit (${replayLimit}) behind to reset; one page at a time within reach`, async () => {
    const event = await makeEvent(owner);
    await writeHistory(event.id, replayLimit + 2);

    // since=1 is replayLimit+1 behind: too far.
    const tooFar = (await updates(event.slug, 1)).body;
    expect(tooFar).toMatchObject({ changes: [], seq: replayLimit + 2, reset: true, pollAfterMs: null });

    // Exactly replayLimit behind: the first page, and "ask again at once".
    const page = (await updates(event.slug, 2)).body;
    expect(page.reset).toBe(false);
    expect(page.seq).toBe(replayLimit + 2);
    expect(page.changes.length).toBeGreaterThan(0);
    expect(page.changes.map((c) => c.seq)).toEqual(range(3, 2 + page.changes.length));
    expect(page.changes[0]).toEqual({ seq: 3, type: "post.deleted", postId: "gone-3" });
    expect(page.pollAfterMs).toBe(0);

    // Following the pages reaches the end, and the advice goes back to the interval.
    let since = page.changes.at(-1)!.seq;
    for (let pages = 0; since < replayLimit + 2 && pages < 20; pages++) {
      const next = (await updates(event.slug, since)).body;
      expect(next.changes[0]!.seq).toBe(since + 1);
      since = next.changes.at(-1)!.seq;
      expect(next.pollAfterMs).toBe(since < replayLimit + 2 ? 0 : pollIntervalMs);
    }
    expect(since).toBe(replayLimit + 2);
  });

  it("says an ended event has ended and stops the polling (pollAfterMs null)", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "one" });
    const live = await get(event.slug, "?since=1");
    const liveEtag = live.headers.get("etag");

    const { seq } = await endEvent(owner, event.id);
    expect(seq).toBe(2);
    const missedTheEnd = (await updates(event.slug, 1)).body;
    expect(missedTheEnd).toEqual({
      changes: [{ seq: 2, type: "ended" }],
      seq: 2,
      ended: true,
      reset: false,
      pollAfterMs: null,
    });
    const { response, body } = await updates(event.slug, 2);
    expect(body).toEqual({ changes: [], seq: 2, ended: true, reset: false, pollAfterMs: null });
    expect(response.headers.get("etag")).not.toBe(liveEtag);
  });

  it("counts each poller once for the desk's analytics, by its X-Herald-Poller id, 304s included", async () => {
    const event = await makeEvent(owner);
    const [one, two] = [`poller-${unique()}`, `poller-${unique()}`];
    const first = await get(event.slug, "?since=0", { "x-herald-poller": one });
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect((await get(event.slug, "?since=0", { "x-herald-poller": one, "if-none-match": etag })).status).toBe(304);
    await get(event.slug, "?since=0", { "x-herald-poller": two });
    await get(event.slug, "?since=0"); // no id: not counted
    expect(pollersByEvent().get(event.id)).toBe(2);
  });
});
