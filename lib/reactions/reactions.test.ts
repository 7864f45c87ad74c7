import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { endEvent } from "@/lib/events/end-event";
import { deletePost } from "@/lib/posts/delete-post";
import { publishPost } from "@/lib/posts/publish-post";
import { tallyChannel } from "@/lib/tally/channel";
import { Batcher } from "@/lib/tally/batcher";
import { newReaderToken, verifyReaderToken } from "@/lib/tally/reader-token";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { TestListener } from "@/test/listen";
import { waitUntil } from "@/test/wait";
import { eventReactionTotals } from "./reaction-totals";
import { writeReactions, type ReactionWrite, type ReactionWritten } from "./write-reactions";

// The tally's write path: batches of reactions, each one statement, each request answered
// after its batch committed, and a count that is exact whatever is replayed or raced.

let owner: TestUser;
let eventId: string;

beforeAll(async () => {
  owner = await makeUser();
  eventId = (await makeEvent(owner)).id;
});

async function newPost(): Promise<string> {
  const { post } = await publishPost(owner, eventId, { body: "An update readers react to." });
  return post.id;
}

const rows = (postId: string) => db.reaction.count({ where: { postId } });

/** A batcher that flushes only when told, and remembers each batch it wrote and when it committed. */
function manualBatcher() {
  const batches: { size: number; committed: boolean }[] = [];
  const batcher = new Batcher<ReactionWrite, ReactionWritten>({
    write: async (items) => {
      const batch = { size: items.length, committed: false };
      batches.push(batch);
      const results = await writeReactions(items);
      batch.committed = true;
      return results;
    },
    schedule: () => {}, // the test flushes
    maxBatch: 10_000,
  });
  return { batcher, batches };
}

