import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as stream } from "@/app/api/events/[slug]/stream/route";
import type { ApiPost, ApiPostPage } from "@/lib/api/api-posts";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { db } from "@/lib/db";
import { endEvent } from "@/lib/events/end-event";
import { deletePost } from "@/lib/posts/delete-post";
import { publishPost } from "@/lib/posts/publish-post";
import { broadcaster } from "@/lib/realtime/broadcaster";
import { limits } from "@/lib/shared/limits";
import type { PostView } from "@/lib/shared/types";
import { bearer, errorOf, refusedCallers } from "@/test/api";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { eventState, makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { dataOf, SseReader } from "@/test/sse";
import { waitUntil } from "@/test/wait";
import { GET, POST } from "./route";

let owner: TestUser;
let event: { id: string; slug: string };
let secret: string;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  owner = await makeUser();
  event = await makeEvent(owner);
  secret = (await createApiToken(owner, event.id, { name: "Score bot" })).secret;
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const url = (slug: string, query = "") => `http://localhost/api/v1/events/${encodeURIComponent(slug)}/posts${query}`;

/** Calls the route handlers the way Next does. */
function get(slug: string, headers: Record<string, string>, query = "") {
  return GET(new Request(url(slug, query), { headers }), { params: Promise.resolve({ slug }) });
}
function post(slug: string, headers: Record<string, string>, body: BodyInit | null) {
  const init: RequestInit & { duplex?: "half" } = { method: "POST", headers, body };
  if (body instanceof ReadableStream) init.duplex = "half";
  return POST(new Request(url(slug), init), { params: Promise.resolve({ slug }) });
}
const postJson = (slug: string, token: string, json: unknown) =>
  post(slug, { ...bearer(token), "Content-Type": "application/json" }, JSON.stringify(json));

/** A body of `size` bytes that arrives in 8 KiB chunks with no Content-Length; counts what was pulled. */
function streamedBody(size: number) {
  const pulled = { bytes: 0 };
  const chunk = new TextEncoder().encode("x".repeat(8 * 1024));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= size) return controller.close();
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { body, pulled };
}

describe("authorization, for GET and POST /api/v1/events/[slug]/posts", () => {
  // Every kind of caller that must be turned away, and the status each gets.
  const callers = refusedCallers(() => ({ owner, eventId: event.id, secret }));

  it.each(callers)("GET with %s: %i", async (_label, headers, status) => {
    const body = await errorOf(await get(event.slug, await headers()), status);
    expect(body.error.length).toBeGreaterThan(0);
  });

  it.each(callers)("POST with %s: %i, and nothing is written", async (_label, headers, status) => {
    const before = await eventState(event.id);
    const response = await post(event.slug, await headers(), JSON.stringify({ body: "Should not appear" }));
    await errorOf(response, status);
    if (status === 401) expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await eventState(event.id)).toEqual(before);
  });

  it("says why: another event, a cookie, a removed creator", async () => {
    const other = await makeEvent(owner);
    const elsewhere = await createApiToken(owner, other.id, { name: "Elsewhere" });
    expect((await errorOf(await get(event.slug, bearer(elsewhere.secret)), 403)).error).toBe(
      "This token is for another event.",
    );
    expect((await errorOf(await get(event.slug, { Cookie: "a=b" }), 401)).error).toMatch(/cookie/i);
    const removedCreator = callers.find(([label]) => label.includes("removed"))![1];
    expect((await errorOf(await get(event.slug, await removedCreator()), 403)).error).toMatch(
      /no longer an owner or editor/,
    );
  });

  it("answers 404 for an unknown or malformed event, to a valid token", async () => {
    for (const slug of [`no-such-event-${unique()}`, "Not A Slug"]) {
      expect((await errorOf(await get(slug, bearer(secret)), 404)).error).toBe("No such event.");
      expect((await errorOf(await postJson(slug, secret, { body: "Hello" }), 404)).error).toBe("No such event.");
    }
  });
});

