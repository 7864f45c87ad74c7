import { describe, expect, it } from "vitest";
import { applyChange, pinnedFirst } from "./apply-change";
import type { ChangeMessage, PostView } from "./types";

function post(id: string, overrides: Partial<PostView> = {}): PostView {
  return {
    id,
    headline: null,
    html: `<p>${id}</p>`,
    authorName: "Dana",
    publishedAt: "2026-01-01T12:00:00.000Z",
    editedAt: null,
    pinned: false,
    keyLabel: null,
    ...overrides,
  };
}

const a = post("a");
const b = post("b");
const c = post("c");

describe("applyChange", () => {
  it("puts a published post first", () => {
    expect(applyChange([b, a], { seq: 3, type: "post.published", postId: "c", post: c })).toEqual([c, b, a]);
    expect(applyChange([], { seq: 1, type: "post.published", postId: "a", post: a })).toEqual([a]);
  });

  it("does not duplicate a post published twice (replay overlap): replaces it in place", () => {
    const again = post("b", { html: "<p>b, as replayed</p>" });
    expect(applyChange([c, b, a], { seq: 2, type: "post.published", postId: "b", post: again })).toEqual([c, again, a]);
  });

  it("replaces an updated post in place", () => {
    const edited = post("b", { html: "<p>b, edited</p>", editedAt: "2026-01-01T12:05:00.000Z" });
    expect(applyChange([c, b, a], { seq: 4, type: "post.updated", postId: "b", post: edited })).toEqual([c, edited, a]);
  });

  it("ignores an update to a post the reader does not have", () => {
    const list = [b, a];
    expect(applyChange(list, { seq: 4, type: "post.updated", postId: "c", post: c })).toBe(list);
  });

  it("removes a deleted post, and ignores deleting one it does not have", () => {
    expect(applyChange([c, b, a], { seq: 5, type: "post.deleted", postId: "b" })).toEqual([c, a]);
    expect(applyChange([c, a], { seq: 6, type: "post.deleted", postId: "zzz" })).toEqual([c, a]);
  });

  it("ignores changes without a post, and kinds that do not touch the list", () => {
    const list = [b, a];
    expect(applyChange(list, { seq: 7, type: "post.published", postId: "x" })).toBe(list);
    expect(applyChange(list, { seq: 8, type: "event.updated" })).toBe(list);
    expect(applyChange(list, { seq: 9, type: "ended" })).toBe(list);
  });

  it("never mutates its input", () => {
    const list = [b, a];
    const snapshot = structuredClone(list);
    const changes: ChangeMessage[] = [
      { seq: 1, type: "post.published", postId: "c", post: c },
      { seq: 2, type: "post.updated", postId: "a", post: post("a", { html: "<p>new</p>" }) },
      { seq: 3, type: "post.deleted", postId: "b" },
    ];
    let current = list;
    for (const change of changes) current = applyChange(current, change);
    expect(list).toEqual(snapshot);
    expect(current.map((p) => [p.id, p.html])).toEqual([
      ["c", "<p>c</p>"],
      ["a", "<p>new</p>"],
    ]);
  });
});

describe("pinnedFirst", () => {
  it("puts the pinned post on top and keeps the others in their order", () => {
    const pinned = post("b", { pinned: true });
    expect(pinnedFirst([c, pinned, a]).map((p) => p.id)).toEqual(["b", "c", "a"]);
    expect(pinnedFirst([c, b, a]).map((p) => p.id)).toEqual(["c", "b", "a"]);
  });
});
