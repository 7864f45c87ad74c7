import { beforeAll, describe, expect, it } from "vitest";
import { publishPost } from "@/lib/posts/publish-post";
import { Broadcaster } from "@/lib/realtime/broadcaster";
import { reactionsEventName, type ReactionTotals } from "@/lib/shared/reactions";
import { Coalescer, type CoalescerClock } from "@/lib/tally/coalescer";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { RecordingSink } from "@/test/sink";
import { dataOf } from "@/test/sse";
import { waitUntil } from "@/test/wait";
import { ReactionFeed } from "./reaction-feed";
import { eventReactionTotals } from "./reaction-totals";
import { writeReactions } from "./write-reactions";

// Live totals: pings coalesced per event on an injected clock, one GROUP BY per run, and
// readers told only what changed (a newcomer gets every total first).

/** A clock that moves only when the test says; its timers run as it passes them. */
function manualClock() {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  const clock: CoalescerClock & { advance(ms: number): Promise<void> } = {
    now: () => now,
    setTimeout: (run, ms) => void timers.push({ at: now + ms, run }),
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        if (!timers[0] || timers[0].at > until) break;
        const timer = timers.shift()!;
        now = timer.at;
        timer.run();
        await new Promise((resolve) => setImmediate(resolve));
      }
      now = until;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
  return clock;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("the coalescer", () => {
  it("turns 100 pings over one second into at most three runs, the last after the last ping", async () => {
    const clock = manualClock();
    const runs: number[] = [];
    const coalescer = new Coalescer(async () => void runs.push(clock.now()), 500, clock);
    for (let i = 0; i < 100; i++) {
      coalescer.touch("event");
      await clock.advance(10);
    }
    await clock.advance(1_000);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBeLessThanOrEqual(3);
    expect(runs[0]).toBe(0);
    expect(runs.at(-1)).toBeGreaterThanOrEqual(990 - 500); // the pings of the last interval were read
    for (let i = 1; i < runs.length; i++) expect(runs[i]! - runs[i - 1]!).toBeGreaterThanOrEqual(500);
  });

  it("runs again after a run that a ping interrupted, and keeps keys apart", async () => {
    const clock = manualClock();
    const release = new Map<string, () => void>();
    const runs: string[] = [];
    const coalescer = new Coalescer(
      (key) => new Promise<void>((resolve) => (release.set(key, resolve), runs.push(key))),
      500,
      clock,
    );
    coalescer.touch("a");
    coalescer.touch("b");
    coalescer.touch("a"); // during a's run
    expect(runs).toEqual(["a", "b"]);
    release.get("a")!();
    await tick();
    await clock.advance(500);
    expect(runs).toEqual(["a", "b", "a"]);
  });
});

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

const reactionEvents = (sink: RecordingSink) =>
  sink.events
    .filter((e) => e.event === reactionsEventName)
    .map((e) => ({ id: e.id, totals: dataOf<ReactionTotals>(e) }));

describe("the reaction feed", () => {
  it("sends readers the changed totals, coalesced, with no id; a newcomer gets them all first", async () => {
    const { id: eventId } = await makeEvent(owner);
    const [a, b] = [
      (await publishPost(owner, eventId, { body: "A" })).post.id,
      (await publishPost(owner, eventId, { body: "B" })).post.id,
    ];
    await writeReactions([{ eventId, postId: a, readerId: "first", kind: "like" }]);
    const hub = new Broadcaster();
    const clock = manualClock();
    let reads = 0;
    const read = (id: string) => (reads++, eventReactionTotals(id));
    const dropped: string[] = [];
    const pagesChanged = (id: string) => void dropped.push(id);
    const feed = new ReactionFeed({ hub, read, clock, intervalMs: 500, pagesChanged });
    try {
      const early = new RecordingSink();
      await hub.subscribe(eventId, 2, early);
      // The channel's first reader made the feed read the totals and send them.
      await waitUntil(() => reactionEvents(early).length === 1);
      expect(reactionEvents(early)).toEqual([{ id: null, totals: { [a]: { like: 1 } } }]);

      // A storm on post B: 100 notifications within one interval, then one more interval.
      for (let i = 0; i < 100; i++) {
        await writeReactions([{ eventId, postId: b, readerId: `r${i}`, kind: i % 2 ? "wow" : "love" }]);
        feed.notified(eventId);
      }
      await clock.advance(500);
      await waitUntil(() => reads === 2);
      await clock.advance(500);
      await waitUntil(() => reactionEvents(early).length === 2);
      expect(reads).toBe(2); // the first read, and one for the whole storm
      expect(dropped).toEqual([eventId]); // the storm dropped the cached pages once
      // Only what changed: post A's counts are not sent again.
      expect(reactionEvents(early)[1]).toEqual({ id: null, totals: { [b]: { love: 50, wow: 50 } } });

      const late = new RecordingSink();
      await hub.subscribe(eventId, 2, late);
      expect(reactionEvents(late)[0]?.totals).toEqual({ [a]: { like: 1 }, [b]: { love: 50, wow: 50 } });

      // A notification for an event nobody here reads costs no read; its pages are dropped.
      feed.notified("someotherevent");
      await clock.advance(1_000);
      expect(reads).toBe(2);
      expect(dropped.at(-1)).toBe("someotherevent");

      // After a LISTEN reconnect, totals are read again (notifications may have been lost).
      await writeReactions([{ eventId, postId: a, readerId: "missed", kind: "like" }]);
      feed.resync();
      await waitUntil(() => reactionEvents(early).length === 3);
      expect(reactionEvents(early)[2]!.totals).toEqual({ [a]: { like: 2 } });
      expect(reactionEvents(late).at(-1)!.totals).toEqual({ [a]: { like: 2 } });
    } finally {
      feed.stop();
    }
  });

  it("queues an update behind a reader's full stream, in order with the changes", async () => {
    const { id: eventId } = await makeEvent(owner);
    const post = (await publishPost(owner, eventId, { body: "A" })).post.id;
    const hub = new Broadcaster();
    const clock = manualClock();
    let reads = 0;
    const read = (id: string) => eventReactionTotals(id).finally(() => reads++);
    const feed = new ReactionFeed({ hub, read, clock, intervalMs: 500, pagesChanged: () => {} });
    try {
      const sink = new RecordingSink();
      await hub.subscribe(eventId, 1, sink);
      let drain: (ok: boolean) => void = () => {};
      sink.isFull = true;
      sink.drainResult = new Promise((resolve) => (drain = resolve));
      await writeReactions([{ eventId, postId: post, readerId: "x", kind: "sad" }]);
      feed.notified(eventId);
      await clock.advance(500);
      await waitUntil(() => hub.eventIds().length === 1 && reads > 1);
      await tick();
      expect(reactionEvents(sink)).toEqual([]);
      sink.isFull = false;
      drain(true);
      await waitUntil(() => reactionEvents(sink).length === 1);
      expect(reactionEvents(sink)[0]!.totals).toEqual({ [post]: { sad: 1 } });
      // State moves no cursor: the next change still reaches the reader, with its id.
      const { seq } = await publishPost(owner, eventId, { body: "B" });
      hub.notify(eventId, seq);
      await waitUntil(() => sink.seqs.includes(seq));
      expect(sink.seqs).toEqual([seq]);
    } finally {
      feed.stop();
    }
  });
});