describe("POST /api/v1/events/[slug]/posts", () => {
  it("publishes: 201 { post, seq }, in the change log, and live to a reader of the SSE stream", async () => {
    const live = await makeEvent(owner);
    const token = await createApiToken(owner, live.id, { name: "Score bot" });
    await publishPost(owner, live.id, { body: "Before the bot" });

    // A reader connected from now on, as the event page does.
    const controller = new AbortController();
    cleanups.push(() => controller.abort());
    const before = broadcaster().readerCount;
    const response = await stream(
      new Request(`http://localhost/api/events/${live.slug}/stream`, { signal: controller.signal }),
      {
        params: Promise.resolve({ slug: live.slug }),
      },
    );
    const reader = new SseReader(response.body);
    cleanups.push(() => reader.cancel());
    await reader.until((events) => events.some((e) => e.retry !== null));
    await waitUntil(() => broadcaster().readerCount === before + 1, { message: "the subscription" });

    const created = await postJson(live.slug, token.secret, { body: "**2–1** after 67 minutes", headline: "Goal!" });
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const { post: published, seq } = (await created.json()) as { post: ApiPost; seq: number };
    expect(seq).toBe(2);
    expect(published).toEqual({
      id: expect.any(String),
      headline: "Goal!",
      html: "<p><strong>2–1</strong> after 67 minutes</p>\n",
      authorName: owner.name,
      publishedAt: expect.any(String),
      editedAt: null,
      pinned: false,
      keyLabel: null,
      version: 1,
      kind: "standard",
      quoteBy: null,
    });
    expect(created.headers.get("location")).toBe(`/api/v1/events/${live.slug}/posts/${published.id}`);

    // The change log holds exactly what readers get.
    const state = await eventState(live.id);
    expect(state.lastSeq).toBe(2);
    expect(state.changes.map((c) => [c.seq, c.type, c.postId])).toEqual([
      [1, "POST_PUBLISHED", expect.any(String)],
      [2, "POST_PUBLISHED", published.id],
    ]);
    const view: PostView = (state.changes[1]!.data as { post: PostView }).post;
    expect({ ...view, version: 1, kind: "standard", quoteBy: null }).toEqual(published);

    // And the reader got it, live, over the same path as the console's posts.
    const { met } = await reader.until((events) => events.some((e) => e.id === "2"));
    expect(met).toBe(true);
    expect(reader.changes.map((e) => [e.id, e.event])).toEqual([["2", "post.published"]]);
    expect(dataOf(reader.changes[0]!)).toEqual({ post: view });

    // The token's use is recorded.
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).toBeInstanceOf(Date);
  });

  it("takes the headline as optional: left out, null or empty means none", async () => {
    for (const json of [{ body: "a" }, { body: "b", headline: null }, { body: "c", headline: "" }]) {
      const response = await postJson(event.slug, secret, json);
      expect(response.status).toBe(201);
      expect(((await response.json()) as { post: ApiPost }).post.headline).toBeNull();
    }
  });

  it("publishes a post with a poll, and refuses a poll that breaks a rule with 422 on `poll`", async () => {
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    const made = await postJson(event.slug, secret, {
      body: "Vote",
      poll: { question: "Which?", options: ["A", "B"], closesAt },
    });
    expect(made.status).toBe(201);
    const { post } = (await made.json()) as { post: ApiPost & { poll: { options: { label: string }[] } } };
    expect(post.poll).toMatchObject({ question: "Which?", closesAt, closedAt: null });
    expect(post.poll.options.map((o) => o.label)).toEqual(["A", "B"]);
    const before = await db.post.count({ where: { eventId: event.id } });
    for (const poll of [
      { question: "Q", options: ["only"] },
      { question: "Q", options: ["a", "b"], closesAt: "2001-01-01T00:00:00Z" },
      { question: "Q", options: ["a", "b"], extra: true },
      { question: "Q", options: "a,b" },
      "a poll",
    ]) {
      const refused = await postJson(event.slug, secret, { body: "x", poll });
      expect(refused.status, JSON.stringify(poll)).toBe(422);
      const body = (await refused.json()) as { fieldErrors?: Record<string, string[]> };
      expect(body.fieldErrors?.poll?.length, JSON.stringify(poll)).toBeGreaterThan(0);
    }
    expect(await db.post.count({ where: { eventId: event.id } })).toBe(before);
  });

  it("answers 400 with a message to a body that is not JSON, or empty; nothing is written", async () => {
    const before = await eventState(event.id);
    for (const [body, message] of [
      ["{ body: 'not json' }", /not valid JSON/],
      ['{"body": "unterminated', /not valid JSON/],
      ["", /Send a JSON body/],
      [new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /UTF-8/],
    ] as const) {
      const error = await errorOf(await post(event.slug, bearer(secret), body), 400);
      expect(error.error).toMatch(message);
    }
    expect(await eventState(event.id)).toEqual(before);
  });

  it.each([
    ["a body that is not a string", { body: 42 }, "body"],
    ["no body", { headline: "Just a headline" }, "body"],
    ["a headline that is not a string", { body: "ok", headline: ["Goal"] }, "headline"],
    ["an unknown field", { body: "ok", headine: "typo" }, "form"],
    ["an array", [{ body: "ok" }], "form"],
    ["a string", "just text", "form"],
    ["null", null, "form"],
    ["an empty post", { body: "   " }, "body"],
    ["a post over the limit", { body: "x".repeat(limits.postMarkdown + 1) }, "body"],
    ["a headline over the limit", { body: "ok", headline: "h".repeat(limits.headline + 1) }, "headline"],
  ])("answers 422 with fieldErrors to %s; nothing is written", async (_label, json, field) => {
    const before = await eventState(event.id);
    const error = await errorOf(await postJson(event.slug, secret, json), 422);
    expect(error.fieldErrors[field]).toEqual([expect.any(String)]);
    expect(await eventState(event.id)).toEqual(before);
  });

  it("answers 413 to a declared Content-Length over 64 KiB, without reading the body", async () => {
    const before = await eventState(event.id);
    const { body, pulled } = streamedBody(1024 * 1024);
    const response = await post(event.slug, { ...bearer(secret), "Content-Length": String(1024 * 1024) }, body);
    expect((await errorOf(response, 413)).error).toMatch(/64 KiB/);
    expect(pulled.bytes).toBeLessThanOrEqual(16 * 1024); // at most what the stream queued up front
    expect(await eventState(event.id)).toEqual(before);
  });

  it("answers 413 to a body without Content-Length once it passes 64 KiB, and stops reading it", async () => {
    const before = await eventState(event.id);
    const { body, pulled } = streamedBody(10 * 1024 * 1024);
    const response = await post(event.slug, bearer(secret), body);
    expect((await errorOf(response, 413)).error).toMatch(/64 KiB/);
    expect(pulled.bytes).toBeLessThan(96 * 1024);
    expect(await eventState(event.id)).toEqual(before);
  });

  it("answers 413 to a body longer than its Content-Length said", async () => {
    const { body } = streamedBody(200 * 1024);
    const response = await post(event.slug, { ...bearer(secret), "Content-Length": "100" }, body);
    await errorOf(response, 413);
  });

  it("answers 400 to a Content-Length that is not a number", async () => {
    const response = await post(event.slug, { ...bearer(secret), "Content-Length": "lots" }, '{"body":"x"}');
    expect((await errorOf(response, 400)).error).toMatch(/Content-Length/);
  });

  it("fits the longest post in the body limit, even in a three-byte script", async () => {
    const response = await postJson(event.slug, secret, { body: "語".repeat(limits.postMarkdown), headline: "長" });
    expect(response.status).toBe(201);
  });

  it("answers 409 once the coverage has ended; nothing is written", async () => {
    const ended = await makeEvent(owner);
    const token = await createApiToken(owner, ended.id, { name: "Late bot" });
    await endEvent(owner, ended.id);
    const before = await eventState(ended.id);
    expect((await errorOf(await postJson(ended.slug, token.secret, { body: "Too late" }), 409)).error).toMatch(/ended/);
    expect(await eventState(ended.id)).toEqual(before);
  });
});

