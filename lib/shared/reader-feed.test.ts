import { describe, expect, it } from "vitest";
import { applyEventChange, applyKeyEventChange, feedReducer, initialFeed, insertByTime } from "./reader-feed";
import type { EventView, PostView } from "./types";

function post(id: string, minute: number, overrides: Partial<PostView> = {}): PostView {
  return {
    id,
    headline: null,
    html: `<p>${id}</p>`,
    authorName: "Dana",
    publishedAt: `2026-01-01T12:${String(minute).padStart(2, "0")}:00.000Z`,
    editedAt: null,
    pinned: false,
    keyLabel: null,
    ...overrides,
  };
}

const ids = (posts: PostView[]) => posts.map((p) => p.id);

describe("the reader's feed", () => {
  it("puts an old pinned post in its place in time, once", () => {
    const page = [post("d", 40), post("c", 30)];
    const pinned = post("a", 10, { pinned: true });
    expect(ids(initialFeed(page, pinned, "cur").posts)).toEqual(["d", "c", "a"]);
    expect(ids(initialFeed([pinned, ...page], pinned, null).posts)).toEqual(["a", "d", "c"]);
    expect(ids(insertByTime(page, post("x", 35)))).toEqual(["d", "x", "c"]);
  });

  it("appends older pages without duplicates and moves the cursor", () => {
    const state = initialFeed([post("d", 40), post("c", 30)], post("a", 10, { pinned: true }), "c1");
    const next = feedReducer(state, { type: "older", posts: [post("b", 20), post("a", 10)], cursor: null });
    expect(ids(next.posts)).toEqual(["d", "c", "a", "b"]);
    expect(next.cursor).toBeNull();
  });

  it("takes in a post pinned while it was older than anything loaded", () => {
    const state = initialFeed([post("d", 40)], null, "c1");
    const pinned = post("a", 10, { pinned: true });
    const next = feedReducer(state, { type: "change", change: { seq: 5, type: "post.updated", post: pinned } });
    expect(ids(next.posts)).toEqual(["d", "a"]);
    // Unpinned edits of unknown posts stay unknown.
    const edit = { seq: 6, type: "post.updated", post: post("z", 5) } as const;
    expect(feedReducer(state, { type: "change", change: edit })).toBe(state);
  });
});

describe("key events", () => {
  const first = { id: "a", label: "Kick-off", publishedAt: post("a", 10).publishedAt };
  it("adds, relabels and removes by the post's own label, oldest first", () => {
    const added = applyKeyEventChange([first], {
      seq: 1,
      type: "post.updated",
      post: post("b", 5, { keyLabel: "Warm-up" }),
    });
    expect(added.map((k) => k.label)).toEqual(["Warm-up", "Kick-off"]);
    const relabelled = applyKeyEventChange(added, {
      seq: 2,
      type: "post.updated",
      post: post("a", 10, { keyLabel: "KO" }),
    });
    expect(relabelled.map((k) => k.label)).toEqual(["Warm-up", "KO"]);
    const unmarked = applyKeyEventChange(relabelled, { seq: 3, type: "post.updated", post: post("b", 5) });
    expect(unmarked.map((k) => k.id)).toEqual(["a"]);
    expect(applyKeyEventChange(unmarked, { seq: 4, type: "post.deleted", postId: "a" })).toEqual([]);
    const keys = [first];
    expect(applyKeyEventChange(keys, { seq: 5, type: "post.published", post: post("c", 20) })).toBe(keys);
  });
});

describe("the event header", () => {
  const event: EventView = {
    title: "Match",
    description: "",
    status: "LIVE",
    startsAt: null,
    coverImageUrl: null,
    order: "NEWEST_FIRST",
    timeZone: "Europe/Paris",
    language: "en",
    questionsOpen: false,
    summaryHtml: "",
    summaryUpdatedAt: null,
  };
  it("follows event.updated and the end", () => {
    const updated = applyEventChange(event, { seq: 1, type: "event.updated", event: { ...event, title: "Final" } });
    expect(updated.title).toBe("Final");
    expect(applyEventChange(updated, { seq: 2, type: "ended" }).status).toBe("ENDED");
    expect(applyEventChange(event, { seq: 3, type: "post.deleted", postId: "x" })).toBe(event);
  });
});
