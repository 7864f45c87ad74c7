import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getEventSnapshot } from "@/lib/events/get-event-snapshot";
import { deletePost } from "@/lib/posts/delete-post";
import { pinPost } from "@/lib/posts/pin-post";
import { postPageSize, type PostPage } from "@/lib/posts/post-page";
import { publishPost } from "@/lib/posts/publish-post";
import { setKeyEvent } from "@/lib/posts/set-key-event";
import { encodePostCursor } from "@/lib/shared/post-cursor";
import type { PostView } from "@/lib/shared/types";
import { errorOf } from "@/test/api";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { GET } from "./route";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

function get(slug: string, query: string) {
  const url = `http://localhost/api/events/${encodeURIComponent(slug)}/posts${query}`;
  return GET(new Request(url), { params: Promise.resolve({ slug }) });
}

async function page(slug: string, before: string, limit: number): Promise<PostPage> {
  const response = await get(slug, `?before=${encodeURIComponent(before)}&limit=${limit}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toMatch(/^public/);
  return (await response.json()) as PostPage;
}

/** An event with `count` published posts; returns them newest first. */
async function eventWithPosts(count: number) {
  const event = await makeEvent(owner);
  const posts: PostView[] = [];
  for (let i = 1; i <= count; i++) posts.unshift((await publishPost(owner, event.id, { body: `Update ${i}` })).post);
  return { event, posts };
}

describe("GET /api/events/[slug]/posts", () => {
  it("walks every older post exactly once, newest first, page by page, ties included", async () => {
    const { event, posts } = await eventWithPosts(7);
    // Two posts published in the same millisecond: the id breaks the tie.
    const same = new Date(posts[3]!.publishedAt);
    await db.post.updateMany({ where: { id: { in: [posts[3]!.id, posts[4]!.id] } }, data: { publishedAt: same } });
    const expected = (
      await db.post.findMany({
        where: { eventId: event.id },
        orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
        select: { id: true },
      })
    ).map((p) => p.id);

    const newest = { id: expected[0]!, publishedAt: posts.find((p) => p.id === expected[0])!.publishedAt };
    const seen: string[] = [expected[0]!];
    let cursor: string | null = encodePostCursor(newest);
    let pages = 0;
    while (cursor) {
      const next: PostPage = await page(event.slug, cursor, 2);
      expect(next.posts.length).toBeLessThanOrEqual(2);
      seen.push(...next.posts.map((p) => p.id));
      cursor = next.nextCursor;
      pages++;
    }
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);
  });

  it("leaves out deleted posts and starts where the event page's first page ends", async () => {
    const { event, posts } = await eventWithPosts(postPageSize + 3);
    await deletePost(owner, posts[postPageSize + 1]!.id);
    const snapshot = (await getEventSnapshot(event.slug))!;
    expect(snapshot.posts.map((p) => p.id)).toEqual(posts.slice(0, postPageSize).map((p) => p.id));
    expect(snapshot.nextCursor).not.toBeNull();
    const rest = await page(event.slug, snapshot.nextCursor!, 50);
    expect(rest.posts.map((p) => p.id)).toEqual([posts[postPageSize]!.id, posts[postPageSize + 2]!.id]);
    expect(rest.nextCursor).toBeNull();
  });

  it("refuses malformed cursors and limits with 400, and drafts and unknown events with 404", async () => {
    const { event, posts } = await eventWithPosts(1);
    const cursor = encodePostCursor(posts[0]!);
    for (const query of [
      "",
      "?before=",
      "?before=abc",
      "?before=12-ABC",
      "?before=1-a%27--",
      `?before=${"9".repeat(16)}-a`,
    ])
      expect((await errorOf(await get(event.slug, query), 400)).error).toMatch(/before/);
    for (const limit of ["0", "51", "-1", "1.5", "x", "9999"])
      expect((await errorOf(await get(event.slug, `?before=${cursor}&limit=${limit}`), 400)).error).toMatch(/limit/);
    await errorOf(await get(`no-such-event-${unique()}`, `?before=${cursor}`), 404);
    const draft = await makeEvent(owner);
    await db.event.update({ where: { id: draft.id }, data: { status: "DRAFT" } });
    await errorOf(await get(draft.slug, `?before=${cursor}`), 404);
  });
});

describe("getEventSnapshot", () => {
  it("carries the pinned post however old, and the key events oldest first", async () => {
    const { event, posts } = await eventWithPosts(postPageSize + 2);
    const oldest = posts.at(-1)!;
    await pinPost(owner, oldest.id, true);
    await setKeyEvent(owner, posts[1]!.id, "Second");
    await setKeyEvent(owner, oldest.id, "First");
    const snapshot = (await getEventSnapshot(event.slug))!;
    expect(snapshot.posts.map((p) => p.id)).not.toContain(oldest.id);
    expect(snapshot.pinned).toMatchObject({ id: oldest.id, pinned: true });
    expect(snapshot.keyEvents.map((k) => [k.id, k.label])).toEqual([
      [oldest.id, "First"],
      [posts[1]!.id, "Second"],
    ]);
  });
});