describe("POST /api/v1/events/[slug]/posts with an Idempotency-Key", () => {
  const withKey = (token: string, key: string) => ({
    ...bearer(token),
    "Content-Type": "application/json",
    "Idempotency-Key": key,
  });
  const send = (slug: string, token: string, key: string, body: string) => post(slug, withKey(token, key), body);

  async function freshEvent() {
    const fresh = await makeEvent(owner);
    return { ...fresh, secret: (await createApiToken(owner, fresh.id, { name: "Wire" })).secret };
  }

  it("answers a retry with the first status and body, says it was replayed, and publishes once", async () => {
    const e = await freshEvent();
    const first = await send(e.slug, e.secret, "goal-67", JSON.stringify({ body: "**2–1**", headline: "Goal!" }));
    const firstText = await first.text();
    // The same request, its keys in another order and spaced otherwise.
    const again = await send(e.slug, e.secret, "goal-67", '{ "headline": "Goal!", "body": "**2–1**" }');

    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("cache-control")).toBe("no-store");
    expect(await again.text()).toBe(firstText);
    const { post: published } = JSON.parse(firstText) as { post: ApiPost };
    expect(again.headers.get("location")).toBe(`/api/v1/events/${e.slug}/posts/${published.id}`);
    const state = await eventState(e.id);
    expect(state.posts).toBe(1);
    expect(state.lastSeq).toBe(1);
  });

  it("answers 422 to the same key with another body, and writes nothing", async () => {
    const e = await freshEvent();
    await send(e.slug, e.secret, "k", JSON.stringify({ body: "Goal!" }));
    const before = await eventState(e.id);
    const error = await errorOf(await send(e.slug, e.secret, "k", JSON.stringify({ body: "No goal (VAR)" })), 422);
    expect(error.error).toMatch(/idempotency key was already used for a different request/);
    expect(await eventState(e.id)).toEqual(before);
  });

  it("publishes once when two sends with one key race, and answers both with the first's body", async () => {
    const e = await freshEvent();
    const body = JSON.stringify({ body: "Half time" });
    const responses = await Promise.all([send(e.slug, e.secret, "ht", body), send(e.slug, e.secret, "ht", body)]);
    expect(responses.map((r) => r.status)).toEqual([201, 201]);
    const [a, b] = await Promise.all(responses.map((r) => r.text()));
    expect(b).toBe(a);
    expect(responses.map((r) => r.headers.get("idempotent-replayed")).sort()).toEqual(["true", null].sort());
    expect((await eventState(e.id)).posts).toBe(1);
  });

  it("scopes a key to its token and event: another token or event with the same key publishes", async () => {
    const e = await freshEvent();
    const other = await freshEvent();
    const second = (await createApiToken(owner, e.id, { name: "Second wire" })).secret;
    const body = JSON.stringify({ body: "Kick-off" });
    const answers = await Promise.all([
      send(e.slug, e.secret, "same", body),
      send(e.slug, second, "same", body),
      send(other.slug, other.secret, "same", body),
    ]);
    expect(answers.map((r) => [r.status, r.headers.get("idempotent-replayed")])).toEqual([
      [201, null],
      [201, null],
      [201, null],
    ]);
    expect((await eventState(e.id)).posts).toBe(2);
    expect((await eventState(other.id)).posts).toBe(1);
  });

  it("keeps no key when the publish is refused, so the retry is done afresh", async () => {
    const e = await freshEvent();
    await errorOf(await send(e.slug, e.secret, "k", JSON.stringify({ body: "   " })), 422);
    await errorOf(await send(e.slug, e.secret, "k", JSON.stringify({ body: "   " })), 422);
    expect(await db.idempotencyKey.count({ where: { eventId: e.id } })).toBe(0);
  });

  it.each([
    ["empty", ""],
    ["too long", "k".repeat(201)],
    ["non-ASCII", "clé"],
  ])("answers 400 to a malformed key (%s); nothing is written", async (_name, key) => {
    const e = await freshEvent();
    const headers = new Headers(withKey(e.secret, "x"));
    // Headers cannot carry non-ASCII: send its UTF-8 bytes as Latin-1, as a client would.
    headers.set("Idempotency-Key", Buffer.from(key).toString("latin1"));
    const error = await errorOf(await post(e.slug, Object.fromEntries(headers), '{"body":"x"}'), 400);
    expect(error.error).toMatch(/1 to 200 printable ASCII/);
    expect((await eventState(e.id)).posts).toBe(0);
  });

  it("checks the token before the key: a replay to a revoked token is 401", async () => {
    const e = await freshEvent();
    const token = await createApiToken(owner, e.id, { name: "Leaving" });
    const body = JSON.stringify({ body: "Once" });
    expect((await send(e.slug, token.secret, "k", body)).status).toBe(201);
    await revokeApiToken(owner, token.id);
    await errorOf(await send(e.slug, token.secret, "k", body), 401);
  });
});

