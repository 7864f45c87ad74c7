import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { changesAfter } from "@/lib/realtime/change-log";
import { appendChange, notifyChannel } from "@/lib/realtime/notify";
import { limits } from "@/lib/shared/limits";
import type { PostView } from "@/lib/shared/types";
import { addMember, eventState, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { TestListener } from "@/test/listen";
import { range } from "@/test/sink";
import { sleep } from "@/test/wait";
import { publishPost } from "./publish-post";

let listener: TestListener;
let owner: TestUser;

beforeAll(async () => {
  listener = await TestListener.start(notifyChannel);
  owner = await makeUser();
});

afterAll(async () => {
  await listener?.close();
});

/** Asserts that a rejected publish wrote nothing to the event. */
async function expectNothingWritten(eventId: string, lastSeqBefore: number) {
  const state = await eventState(eventId);
  expect(state.lastSeq).toBe(lastSeqBefore);
  expect(state.posts).toBe(0);
  expect(state.changes).toEqual([]);
}

describe("publishPost", () => {
  it("writes the post, its change (next seq) and a NOTIFY <eventId>:<seq>:<change>, visible together", async () => {
    const event = await makeEvent(owner);

    // The moment the notification arrives, everything it announces must be readable.
    const seenOnNotify: { seq: number; post: unknown; change: unknown; lastSeq: number }[] = [];
    const checks: Promise<void>[] = [];
    const off = listener.onNotification((n) => {
      if (n.eventId !== event.id) return;
      checks.push(
        (async () => {
          const [change, row] = await Promise.all([
            db.change.findUnique({ where: { eventId_seq: { eventId: event.id, seq: n.seq } } }),
            db.event.findUniqueOrThrow({ where: { id: event.id }, select: { lastSeq: true } }),
          ]);
          const post = change?.postId ? await db.post.findUnique({ where: { id: change.postId } }) : null;
          seenOnNotify.push({ seq: n.seq, post, change, lastSeq: row.lastSeq });
        })(),
      );
    });

    try {
      const first = await publishPost(owner, event.id, { body: "First **update**", headline: "Kick-off" });
      expect(first.seq).toBe(1);
      expect(first.post).toMatchObject({
        headline: "Kick-off",
        html: "<p>First <strong>update</strong></p>\n",
        authorName: owner.name,
        pinned: false,
        editedAt: null,
      });

      const second = await publishPost(owner, event.id, { body: "Second" });
      expect(second.seq).toBe(2);
      expect(second.post.headline).toBeNull();

      const notes = await listener.waitFor(event.id, 2);
      expect(notes.map((n) => [n.channel, n.eventId, n.seq])).toEqual([
        [notifyChannel, event.id, 1],
        [notifyChannel, event.id, 2],
      ]);
      // The change rides along, exactly as the change log has it (lib/realtime/notify.ts).
      expect(notes.map((n) => n.change)).toEqual(await changesAfter(event.id, 0, 10));
      await Promise.all(checks);
      expect(seenOnNotify).toHaveLength(2);
      for (const seen of seenOnNotify) {
        expect(seen.change).not.toBeNull();
        expect(seen.post).not.toBeNull();
        expect(seen.lastSeq).toBeGreaterThanOrEqual(seen.seq);
      }

      const state = await eventState(event.id);
      expect(state.lastSeq).toBe(2);
      expect(state.posts).toBe(2);
      expect(state.changes.map((c) => [c.seq, c.type, c.postId])).toEqual([
        [1, "POST_PUBLISHED", first.post.id],
        [2, "POST_PUBLISHED", second.post.id],
      ]);
      // The log holds the message readers get, frozen at write time.
      expect((state.changes[0]!.data as { post: PostView }).post).toEqual(first.post);

      // The stored enum value is the SSE event name.
      const raw = await db.$queryRaw<{ type: string }[]>`
        SELECT "type"::text AS "type" FROM "Change" WHERE "eventId" = ${event.id} AND "seq" = 1`;
      expect(raw).toEqual([{ type: "post.published" }]);

      const stored = await db.post.findUniqueOrThrow({ where: { id: first.post.id } });
      expect(stored).toMatchObject({
        eventId: event.id,
        authorId: owner.id,
        status: "PUBLISHED",
        bodyMarkdown: "First **update**",
        bodyHtml: first.post.html,
      });
      expect(stored.publishedAt).toBeInstanceOf(Date);
    } finally {
      off();
    }
  });

  it("lets an EDITOR publish", async () => {
    const event = await makeEvent(owner);
    const editor = await makeUser();
    await addMember(event.id, editor, "EDITOR");
    const { seq, post } = await publishPost(editor, event.id, { body: "From the editor" });
    expect(seq).toBe(1);
    expect(post.authorName).toBe(editor.name);
  });

  it("refuses a non-member and a CONTRIBUTOR: ForbiddenError, nothing written, no NOTIFY", async () => {
    const event = await makeEvent(owner);
    const stranger = await makeUser();
    const contributor = await makeUser();
    await addMember(event.id, contributor, "CONTRIBUTOR");

    await expect(publishPost(stranger, event.id, { body: "Not mine" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(publishPost(contributor, event.id, { body: "Needs review" })).rejects.toBeInstanceOf(ForbiddenError);

    await expectNothingWritten(event.id, 0);
    await sleep(300);
    expect(listener.forEvent(event.id)).toEqual([]);
  });

  it("throws NotFoundError for an unknown event", async () => {
    await expect(publishPost(owner, "no-such-event-id", { body: "Hello" })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.post.count({ where: { eventId: "no-such-event-id" } })).toBe(0);
  });

  it.each([
    ["empty", ""],
    ["whitespace only", "  \n\t "],
    ["over the limit", "x".repeat(limits.postMarkdown + 1)],
  ])("rejects a body that is %s: ValidationError on body, nothing written", async (_label, body) => {
    const event = await makeEvent(owner);
    const error = await publishPost(owner, event.id, { body }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.body).toEqual([expect.any(String)]);
    await expectNothingWritten(event.id, 0);
  });

  it("accepts a body of exactly the limit", async () => {
    const event = await makeEvent(owner);
    const { seq } = await publishPost(owner, event.id, { body: "y".repeat(limits.postMarkdown) });
    expect(seq).toBe(1);
  });

  it("rolls back appendChange with its transaction: no NOTIFY, no Change row, lastSeq given back", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "Before" });
    await listener.waitFor(event.id, 1);

    const boom = new Error("the writer failed after appending");
    await expect(
      db.$transaction(async (tx) => {
        const seq = await appendChange(tx, event.id, { type: "post.published", data: {} });
        expect(seq).toBe(2); // taken inside the transaction…
        throw boom;
      }),
    ).rejects.toBe(boom);

    await sleep(500);
    expect(listener.forEvent(event.id).map((n) => n.seq)).toEqual([1]); // …and never announced
    let state = await eventState(event.id);
    expect(state.lastSeq).toBe(1);
    expect(state.changes.map((c) => c.seq)).toEqual([1]);

    // The number was handed back: the next publish takes 2, and is announced.
    const next = await publishPost(owner, event.id, { body: "After" });
    expect(next.seq).toBe(2);
    expect((await listener.waitFor(event.id, 2)).map((n) => n.seq)).toEqual([1, 2]);
    state = await eventState(event.id);
    expect(state.changes.map((c) => c.seq)).toEqual([1, 2]);
  });

  it("gives 20 concurrent publishes seqs 1..20 with 20 NOTIFYs and no gaps; another event keeps its own count", async () => {
    const a = await makeEvent(owner);
    const b = await makeEvent(owner);
    const editor = await makeUser();
    await addMember(a.id, editor, "EDITOR");
    await addMember(b.id, editor, "EDITOR");

    const writes: Promise<{ event: string; seq: number; postId: string }>[] = [];
    for (let i = 0; i < 20; i++) {
      const author = i % 2 === 0 ? owner : editor;
      writes.push(
        publishPost(author, a.id, { body: `A ${i}` }).then((r) => ({ event: "a", seq: r.seq, postId: r.post.id })),
      );
      if (i % 2 === 0) {
        writes.push(
          publishPost(author, b.id, { body: `B ${i}` }).then((r) => ({ event: "b", seq: r.seq, postId: r.post.id })),
        );
      }
    }
    const results = await Promise.all(writes);

    const seqsOf = (name: string) =>
      results
        .filter((r) => r.event === name)
        .map((r) => r.seq)
        .sort((x, y) => x - y);
    expect(seqsOf("a")).toEqual(range(1, 20));
    expect(seqsOf("b")).toEqual(range(1, 10));

    // Commits happen in seq order (the event row lock), so NOTIFYs arrive in order.
    expect((await listener.waitFor(a.id, 20)).map((n) => n.seq)).toEqual(range(1, 20));
    expect((await listener.waitFor(b.id, 10)).map((n) => n.seq)).toEqual(range(1, 10));

    const stateA = await eventState(a.id);
    expect(stateA.lastSeq).toBe(20);
    expect(stateA.posts).toBe(20);
    expect(stateA.changes.map((c) => c.seq)).toEqual(range(1, 20));
    // Each change points at the post whose publish returned that seq.
    const postBySeq = new Map(results.filter((r) => r.event === "a").map((r) => [r.seq, r.postId]));
    for (const change of stateA.changes) expect(change.postId).toBe(postBySeq.get(change.seq));

    const stateB = await eventState(b.id);
    expect(stateB.lastSeq).toBe(10);
    expect(stateB.changes.map((c) => c.seq)).toEqual(range(1, 10));

    await sleep(200);
    expect(listener.forEvent(a.id)).toHaveLength(20); // exactly, not at least
  });
});
