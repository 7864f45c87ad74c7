import { describe, expect, it } from "vitest";
import { summarisePolls } from "./summarise-polls";

const now = Date.parse("2026-12-05T20:00:00Z");
const posts = [
  { id: "p1", label: "Kick-off", publishedAt: "2026-12-05T18:00:00.000Z" },
  { id: "p2", label: "Half time", publishedAt: "2026-12-05T18:45:00.000Z" },
];
const options = (...ids: string[]) => ids.map((id) => ({ id, label: `Option ${id}` }));

describe("an event's poll summary", () => {
  it("gives each poll its votes, in the editor's order, with shares and closing", () => {
    const summary = summarisePolls(
      [
        // Listed in another order than the posts: the timeline's order wins.
        {
          id: "b",
          postId: "p2",
          question: "Who scores next?",
          closesAt: "2026-12-05T19:00:00Z",
          closedAt: null,
          options: options("x", "y", "z"),
        },
        { id: "a", postId: "p1", question: "Who wins?", closesAt: null, closedAt: null, options: options("r", "s") },
        { id: "c", postId: "deleted", question: "Gone", closesAt: null, closedAt: null, options: options("t", "u") },
      ],
      { a: { r: 2, s: 1 }, b: { z: 4 }, c: { t: 9 } },
      posts,
      now,
    );
    expect(summary).toEqual([
      {
        id: "a",
        question: "Who wins?",
        postLabel: "Kick-off",
        publishedAt: posts[0]!.publishedAt,
        closed: false,
        total: 3,
        options: [
          { label: "Option r", votes: 2, percent: 67 },
          { label: "Option s", votes: 1, percent: 33 },
        ],
      },
      {
        id: "b",
        question: "Who scores next?",
        postLabel: "Half time",
        publishedAt: posts[1]!.publishedAt,
        closed: true, // its closing time has passed
        total: 4,
        options: [
          { label: "Option x", votes: 0, percent: 0 },
          { label: "Option y", votes: 0, percent: 0 },
          { label: "Option z", votes: 4, percent: 100 },
        ],
      },
    ]);
  });

  it("shows a poll nobody answered as zeros", () => {
    const [poll] = summarisePolls(
      [
        {
          id: "a",
          postId: "p1",
          question: "Q?",
          closesAt: null,
          closedAt: "2026-12-05T19:00:00Z",
          options: options("r", "s"),
        },
      ],
      {},
      posts,
      now,
    );
    expect(poll).toMatchObject({
      closed: true,
      total: 0,
      options: [
        { votes: 0, percent: 0 },
        { votes: 0, percent: 0 },
      ],
    });
  });
});
