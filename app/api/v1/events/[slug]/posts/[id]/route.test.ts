import { beforeAll, describe, expect, it } from "vitest";
import type { ApiPost } from "@/lib/api/api-posts";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { db } from "@/lib/db";
import { endEvent } from "@/lib/events/end-event";
import { deletePost } from "@/lib/posts/delete-post";
import { editPost } from "@/lib/posts/edit-post";
import { publishPost } from "@/lib/posts/publish-post";
import type { PostView } from "@/lib/shared/types";
import { bearer, errorOf, refusedCallers } from "@/test/api";
import { eventState, makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { DELETE, GET, PATCH } from "./route";

type Headers = Record<string, string>;

let owner: TestUser;
let event: { id: string; slug: string };
let secret: string;

beforeAll(async () => {
  owner = await makeUser();
  event = await makeEvent(owner);
  secret = (await createApiToken(owner, event.id, { name: "Score bot" })).secret;
});

/** Calls a route handler the way Next does. */
function call(
  handler: typeof GET,
  method: string,
  slug: string,
  id: string,
  headers: Headers,
  body?: BodyInit | null,
): Promise<Response> {
  const url = `http://localhost/api/v1/events/${encodeURIComponent(slug)}/posts/${encodeURIComponent(id)}`;
  const init: RequestInit & { duplex?: "half" } = { method, headers, body };
  if (body instanceof ReadableStream) init.duplex = "half";
  return handler(new Request(url, init), { params: Promise.resolve({ slug, id }) });
}
const get = (slug: string, id: string, headers: Headers) => call(GET, "GET", slug, id, headers);
const patch = (slug: string, id: string, headers: Headers, body: BodyInit | null) =>
  call(PATCH, "PATCH", slug, id, headers, body);
const patchJson = (slug: string, id: string, json: unknown, token = secret) =>
  patch(slug, id, { ...bearer(token), "Content-Type": "application/json" }, JSON.stringify(json));
const del = (slug: string, id: string, headers: Headers) => call(DELETE, "DELETE", slug, id, headers);

/** The post's row and the event's log, to show that a refused request changed nothing. */
async function snapshot(eventId: string, postId: string) {
  const post = await db.post.findUniqueOrThrow({ where: { id: postId } });
  return { post, state: await eventState(eventId) };
}

describe("authorization, for GET, PATCH and DELETE /api/v1/events/[slug]/posts/[id]", () => {
  const callers = refusedCallers(() => ({ owner, eventId: event.id, secret }));

  it.each(callers)("GET with %s: %i", async (_label, headers, status) => {
    const { post } = await publishPost(owner, event.id, { body: "Visible" });
    await errorOf(await get(event.slug, post.id, await headers()), status);
  });

  it.each(callers)("PATCH with %s: %i, and nothing is written", async (_label, headers, status) => {
    const { post } = await publishPost(owner, event.id, { body: "Original" });
    const before = await snapshot(event.id, post.id);
    const body = JSON.stringify({ body: "Hijacked", version: 1 });
    const response = await patch(event.slug, post.id, await headers(), body);
    await errorOf(response, status);
    if (status === 401) expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await snapshot(event.id, post.id)).toEqual(before);
  });

  it.each(callers)("DELETE with %s: %i, and nothing is written", async (_label, headers, status) => {
    const { post } = await publishPost(owner, event.id, { body: "Staying" });
    const before = await snapshot(event.id, post.id);
    await errorOf(await del(event.slug, post.id, await headers()), status);
    expect(await snapshot(event.id, post.id)).toEqual(before);
  });

  it("answers 404 for an unknown event, to a valid token", async () => {
    const { post } = await publishPost(owner, event.id, { body: "Here" });
    const slug = `no-such-event-${unique()}`;
    await errorOf(await get(slug, post.id, bearer(secret)), 404);
    await errorOf(await patchJson(slug, post.id, { body: "x", version: 1 }), 404);
    await errorOf(await del(slug, post.id, bearer(secret)), 404);
  });
});