describe("the reaction batcher", () => {
  it("writes many concurrent reactions as one batch, answers each after commit, and counts exactly", async () => {
    const postId = await newPost();
    const { batcher, batches } = manualBatcher();
    const answered: boolean[] = [];
    const pending = Array.from({ length: 200 }, (_, i) =>
      batcher.add({ eventId, postId, readerId: `reader-${i}`, kind: i % 2 ? "like" : "love" }).then((result) => {
        answered.push(batches[0]?.committed === true);
        return result;
      }),
    );
    expect(batcher.pending).toBe(200);
    expect(await rows(postId)).toBe(0); // nothing written before the flush
    await batcher.flush();
    const results = await Promise.all(pending);
    expect(batches.map((b) => b.size)).toEqual([200]);
    expect(answered).toHaveLength(200);
    expect(answered.every(Boolean)).toBe(true);
    expect(results.every((r) => r.created)).toBe(true);
    expect(results.at(-1)!.counts).toEqual({ like: 100, love: 100 });
    expect(await rows(postId)).toBe(200);
  });

  it("counts a replayed reaction once, in the same batch or a later one", async () => {
    const postId = await newPost();
    const { batcher } = manualBatcher();
    const same = { eventId, postId, readerId: "replayer", kind: "wow" } as const;
    const first = [batcher.add(same), batcher.add(same), batcher.add(same)];
    await batcher.flush();
    expect((await Promise.all(first)).map((r) => r.created)).toEqual([true, false, false]);
    const again = batcher.add(same);
    await batcher.flush();
    expect(await again).toEqual({ created: false, counts: { wow: 1 } });
    expect(await rows(postId)).toBe(1);
  });

  it("is exact with two processes' batchers racing on the same post", async () => {
    const postId = await newPost();
    const a = manualBatcher();
    const b = manualBatcher();
    // Readers 0–149 go to A, 100–249 to B: 50 of them through both, as a retry through another process would.
    const viaA = Array.from({ length: 150 }, (_, i) =>
      a.batcher.add({ eventId, postId, readerId: `r${i}`, kind: "sad" }),
    );
    const viaB = Array.from({ length: 150 }, (_, i) =>
      b.batcher.add({ eventId, postId, readerId: `r${i + 100}`, kind: "sad" }),
    );
    await Promise.all([a.batcher.flush(), b.batcher.flush()]);
    const results = await Promise.all([...viaA, ...viaB]);
    expect(results.filter((r) => r.created)).toHaveLength(250);
    expect(await rows(postId)).toBe(250);
    expect((await eventReactionTotals(eventId))[postId]).toEqual({ sad: 250 });
  });

  it("rejects every request of a batch that failed, and counts none of it", async () => {
    const postId = await newPost();
    const { batcher } = manualBatcher();
    const good = batcher.add({ eventId, postId, readerId: "ok", kind: "like" });
    // A reader id the table refuses (NOT NULL) fails the whole statement.
    const bad = batcher.add({ eventId, postId, readerId: null as unknown as string, kind: "like" });
    await batcher.flush();
    await expect(good).rejects.toThrow();
    await expect(bad).rejects.toThrow();
    expect(await rows(postId)).toBe(0);
  });

  it("refuses, without failing its batch, a reaction to a post deleted or an event ended since its look-up", async () => {
    const postId = await newPost();
    const deleted = await newPost();
    await deletePost(owner, deleted);
    const other = await makeEvent(owner);
    const endedPost = (await publishPost(owner, other.id, { body: "Final whistle." })).post.id;
    await endEvent(owner, other.id);
    const { batcher } = manualBatcher();
    const good = batcher.add({ eventId, postId, readerId: "r1", kind: "like" });
    const gone = batcher.add({ eventId, postId: deleted, readerId: "r1", kind: "like" });
    const ended = batcher.add({ eventId: other.id, postId: endedPost, readerId: "r1", kind: "like" });
    await batcher.flush();
    expect(await good).toMatchObject({ created: true, counts: { like: 1 } });
    expect(await gone).toMatchObject({ created: false, refused: "gone" });
    expect(await ended).toMatchObject({ created: false, refused: "ended" });
    expect(await rows(postId)).toBe(1);
    expect(await rows(endedPost)).toBe(0);
  });

  it("flushes by itself after its window, and at once when a batch is full", async () => {
    const postId = await newPost();
    const sizes: number[] = [];
    const write = (items: ReactionWrite[]) => (sizes.push(items.length), writeReactions(items));
    const timed = new Batcher({ write, windowMs: 5 });
    await Promise.all([1, 2, 3].map((i) => timed.add({ eventId, postId, readerId: `t${i}`, kind: "like" })));
    const full = new Batcher({ write, schedule: () => {}, maxBatch: 4 });
    await Promise.all([1, 2, 3, 4].map((i) => full.add({ eventId, postId, readerId: `f${i}`, kind: "like" })));
    expect(sizes).toEqual([3, 4]);
  });

  it("notifies the tally channel with the event, on commit, once per batch", async () => {
    const postId = await newPost();
    const listener = await TestListener.start(tallyChannel);
    try {
      const { batcher } = manualBatcher();
      const all = Array.from({ length: 20 }, (_, i) =>
        batcher.add({ eventId, postId, readerId: `n${i}`, kind: "like" }),
      );
      await batcher.flush();
      await Promise.all(all);
      await waitUntil(() => listener.received.length > 0);
      expect(listener.received.map((n) => n.payload)).toEqual([eventId]);
      // A batch of nothing but replays changes no total: no notification.
      const replay = batcher.add({ eventId, postId, readerId: "n0", kind: "like" });
      await batcher.flush();
      await replay;
      const more = batcher.add({ eventId, postId, readerId: "marker", kind: "love" });
      await batcher.flush();
      await more;
      await waitUntil(() => listener.received.length > 1);
      expect(listener.received).toHaveLength(2);
    } finally {
      await listener.close();
    }
  });
});

describe("reader tokens", () => {
  it("prove the id they were issued with, for their event only", () => {
    const { readerId, token } = newReaderToken("event-a", "s".repeat(32));
    expect(verifyReaderToken(token, "event-a", "s".repeat(32))).toBe(readerId);
    expect(verifyReaderToken(token, "event-b", "s".repeat(32))).toBeNull();
    expect(verifyReaderToken(token, "event-a", "t".repeat(32))).toBeNull();
    const [id, mac] = token.split(".");
    const altered = `${mac!.slice(0, -1)}${mac!.endsWith("A") ? "B" : "A"}`;
    expect(verifyReaderToken(`${id}.${altered}`, "event-a", "s".repeat(32))).toBeNull();
    expect(verifyReaderToken(`${"x".repeat(22)}.${mac}`, "event-a", "s".repeat(32))).toBeNull();
    expect(verifyReaderToken("garbage", "event-a")).toBeNull();
    expect(verifyReaderToken(null, "event-a")).toBeNull();
  });
});
