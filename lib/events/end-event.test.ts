import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { publishPost } from "@/lib/posts/publish-post";
import { notifyChannel } from "@/lib/realtime/notify";
import { addMember, eventState, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { TestListener } from "@/test/listen";
import { sleep } from "@/test/wait";
import { endEvent } from "./end-event";

let listener: TestListener;
let owner: TestUser;

beforeAll(async () => {
  listener = await TestListener.start(notifyChannel);
  owner = await makeUser();
});

afterAll(async () => {
  await listener?.close();
});

async function statusOf(eventId: string) {
  return (await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { status: true } })).status;
}

describe("endEvent", () => {
  it("ends the event: status ENDED, one `ended` change with the next seq, one NOTIFY", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "Last words" });

    expect(await endEvent(owner, event.id)).toEqual({ seq: 2 });
    expect(await statusOf(event.id)).toBe("ENDED");
    const state = await eventState(event.id);
    expect(state.lastSeq).toBe(2);
    expect(state.changes.map((c) => [c.seq, c.type, c.postId])).toEqual([
      [1, "POST_PUBLISHED", expect.any(String)],
      [2, "EVENT_ENDED", null],
    ]);
    const raw = await db.$queryRaw<{ type: string }[]>`
      SELECT "type"::text AS "type" FROM "Change" WHERE "eventId" = ${event.id} AND "seq" = 2`;
    expect(raw).toEqual([{ type: "ended" }]); // the SSE event name
    expect((await listener.waitFor(event.id, 2)).map((n) => n.seq)).toEqual([1, 2]);
  });

  it("lets an EDITOR end it", async () => {
    const event = await makeEvent(owner);
    const editor = await makeUser();
    await addMember(event.id, editor, "EDITOR");
    expect(await endEvent(editor, event.id)).toEqual({ seq: 1 });
    expect(await statusOf(event.id)).toBe("ENDED");
  });

  it("refuses a CONTRIBUTOR and a non-member: ForbiddenError, still LIVE, nothing written", async () => {
    const event = await makeEvent(owner);
    const [contributor, stranger] = await Promise.all([makeUser(), makeUser()]);
    await addMember(event.id, contributor, "CONTRIBUTOR");
    for (const actor of [contributor, stranger]) {
      await expect(endEvent(actor, event.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await statusOf(event.id)).toBe("LIVE");
    const state = await eventState(event.id);
    expect(state.lastSeq).toBe(0);
    expect(state.changes).toEqual([]);
  });

  it("refuses to end it twice with a ConflictError, writing nothing more", async () => {
    const event = await makeEvent(owner);
    await endEvent(owner, event.id);
    await expect(endEvent(owner, event.id)).rejects.toBeInstanceOf(ConflictError);
    const state = await eventState(event.id);
    expect(state.lastSeq).toBe(1);
    expect(state.changes.map((c) => c.type)).toEqual(["EVENT_ENDED"]);
    await sleep(200);
    expect(listener.forEvent(event.id)).toHaveLength(1);
  });

  it("lets exactly one of two concurrent endEvent calls succeed", async () => {
    for (let round = 0; round < 3; round++) {
      const event = await makeEvent(owner);
      const editor = await makeUser();
      await addMember(event.id, editor, "EDITOR");
      const results = await Promise.allSettled([endEvent(owner, event.id), endEvent(editor, event.id)]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r) => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
      expect((won[0] as PromiseFulfilledResult<{ seq: number }>).value).toEqual({ seq: 1 });
      const state = await eventState(event.id);
      expect(state.lastSeq).toBe(1);
      expect(state.changes.map((c) => c.type)).toEqual(["EVENT_ENDED"]);
    }
  });

  it("throws NotFoundError for an unknown event", async () => {
    await expect(endEvent(owner, "no-such-event")).rejects.toBeInstanceOf(NotFoundError);
  });
});