describe("GET /api/v1/events/[slug]/posts/[id]", () => {
  it("returns the published post with its version", async () => {
    const { post } = await publishPost(owner, event.id, { body: "Hello", headline: "Hi" });
    const response = await get(event.slug, post.id, bearer(secret));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ post: { ...post, version: 1, kind: "standard", quoteBy: null } });
  });

  it("answers 404 for an unknown post, another event's post, and a deleted post", async () => {
    const other = await makeEvent(owner);
    const elsewhere = await publishPost(owner, other.id, { body: "Elsewhere" });
    const gone = await publishPost(owner, event.id, { body: "Gone" });
    await deletePost(owner, gone.post.id);
    for (const id of ["no-such-post", elsewhere.post.id, gone.post.id, "x".repeat(500)]) {
      expect((await errorOf(await get(event.slug, id, bearer(secret)), 404)).error).toBe("No such post.");
    }
  });
});

describe("PATCH /api/v1/events/[slug]/posts/[id]", () => {
  it("edits: 200 { post, seq } with the next version, in the change log for every reader", async () => {
    const edited = await makeEvent(owner);
    const token = await createApiToken(owner, edited.id, { name: "Score bot" });
    const { post } = await publishPost(owner, edited.id, { body: "1–0", headline: "Score" });

    const response = await patchJson(
      edited.slug,
      post.id,
      { body: "**2–0**", headline: "Score", version: 1 },
      token.secret,
    );
    expect(response.status).toBe(200);
    const result = (await response.json()) as { post: ApiPost; seq: number };
    expect(result.seq).toBe(2);
    expect(result.post).toMatchObject({
      id: post.id,
      headline: "Score",
      html: "<p><strong>2–0</strong></p>\n",
      editedAt: expect.any(String),
      version: 2,
    });
    const state = await eventState(edited.id);
    expect(state.changes.map((c) => [c.seq, c.type, c.postId])).toEqual([
      [1, "POST_PUBLISHED", post.id],
      [2, "POST_UPDATED", post.id],
    ]);
    const view: PostView = (state.changes[1]!.data as { post: PostView }).post;
    expect({ ...view, version: 2, kind: "standard", quoteBy: null }).toEqual(result.post);

    // The version it returns is the one the next edit names; leaving out the headline clears it.
    const again = await patchJson(edited.slug, post.id, { body: "3–0", version: 2 }, token.secret);
    expect(again.status).toBe(200);
    const answered = ((await again.json()) as { post: ApiPost }).post;
    expect(answered).toMatchObject({ headline: null, version: 3 });
    // The answer is the post as a GET reads it next: kind and attribution included.
    expect(((await (await get(edited.slug, post.id, bearer(token.secret))).json()) as { post: ApiPost }).post).toEqual(
      answered,
    );
  });

  it("edits a quote and answers it as a quote, with its attribution", async () => {
    const token = await createApiToken(owner, event.id, { name: "Quote bot" });
    const { post } = await publishPost(owner, event.id, { body: "We will win.", kind: "quote", quoteBy: "The coach" });
    const response = await patchJson(event.slug, post.id, { body: "We will win this.", version: 1 }, token.secret);
    expect(response.status).toBe(200);
    const answered = ((await response.json()) as { post: ApiPost }).post;
    expect(answered).toMatchObject({ kind: "quote", quoteBy: "The coach", version: 2 });
    expect(answered.html).toContain("We will win this.");
    expect(answered.html).toContain("The coach");
  });

  it("answers 409 to a stale version, and nothing is written", async () => {
    const { post } = await publishPost(owner, event.id, { body: "Mine" });
    await editPost(owner, post.id, { body: "Someone else's edit", version: 1 });
    const before = await snapshot(event.id, post.id);
    const error = await errorOf(await patchJson(event.slug, post.id, { body: "Overwrite", version: 1 }), 409);
    expect(error.error).toMatch(/Someone else changed this post/);
    expect(await snapshot(event.id, post.id)).toEqual(before);
    expect(before.post.bodyMarkdown).toBe("Someone else's edit");
  });

  it("answers 404 to another event's post, a deleted post, an unknown post; nothing is written", async () => {
    const other = await makeEvent(owner);
    const elsewhere = await publishPost(owner, other.id, { body: "Elsewhere" });
    const gone = await publishPost(owner, event.id, { body: "Gone" });
    await deletePost(owner, gone.post.id);
    const before = [await snapshot(other.id, elsewhere.post.id), await snapshot(event.id, gone.post.id)];
    for (const id of [elsewhere.post.id, gone.post.id, "no-such-post"]) {
      await errorOf(await patchJson(event.slug, id, { body: "Hijacked", version: 1 }), 404);
    }
    expect([await snapshot(other.id, elsewhere.post.id), await snapshot(event.id, gone.post.id)]).toEqual(before);
  });

  it.each([
    ["no version", { body: "x" }, "version"],
    ["a version as a string", { body: "x", version: "1" }, "version"],
    ["a version of 0", { body: "x", version: 0 }, "version"],
    ["a fractional version", { body: "x", version: 1.5 }, "version"],
    ["no body", { version: 1 }, "body"],
    ["an empty body", { body: "", version: 1 }, "body"],
    ["an unknown field", { body: "x", version: 1, pinned: true }, "form"],
    ["an array", [], "form"],
  ])("answers 422 with fieldErrors to %s; nothing is written", async (_label, json, field) => {
    const { post } = await publishPost(owner, event.id, { body: "Original" });
    const before = await snapshot(event.id, post.id);
    const error = await errorOf(await patchJson(event.slug, post.id, json), 422);
    expect(error.fieldErrors[field]).toEqual([expect.any(String)]);
    expect(await snapshot(event.id, post.id)).toEqual(before);
  });

  it("answers 400 to malformed JSON and 413 to an oversized body (with or without Content-Length)", async () => {
    const { post } = await publishPost(owner, event.id, { body: "Original" });
    const before = await snapshot(event.id, post.id);
    expect((await errorOf(await patch(event.slug, post.id, bearer(secret), "{version: 1}"), 400)).error).toMatch(
      /JSON/,
    );

    const big = JSON.stringify({ body: "x".repeat(70 * 1024), version: 1 });
    const declared = await patch(event.slug, post.id, { ...bearer(secret), "Content-Length": String(big.length) }, big);
    await errorOf(declared, 413);
    const undeclared = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    await errorOf(await patch(event.slug, post.id, bearer(secret), undeclared), 413);
    expect(await snapshot(event.id, post.id)).toEqual(before);
  });

  it("answers 409 once the coverage has ended; nothing is written", async () => {
    const ended = await makeEvent(owner);
    const token = await createApiToken(owner, ended.id, { name: "Late bot" });
    const { post } = await publishPost(owner, ended.id, { body: "Final score" });
    await endEvent(owner, ended.id);
    const before = await snapshot(ended.id, post.id);
    await errorOf(await patchJson(ended.slug, post.id, { body: "Changed", version: 1 }, token.secret), 409);
    await errorOf(await del(ended.slug, post.id, bearer(token.secret)), 409);
    expect(await snapshot(ended.id, post.id)).toEqual(before);
  });
});

