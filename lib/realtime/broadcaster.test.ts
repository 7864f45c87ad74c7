import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { publishPost, type Published } from "@/lib/posts/publish-post";
import { dataOf } from "@/test/sse";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { TestListener } from "@/test/listen";
import { range, RecordingSink } from "@/test/sink";
import { sleep, waitUntil } from "@/test/wait";
import { Broadcaster, replayLimit } from "./broadcaster";
import { changesAfter } from "./change-log";
import { notifyChannel } from "./notify";
import { startStream } from "./open-stream";

// Real change log (the default loader reads Postgres), real NOTIFYs: this file's own
// LISTEN connection hands them to whichever broadcasters are plugged in.
let listener: TestListener;
let owner: TestUser;
const wired = new Set<Broadcaster>();
/** Whether the wired broadcasters get the change that rode along with a notification. */
let passChanges = true;

beforeAll(async () => {
  listener = await TestListener.start(notifyChannel);
  listener.onNotification((n) => {
    for (const b of wired) b.notify(n.eventId, n.seq, passChanges ? n.change : undefined);
  });
  owner = await makeUser();
});

// A finished test's broadcasters stop hearing notifications (no stray reads later).
afterEach(() => wired.clear());

afterAll(async () => {
  await listener?.close();
});

/** Publishes `total` posts to one event from `writers` concurrent loops. */
async function publishConcurrently(eventId: string, total: number, writers: number) {
  let next = 0;
  const results: Published[] = [];
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < total) {
        const n = ++next;
        results.push(await publishPost(owner, eventId, { body: `Update ${n}` }));
      }
    }),
  );
  return results;
}

/** A wired broadcaster that notes the `afterSeq` of each read of the change log. */
function readCountingBroadcaster(): { b: Broadcaster; reads: number[] } {
  const reads: number[] = [];
  const b = new Broadcaster((eventId, afterSeq, limit) => {
    reads.push(afterSeq);
    return changesAfter(eventId, afterSeq, limit);
  });
  wired.add(b);
  return { b, reads };
}

/** A broadcaster on the real change log whose next read can be held between the query and its result. */
function heldReadBroadcaster() {
  let hold: { read: boolean; released: Promise<void> } | null = null;
  const b = new Broadcaster(async (eventId, afterSeq, limit) => {
    const held = hold;
    hold = null;
    const rows = await changesAfter(eventId, afterSeq, limit);
    if (held) {
      held.read = true;
      await held.released;
    }
    return rows;
  });
  const holdNextRead = () => {
    let release!: () => void;
    const gate = { read: false, released: new Promise<void>((resolve) => (release = resolve)) };
    hold = gate;
    return {
      get read() {
        return gate.read;
      },
      release,
    };
  };
  return { b, holdNextRead };
}

function wiredBroadcaster(): Broadcaster {
  const b = new Broadcaster();
  wired.add(b);
  return b;
}