describe("GET /api/v1/events/[slug]/posts", () => {
  async function page(slug: string, token: string, query = ""): Promise<ApiPostPage> {
    const response = await get(slug, bearer(token), query);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    return (await response.json()) as ApiPostPage;
  }

  it("lists published posts newest first, 20 by default, with versions and the latest seq", async () => {
    const listed = await makeEvent(owner);
    const token = await createApiToken(owner, listed.id, { name: "Reader bot" });
    const ids: string[] = [];
    for (let i = 1; i <= 22; i++) ids.push((await publishPost(owner, listed.id, { body: `Update ${i}` })).post.id);
    await deletePost(owner, ids[21]!); // the newest is gone: seq 23

    const first = await page(listed.slug, token.secret);
    expect(first.seq).toBe(23);
    expect(first.posts.map((p) => p.id)).toEqual(ids.slice(1, 21).reverse());
    expect(first.posts[0]).toMatchObject({ html: "<p>Update 21</p>\n", version: 1, authorName: owner.name });
    expect(first.next).toBe(ids[1]);

    const rest = await page(listed.slug, token.secret, `?before=${first.next}`);
    expect(rest).toEqual({ posts: [expect.objectContaining({ id: ids[0] })], seq: 23, next: null });
  });

  it("pages with `limit` and `before`, each post exactly once, even when posts share a time", async () => {
    const listed = await makeEvent(owner);
    const token = await createApiToken(owner, listed.id, { name: "Reader bot" });
    for (let i = 1; i <= 7; i++) await publishPost(owner, listed.id, { body: `Update ${i}` });
    // Four posts at one instant: the id decides their order.
    const rows = await db.post.findMany({ where: { eventId: listed.id }, orderBy: { publishedAt: "asc" } });
    const same = new Date();
    await db.post.updateMany({ where: { id: { in: rows.slice(2, 6).map((r) => r.id) } }, data: { publishedAt: same } });

    const seen: string[] = [];
    const sizes: number[] = [];
    let before: string | null = null;
    do {
      const result: ApiPostPage = await page(listed.slug, token.secret, `?limit=2${before ? `&before=${before}` : ""}`);
      seen.push(...result.posts.map((p) => p.id));
      sizes.push(result.posts.length);
      before = result.next;
    } while (before && sizes.length < 10);
    expect(sizes).toEqual([2, 2, 2, 1]);
    const expected = await db.post.findMany({
      where: { eventId: listed.id },
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(seen).toEqual(expected.map((p) => p.id));
    expect(new Set(seen).size).toBe(7);
  });

  it("keeps a deleted post's place as a cursor", async () => {
    const listed = await makeEvent(owner);
    const token = await createApiToken(owner, listed.id, { name: "Reader bot" });
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) ids.push((await publishPost(owner, listed.id, { body: `Update ${i}` })).post.id);
    await deletePost(owner, ids[1]!);
    expect((await page(listed.slug, token.secret, `?before=${ids[1]}`)).posts.map((p) => p.id)).toEqual([ids[0]]);
  });

  it.each(["0", "101", "-1", "1.5", "abc", "1e2", "0020x"])("answers 400 to limit=%s", async (limit) => {
    const error = await errorOf(await get(event.slug, bearer(secret), `?limit=${limit}`), 400);
    expect(error.fieldErrors.limit).toEqual([expect.any(String)]);
  });

  it("accepts limit=1 and limit=100", async () => {
    expect((await page(event.slug, secret, "?limit=1")).posts.length).toBeLessThanOrEqual(1);
    expect((await page(event.slug, secret, "?limit=100")).posts.length).toBeLessThanOrEqual(100);
  });

  it("answers 400 to a `before` that is not a post of this event", async () => {
    const other = await makeEvent(owner);
    const elsewhere = await publishPost(owner, other.id, { body: "Elsewhere" });
    for (const before of ["no-such-post", elsewhere.post.id, "x".repeat(200)]) {
      const error = await errorOf(await get(event.slug, bearer(secret), `?before=${before}`), 400);
      expect(error.fieldErrors.before).toEqual([expect.any(String)]);
    }
  });
});