describe("DELETE /api/v1/events/[slug]/posts/[id]", () => {
  it("takes the post down: 200 { seq }, a post.deleted change, then 404", async () => {
    const removed = await makeEvent(owner);
    const token = await createApiToken(owner, removed.id, { name: "Score bot" });
    const { post } = await publishPost(owner, removed.id, { body: "Wrong score" });

    const response = await del(removed.slug, post.id, bearer(token.secret));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ seq: 2 });
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("DELETED");
    const state = await eventState(removed.id);
    expect(state.changes.at(-1)).toMatchObject({
      seq: 2,
      type: "POST_DELETED",
      postId: post.id,
      data: { postId: post.id },
    });

    await errorOf(await get(removed.slug, post.id, bearer(token.secret)), 404);
    await errorOf(await del(removed.slug, post.id, bearer(token.secret)), 404);
    expect((await eventState(removed.id)).lastSeq).toBe(2);
  });

  it("answers 404 to another event's post; nothing is written", async () => {
    const other = await makeEvent(owner);
    const elsewhere = await publishPost(owner, other.id, { body: "Elsewhere" });
    const before = await snapshot(other.id, elsewhere.post.id);
    await errorOf(await del(event.slug, elsewhere.post.id, bearer(secret)), 404);
    expect(await snapshot(other.id, elsewhere.post.id)).toEqual(before);
  });
});