// Both ways a change reaches a channel: in its notification, or read from the log (a
// change too large to ride along, or one notified out of turn).
describe.each([
  { how: "changes in notifications", withChanges: true },
  { how: "notifications of ids only", withChanges: false },
])("Broadcaster (real change log, $how)", ({ withChanges }) => {
  beforeAll(() => {
    passChanges = withChanges;
  });

  it("gives readers who join at 0 during 50 concurrent publishes seqs 1..50 exactly once, in order", async () => {
    const event = await makeEvent(owner);
    const b = wiredBroadcaster();
    const early = new RecordingSink(); // on the channel from the start: all live
    await b.subscribe(event.id, 0, early);

    // 8 writers publish at once, 50 posts in all. (Not 50 transactions at once: those
    // would queue for the 10-connection pool behind the event's row lock, and on a busy
    // machine the last ones exceed Prisma's 2 s maxWait for starting a transaction.)
    const publishing = publishConcurrently(event.id, 50, 8);
    // Readers join at several points, while other posts are still queued on the event row:
    // each replays from the log and then goes live, and the seam must show no gap or repeat.
    const late: { sink: RecordingSink; lastSeqAtJoin: number }[] = [];
    for (const after of [3, 15, 30]) {
      await listener.waitFor(event.id, after);
      const sink = new RecordingSink();
      const { lastSeq } = await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { lastSeq: true } });
      await b.subscribe(event.id, 0, sink);
      late.push({ sink, lastSeqAtJoin: lastSeq });
    }
    const results = await publishing;

    expect(results.map((r) => r.seq).sort((x, y) => x - y)).toEqual(range(1, 50));
    const sinks = [early, ...late.map((l) => l.sink)];
    await waitUntil(() => sinks.every((sink) => sink.seqs.length >= 50), { message: "50 changes per reader" });
    await sleep(200); // anything extra (a duplicate) would arrive now
    for (const sink of sinks) {
      expect(sink.seqs).toEqual(range(1, 50));
      expect(sink.closed).toBe(false);
    }
    expect(late[0]!.lastSeqAtJoin).toBeLessThan(50); // the first join really was mid-stream

    // Each message is the change itself: the post that took that seq.
    const postBySeq = new Map(results.map((r) => [r.seq, r.post.id]));
    for (const e of late[0]!.sink.events.filter((e) => e.id !== null)) {
      expect(e.event).toBe("post.published");
      expect(dataOf<{ post: { id: string } }>(e).post.id).toBe(postBySeq.get(Number(e.id)));
    }
    expect(b.readerCount).toBe(4);
  });

  it("fans out to more readers than one slice in order, exactly once, with readers joining mid-way", async () => {
    const event = await makeEvent(owner);
    const b = wiredBroadcaster();
    // 2,500 readers: the fan-out yields to the event loop between slices of 1,000.
    const crowd = Array.from({ length: 2_500 }, () => new RecordingSink());
    for (const sink of crowd) await b.subscribe(event.id, 0, sink);
    const publishing = publishConcurrently(event.id, 10, 4);
    // Readers who join while changes are being fanned out, slice by slice.
    const joiners: RecordingSink[] = [];
    for (const after of [2, 5, 8]) {
      await listener.waitFor(event.id, after);
      const sink = new RecordingSink();
      await b.subscribe(event.id, 0, sink);
      joiners.push(sink);
    }
    await publishing;
    const sinks = [...crowd, ...joiners];
    await waitUntil(() => sinks.every((sink) => sink.seqs.length >= 10), { message: "10 changes per reader" });
    await sleep(200); // anything extra (a duplicate) would arrive now
    for (const sink of sinks) expect(sink.seqs).toEqual(range(1, 10));
  });

  it("writes a state update in slices too, each reader getting states in their order", async () => {
    const event = await makeEvent(owner);
    const b = wiredBroadcaster();
    const crowd = Array.from({ length: 6_000 }, () => new RecordingSink());
    for (const sink of crowd) await b.subscribe(event.id, 0, sink);
    const state = (n: number) => new TextEncoder().encode(`event: votes\ndata: ${n}\n\n`);
    const votes = (sink: RecordingSink) => sink.writes.filter((w) => w.startsWith("event: votes"));
    b.publishState(event.id, "votes", state(2), state(1));
    b.publishState(event.id, "votes", state(2), state(2));
    // One slice written at once, the rest after the event loop has had its turn.
    expect(crowd.filter((sink) => votes(sink).length > 0)).toHaveLength(5_000);
    await publishPost(owner, event.id, { body: "after the votes" });
    b.publishState(event.id, "votes", state(3), state(3));
    await waitUntil(() => crowd.every((sink) => votes(sink).length === 3), { message: "3 states per reader" });
    await waitUntil(() => crowd.every((sink) => sink.seqs.length === 1), { message: "the post, to every reader" });
    for (const sink of crowd) expect(votes(sink)).toEqual([1, 2, 3].map((n) => `event: votes\ndata: ${n}\n\n`));
  });

  it("holds live changes that arrive during a reader's replay until the replay is written", async () => {
    const event = await makeEvent(owner);
    const { b, holdNextRead } = heldReadBroadcaster();
    wired.add(b);
    await publishPost(owner, event.id, { body: "one" });
    await publishPost(owner, event.id, { body: "two" });
    // The watcher joins up to date, so the channel knows no message before 3 and the
    // joiner below, at 0, must replay from the change log.
    const watcher = new RecordingSink();
    await b.subscribe(event.id, 2, watcher);

    const gate = holdNextRead();
    const joiner = new RecordingSink();
    const joining = b.subscribe(event.id, 0, joiner); // its replay has read 1 and 2…
    await waitUntil(() => gate.read, { message: "the replay read" });
    await publishPost(owner, event.id, { body: "three" }); // …when 3 goes out live
    await waitUntil(() => watcher.seqs.length === 1, { message: "seq 3 live" });
    expect(watcher.seqs).toEqual([3]);
    expect(joiner.writes).toEqual([]); // 3 waits for the replay

    gate.release();
    await joining;
    expect(joiner.seqs).toEqual([1, 2, 3]);
    await publishPost(owner, event.id, { body: "four" });
    await waitUntil(() => joiner.seqs.length === 4, { message: "seq 4" });
    expect(joiner.seqs).toEqual([1, 2, 3, 4]);
  });

  it("holds messages for a full reader until it drains, then sends them in order; drops one that never drains", async () => {
    const event = await makeEvent(owner);
    const b = wiredBroadcaster();
    const steady = new RecordingSink();
    const paced = new RecordingSink();
    const stuck = new RecordingSink();
    await b.subscribe(event.id, 0, steady);
    await b.subscribe(event.id, 0, paced);
    await b.subscribe(event.id, 0, stuck);
    await publishPost(owner, event.id, { body: "one" });
    await waitUntil(() => paced.seqs.length === 1 && stuck.seqs.length === 1, { message: "seq 1 to all" });

    let drain!: (drained: boolean) => void;
    paced.isFull = true;
    paced.drainResult = new Promise((resolve) => (drain = resolve));
    stuck.isFull = true;
    stuck.drainResult = Promise.resolve(false); // its sink gave up waiting
    for (const body of ["two", "three", "four"]) await publishPost(owner, event.id, { body });
    await waitUntil(() => steady.seqs.length === 4, { message: "the steady reader has 1..4" });
    expect(paced.seqs).toEqual([1]); // held back, not dropped
    expect(paced.closed).toBe(false);
    await waitUntil(() => stuck.closed, { message: "the stuck reader is cut off" });
    expect(stuck.seqs).toEqual([1]);

    paced.isFull = false;
    drain(true);
    await waitUntil(() => paced.seqs.length === 4, { message: "the paced reader catches up" });
    expect(paced.seqs).toEqual([1, 2, 3, 4]);
    await publishPost(owner, event.id, { body: "five" });
    await waitUntil(() => paced.seqs.length === 5, { message: "and is live again" });
    expect(paced.seqs).toEqual(range(1, 5));
  });

  it("fans out changes that came with their notification without reading them back", async () => {
    const event = await makeEvent(owner);
    const { b, reads } = readCountingBroadcaster();
    const sink = new RecordingSink();
    await b.subscribe(event.id, 0, sink);
    const readsBefore = reads.length;
    const long = "A long update. ".repeat(600); // about 9,000 bytes: too large to ride along
    for (const body of ["One", long, "Three"]) await publishPost(owner, event.id, { body });
    await waitUntil(() => sink.seqs.length === 3, { message: "seqs 1..3" });
    expect(sink.seqs).toEqual([1, 2, 3]);
    expect(dataOf<{ post: { html: string } }>(sink.events[1]!).post.html).toContain("A long update.");
    // With changes in notifications, only the long one is read; without, every one is.
    if (withChanges) expect(reads.slice(readsBefore)).toEqual([1]);
    else expect(reads.length - readsBefore).toBeGreaterThanOrEqual(1);
    // What readers got is what the change log holds, whichever way it came.
    const log = await changesAfter(event.id, 0, 10);
    const withoutIdAndType = (change: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(change).filter(([key]) => key !== "seq" && key !== "type"));
    expect(sink.events.map((e) => dataOf(e))).toEqual(log.map(withoutIdAndType));
  });

  it("writes changes that arrive during a fan-out to each reader together, in order", async () => {
    const event = await makeEvent(owner);
    const b = new Broadcaster(); // not wired: the test says when each notification arrives
    const sinks = [new RecordingSink(), new RecordingSink()];
    for (const sink of sinks) await b.subscribe(event.id, 0, sink);
    for (const body of ["one", "two", "three"]) await publishPost(owner, event.id, { body });
    const notes = await listener.waitFor(event.id, 3);
    // A burst: the first notification starts a fan-out, the others come in during it.
    for (const n of notes) b.notify(event.id, n.seq, withChanges ? n.change : undefined);
    for (const sink of sinks) {
      await waitUntil(() => sink.seqs.length === 3, { message: "seqs 1..3" });
      expect(sink.seqs).toEqual([1, 2, 3]);
      expect(sink.writes.length).toBeLessThan(3);
    }
    await publishPost(owner, event.id, { body: "four" });
    b.notify(event.id, 4);
    await waitUntil(() => sinks.every((sink) => sink.seqs.length === 4), { message: "seq 4" });
    expect(sinks[0]!.writes.at(-1)).toContain("id: 4\n");
    expect(sinks[0]!.writes.at(-1)).not.toContain("id: 3\n");
  });

  it("gives a reader whose replay ends inside a batch only the rest of it", async () => {
    const event = await makeEvent(owner);
    // Not wired: it hears only the notifications the test gives it.
    const { b, holdNextRead } = heldReadBroadcaster();
    await publishPost(owner, event.id, { body: "one" });
    const watcher = new RecordingSink();
    await b.subscribe(event.id, 1, watcher); // the channel has delivered up to 1
    await publishPost(owner, event.id, { body: "two" });

    const gate = holdNextRead();
    const joiner = new RecordingSink();
    const joining = b.subscribe(event.id, 0, joiner); // its replay reads 1 and 2…
    await waitUntil(() => gate.read, { message: "the replay read" });
    await publishPost(owner, event.id, { body: "three" });
    b.resync(); // …while 2 and 3 go out live as one batch
    await waitUntil(() => watcher.seqs.length === 2, { message: "seqs 2 and 3 live" });
    expect(watcher.seqs).toEqual([2, 3]);
    expect(watcher.writes).toHaveLength(1);

    gate.release();
    await joining;
    expect(joiner.seqs).toEqual([1, 2, 3]); // 2 once
    await publishPost(owner, event.id, { body: "four" });
    b.notify(event.id, 4);
    await waitUntil(() => joiner.seqs.length === 4, { message: "seq 4" });
    expect(joiner.seqs).toEqual([1, 2, 3, 4]);
  });

  it("serves a reader who joins up to date or a little behind from memory, with no read", async () => {
    const event = await makeEvent(owner);
    const { b, reads } = readCountingBroadcaster();
    const first = new RecordingSink();
    await b.subscribe(event.id, 0, first); // the channel's first reader reads (an empty log)
    for (let i = 1; i <= 3; i++) await publishPost(owner, event.id, { body: `Update ${i}` });
    await waitUntil(() => first.seqs.length === 3, { message: "seqs 1..3" });
    const readsBefore = reads.length;

    const upToDate = new RecordingSink();
    const behind = new RecordingSink();
    // In the same tick, with nothing awaited: how the production server accepts them.
    expect(b.join(event.id, 3, upToDate)).toBeTypeOf("function");
    expect(b.join(event.id, 1, behind)).toBeTypeOf("function");
    expect(reads.length).toBe(readsBefore); // neither needed Postgres
    expect(b.readerCount).toBe(3);
    expect(behind.seqs).toEqual([2, 3]);
    expect(upToDate.seqs).toEqual([]);

    await publishPost(owner, event.id, { body: "Update 4" });
    await waitUntil(() => [first, upToDate, behind].every((sink) => sink.seqs.at(-1) === 4), { message: "seq 4" });
    expect(first.seqs).toEqual([1, 2, 3, 4]);
    expect(behind.seqs).toEqual([2, 3, 4]);
    expect(upToDate.seqs).toEqual([4]);
  });

  it("leaves a reader to subscribe() when only the change log knows what it missed", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "Update 1" });
    const b = wiredBroadcaster();
    const sink = new RecordingSink();
    expect(b.join(event.id, 0, sink)).toBeUndefined(); // nobody here reads the event yet
    expect(b.readerCount).toBe(0);
    expect(sink.writes).toEqual([]);
    await b.subscribe(event.id, 0, sink);
    expect(sink.seqs).toEqual([1]);
  });

  it("replays only what is after the reader's cursor", async () => {
    const event = await makeEvent(owner);
    for (let i = 1; i <= 5; i++) await publishPost(owner, event.id, { body: `Update ${i}` });
    const b = wiredBroadcaster();
    const sink = new RecordingSink();
    await b.subscribe(event.id, 3, sink);
    expect(sink.seqs).toEqual([4, 5]);
    await publishPost(owner, event.id, { body: "Update 6" });
    await waitUntil(() => sink.seqs.length === 3, { message: "seq 6" });
    expect(sink.seqs).toEqual([4, 5, 6]);
  });

  it("drops a reader whose sink refuses a write (sink.close) and keeps serving the others", async () => {
    const event = await makeEvent(owner);
    const b = wiredBroadcaster();
    const healthy = new RecordingSink();
    const slow = new RecordingSink((n) => n < 2); // takes one change, refuses the second
    await b.subscribe(event.id, 0, healthy);
    await b.subscribe(event.id, 0, slow);
    expect(b.readerCount).toBe(2);

    await publishPost(owner, event.id, { body: "one" });
    await waitUntil(() => healthy.seqs.length === 1 && slow.writes.length === 1, { message: "seq 1 to both" });
    expect(slow.closed).toBe(false);

    await publishPost(owner, event.id, { body: "two" });
    await waitUntil(() => slow.closed, { message: "the slow reader to be closed" });
    expect(b.readerCount).toBe(1);

    await publishPost(owner, event.id, { body: "three" });
    await waitUntil(() => healthy.seqs.length === 3, { message: "seq 3 to the healthy reader" });
    await sleep(100);
    expect(healthy.seqs).toEqual([1, 2, 3]);
    expect(healthy.closed).toBe(false);
    expect(slow.writes).toHaveLength(2); // nothing more after the refusal
    expect(slow.closes).toBe(1);
  });

  it("resync() delivers changes whose notification never reached notify()", async () => {
    const event = await makeEvent(owner);
    const b = new Broadcaster(); // not wired: it hears no notifications at all
    const sink = new RecordingSink();
    await b.subscribe(event.id, 0, sink);

    await publishPost(owner, event.id, { body: "one" });
    await publishPost(owner, event.id, { body: "two" });
    await listener.waitFor(event.id, 2);
    await sleep(100);
    expect(sink.seqs).toEqual([]); // deaf, as promised

    b.resync();
    await waitUntil(() => sink.seqs.length >= 2, { message: "the missed changes" });
    expect(sink.seqs).toEqual([1, 2]);

    // Also after live delivery has started: a notification for 3 only, then 4 and 5 missed.
    await publishPost(owner, event.id, { body: "three" });
    b.notify(event.id, 3);
    await waitUntil(() => sink.seqs.length >= 3, { message: "seq 3" });
    await publishPost(owner, event.id, { body: "four" });
    await publishPost(owner, event.id, { body: "five" });
    b.resync();
    await waitUntil(() => sink.seqs.length >= 5, { message: "seqs 4 and 5" });
    await sleep(100);
    expect(sink.seqs).toEqual([1, 2, 3, 4, 5]);
  });

  it("does not lose a notification that arrives while resync() is reading", async () => {
    const event = await makeEvent(owner);
    // The real change log, with a gate between the read and its result.
    let gate: Promise<void> | null = null;
    let reads = 0;
    const b = new Broadcaster(async (eventId, afterSeq, limit) => {
      const rows = await changesAfter(eventId, afterSeq, limit);
      reads++;
      await gate;
      return rows;
    });
    const sink = new RecordingSink();
    await b.subscribe(event.id, 0, sink);
    await publishPost(owner, event.id, { body: "one" });
    b.notify(event.id, 1);
    await waitUntil(() => sink.seqs.length === 1, { message: "seq 1" });

    // The listener reconnected: resync reads the log and finds nothing new…
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const readsBefore = reads;
    b.resync();
    await waitUntil(() => reads === readsBefore + 1, { message: "the resync read" });
    // …while, before that (empty) read returns, seq 2 commits and its NOTIFY arrives.
    await publishPost(owner, event.id, { body: "two" });
    b.notify(event.id, 2);
    gate = null;
    open();

    await waitUntil(() => sink.seqs.length === 2, { timeoutMs: 3_000, message: "seq 2, whose NOTIFY came mid-read" });
    expect(sink.seqs).toEqual([1, 2]);
  });

  it(`sends a reader more than replayLimit (${replayLimit}) behind one reset and closes it`, async () => {
    const event = await makeEvent(owner);
    // A long history, written straight into the log (publishing 1001 posts is slow).
    await db.$executeRaw`
      INSERT INTO "Change" ("eventId", "seq", "type", "data")
      SELECT ${event.id}, s, 'post.deleted'::"ChangeType", jsonb_build_object('postId', 'gone-' || s)
      FROM generate_series(1, ${replayLimit + 1}) AS s`;
    await db.event.update({ where: { id: event.id }, data: { lastSeq: replayLimit + 1 } });
    const b = new Broadcaster();

    const behind = new RecordingSink();
    await b.subscribe(event.id, 0, behind);
    expect(behind.events).toEqual([{ id: null, event: "reset", data: expect.any(String), retry: null }]);
    expect(behind.writes).toHaveLength(1);
    expect(behind.closes).toBe(1);
    expect(b.readerCount).toBe(0);

    // Exactly replayLimit behind still replays.
    const justInReach = new RecordingSink();
    await b.subscribe(event.id, 1, justInReach);
    expect(justInReach.closed).toBe(false);
    expect(justInReach.seqs).toEqual(range(2, replayLimit + 1));
    expect(justInReach.events.some((e) => e.event === "reset")).toBe(false);
    expect(b.readerCount).toBe(1);
  });

  it("unsubscribing stops delivery and frees the reader", async () => {
    const event = await makeEvent(owner);
    const b = wiredBroadcaster();
    const sink = new RecordingSink();
    const off = await b.subscribe(event.id, 0, sink);
    expect(b.readerCount).toBe(1);
    off();
    off(); // twice is harmless
    expect(b.readerCount).toBe(0);
    await publishPost(owner, event.id, { body: "nobody listens" });
    await listener.waitFor(event.id, 1);
    await sleep(200);
    expect(sink.writes).toEqual([]);
  });
});

describe("a reader whose replay cannot be read", () => {
  it("is removed, and its stream ends, so that it reconnects and resumes", async () => {
    const restarting = new Broadcaster(() => Promise.reject(new Error("Postgres is restarting")));
    const sink = new RecordingSink();
    await expect(restarting.subscribe("event", 0, sink)).rejects.toThrow("restarting");
    expect(restarting.readerCount).toBe(0);

    const started = vi.fn();
    const streamed = new RecordingSink();
    startStream({ eventId: "event", cursor: 0 }, streamed, started, restarting);
    await waitUntil(() => streamed.closed, { message: "the stream ends" });
    expect(started).not.toHaveBeenCalled();
    expect(restarting.readerCount).toBe(0);
  });
});
