import { describe, expect, it } from "vitest";
import { summariseReactions } from "./summarise-reactions";

const posts = [
  { id: "a", label: "Kick-off" },
  { id: "b", label: "Goal" },
  { id: "c", label: "Half time" },
  { id: "d", label: "Nobody reacted" },
];

describe("an event's reaction summary", () => {
  it("adds up every kind, and ranks posts by their reactions", () => {
    const summary = summariseReactions(
      {
        a: { like: 2 },
        b: { like: 3, wow: 4, applause: 1 },
        c: { sad: 2 },
        deleted: { love: 50 }, // not a published post: not counted
      },
      posts,
    );
    expect(summary.byKind).toEqual({ like: 5, love: 0, wow: 4, sad: 2, applause: 1 });
    expect(summary.total).toBe(12);
    expect(summary.topPosts.map((p) => [p.label, p.total])).toEqual([
      ["Goal", 8],
      ["Kick-off", 2], // ties keep the posts' order
      ["Half time", 2],
    ]);
  });

  it("keeps only the top posts, and is all zeros without reactions", () => {
    expect(
      summariseReactions({ a: { like: 1 }, b: { like: 2 }, c: { like: 3 } }, posts, 2).topPosts.map((p) => p.id),
    ).toEqual(["c", "b"]);
    expect(summariseReactions({}, posts)).toEqual({
      byKind: { like: 0, love: 0, wow: 0, sad: 0, applause: 0 },
      total: 0,
      topPosts: [],
    });
  });
});
