import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { vote } from "@/lib/polls/vote";
import { deletePost } from "@/lib/posts/delete-post";
import { publishPost } from "@/lib/posts/publish-post";
import { reactToPost } from "@/lib/reactions/react-to-post";
import { sharedCacheControl, talliesCacheControl } from "@/lib/shared/shared-pages";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { GET } from "./route";

// What a reader who polls gets instead of the stream's `reactions` and `polls` events.

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

function get(slug: string, headers?: Record<string, string>) {
  const url = `http://localhost/api/events/${encodeURIComponent(slug)}/tallies`;
  return GET(new Request(url, { headers }), { params: Promise.resolve({ slug }) });
}

type Tallies = { reactions: Record<string, Record<string, number>>; polls: Record<string, Record<string, number>> };

describe("GET /api/events/[slug]/tallies", () => {
  it("answers every reaction count and poll result of the event's published posts, cacheable by all", async () => {
    const event = await makeEvent(owner);
    const { post } = await publishPost(owner, event.id, { body: "React to this." });
    const { post: withPoll } = await publishPost(owner, event.id, {
      body: "Vote.",
      poll: { question: "Which?", options: ["A", "B"] },
    });
    const { post: removed } = await publishPost(owner, event.id, { body: "Soon gone." });
    const reader = (address: string) => ({ slug: event.slug, readerToken: () => null, address });
    await reactToPost({ ...reader("192.0.2.41"), postId: post.id, kind: "like" });
    await reactToPost({ ...reader("192.0.2.42"), postId: post.id, kind: "like" });
    await reactToPost({ ...reader("192.0.2.42"), postId: removed.id, kind: "applause" });
    const [a, b] = withPoll.poll!.options.map((o) => o.id);
    await vote({ ...reader("192.0.2.43"), postId: withPoll.id, optionId: b! });
    await deletePost(owner, removed.id);

    const response = await get(event.slug);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe(talliesCacheControl);
    expect(sharedCacheControl(`/api/events/${event.slug}/tallies`)).toBe(talliesCacheControl);
    const body = (await response.json()) as Tallies;
    expect(body).toEqual({ reactions: { [post.id]: { like: 2 } }, polls: { [withPoll.poll!.id]: { [b!]: 1 } } });
    expect(body.polls[withPoll.poll!.id]![a!]).toBeUndefined();
  });

  it("answers 304 to its own ETag while nothing changed, and a new ETag once something did", async () => {
    const event = await makeEvent(owner);
    const { post } = await publishPost(owner, event.id, { body: "Quiet." });
    const first = await get(event.slug);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get(event.slug, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    await reactToPost({
      slug: event.slug,
      postId: post.id,
      kind: "like",
      readerToken: () => null,
      address: "192.0.2.44",
    });
    const changed = await get(event.slug, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("is 404, never cached, for an unknown event or a draft one", async () => {
    const draft = await makeEvent(owner);
    await db.event.update({ where: { id: draft.id }, data: { status: "DRAFT" } });
    for (const slug of [`no-such-${unique()}`, draft.slug, "Not A Slug", "x".repeat(300)]) {
      const response = await get(slug);
      expect(response.status).toBe(404);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toEqual({ error: "No such event." });
    }
  });
});