describe("PATCH and DELETE with an Idempotency-Key", () => {
  async function freshPost() {
    const fresh = await makeEvent(owner);
    const token = (await createApiToken(owner, fresh.id, { name: "Wire" })).secret;
    const { post } = await publishPost(owner, fresh.id, { body: "2–1" });
    return { ...fresh, token, postId: post.id };
  }
  const keyed = (token: string, key: string) => ({
    ...bearer(token),
    "Content-Type": "application/json",
    "Idempotency-Key": key,
  });

  it("answers a retried edit with the first answer and edits once", async () => {
    const p = await freshPost();
    const body = JSON.stringify({ body: "3–1", version: 1 });
    const first = await patch(p.slug, p.postId, keyed(p.token, "fix-score"), body);
    const firstText = await first.text();
    const again = await patch(p.slug, p.postId, keyed(p.token, "fix-score"), body);

    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.text()).toBe(firstText);
    // Without the key, the same retry is a 409: version 1 is stale.
    await errorOf(await patchJson(p.slug, p.postId, { body: "3–1", version: 1 }, p.token), 409);
    expect(JSON.parse(firstText)).toMatchObject({ post: { version: 2 }, seq: 2 });
    const { post, state } = await snapshot(p.id, p.postId);
    expect(post.version).toBe(2);
    expect(state.lastSeq).toBe(2);
  });

  it("answers a retried delete with the first answer, not a 404, and logs one deletion", async () => {
    const p = await freshPost();
    const [a, b] = await Promise.all([
      del(p.slug, p.postId, keyed(p.token, "remove")),
      del(p.slug, p.postId, keyed(p.token, "remove")),
    ]);
    const later = await del(p.slug, p.postId, keyed(p.token, "remove"));
    for (const response of [a, b, later]) expect(response.status).toBe(200);
    const texts = await Promise.all([a, b, later].map((r) => r.text()));
    expect(new Set(texts)).toEqual(new Set([JSON.stringify({ seq: 2 })]));
    expect(later.headers.get("idempotent-replayed")).toBe("true");
    expect((await eventState(p.id)).changes.filter((c) => c.type === "POST_DELETED")).toHaveLength(1);
  });

  it("answers 422 to a key reused for another request (another body, method or post); nothing is written", async () => {
    const p = await freshPost();
    const { post: other } = await publishPost(owner, p.id, { body: "Other" });
    await patch(p.slug, p.postId, keyed(p.token, "k"), JSON.stringify({ body: "3–1", version: 1 }));
    const before = await eventState(p.id);

    const refusals = [
      await patch(p.slug, p.postId, keyed(p.token, "k"), JSON.stringify({ body: "4–1", version: 1 })),
      await del(p.slug, p.postId, keyed(p.token, "k")),
      await patch(p.slug, other.id, keyed(p.token, "k"), JSON.stringify({ body: "3–1", version: 1 })),
    ];
    for (const response of refusals) {
      expect((await errorOf(response, 422)).error).toMatch(/already used for a different request/);
    }
    expect(await eventState(p.id)).toEqual(before);
  });

  it("answers 400 to a malformed key; nothing is written", async () => {
    const p = await freshPost();
    const before = await snapshot(p.id, p.postId);
    await errorOf(await del(p.slug, p.postId, keyed(p.token, "x".repeat(201))), 400);
    await errorOf(await patch(p.slug, p.postId, keyed(p.token, " "), JSON.stringify({ body: "y", version: 1 })), 400);
    expect(await snapshot(p.id, p.postId)).toEqual(before);
  });
});
