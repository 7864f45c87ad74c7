import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { getEventSnapshot } from "@/lib/events/get-event-snapshot";
import { notifyChannel } from "@/lib/realtime/notify";
import { addMember, eventState, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { TestListener } from "@/test/listen";
import { deletePost } from "./delete-post";
import { publishPost } from "./publish-post";
import { submitPost } from "./submit-post";

let listener: TestListener;
let owner: TestUser;

beforeAll(async () => {
  listener = await TestListener.start(notifyChannel);
  owner = await makeUser();
});

afterAll(async () => {
  await listener?.close();
});

describe("deletePost", () => {
  it("takes the post down: status DELETED, a post.deleted change with its id, a NOTIFY, gone from the page", async () => {
    const event = await makeEvent(owner);
    const kept = await publishPost(owner, event.id, { body: "Stays" });
    const doomed = await publishPost(owner, event.id, { body: "Goes" });
    await db.post.update({ where: { id: doomed.post.id }, data: { pinned: true } });
    expect((await getEventSnapshot(event.slug))!.posts.map((p) => p.id)).toEqual([doomed.post.id, kept.post.id]);

    const { seq } = await deletePost(owner, doomed.post.id);
    expect(seq).toBe(3);

    const stored = await db.post.findUniqueOrThrow({ where: { id: doomed.post.id } });
    expect(stored).toMatchObject({ status: "DELETED", pinned: false }); // the row stays, for the record
    const state = await eventState(event.id);
    expect(state.lastSeq).toBe(3);
    const change = state.changes.at(-1)!;
    expect([change.seq, change.type, change.postId, change.data]).toEqual([
      3,
      "POST_DELETED",
      doomed.post.id,
      { postId: doomed.post.id },
    ]);
    expect((await listener.waitFor(event.id, 3)).map((n) => n.seq)).toEqual([1, 2, 3]);

    const snapshot = (await getEventSnapshot(event.slug))!;
    expect(snapshot.posts.map((p) => p.id)).toEqual([kept.post.id]);
    expect(snapshot.seq).toBe(3);
  });

  it("lets an EDITOR delete", async () => {
    const event = await makeEvent(owner);
    const editor = await makeUser();
    await addMember(event.id, editor, "EDITOR");
    const { post } = await publishPost(owner, event.id, { body: "The owner's" });
    expect(await deletePost(editor, post.id)).toEqual({ seq: 2 });
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("DELETED");
  });

  it("refuses a CONTRIBUTOR and a non-member: ForbiddenError, nothing written", async () => {
    const event = await makeEvent(owner);
    const [contributor, stranger] = await Promise.all([makeUser(), makeUser()]);
    await addMember(event.id, contributor, "CONTRIBUTOR");
    const { post } = await publishPost(owner, event.id, { body: "Mine" });
    for (const actor of [contributor, stranger]) {
      await expect(deletePost(actor, post.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("PUBLISHED");
    const state = await eventState(event.id);
    expect(state.lastSeq).toBe(1);
    expect(state.changes.map((c) => c.type)).toEqual(["POST_PUBLISHED"]);
    expect((await getEventSnapshot(event.slug))!.posts.map((p) => p.id)).toEqual([post.id]);
  });

  it("throws NotFoundError the second time, and for an unknown post; only one post.deleted is written", async () => {
    const event = await makeEvent(owner);
    const { post } = await publishPost(owner, event.id, { body: "Once" });
    const results = await Promise.allSettled([deletePost(owner, post.id), deletePost(owner, post.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(NotFoundError);
    await expect(deletePost(owner, post.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deletePost(owner, "no-such-post")).rejects.toBeInstanceOf(NotFoundError);
    const state = await eventState(event.id);
    expect(state.changes.map((c) => c.type)).toEqual(["POST_PUBLISHED", "POST_DELETED"]);
    expect(state.lastSeq).toBe(2);
  });

  it("deletes a post readers never saw (a submission) without logging a change", async () => {
    const event = await makeEvent(owner);
    const contributor = await makeUser();
    await addMember(event.id, contributor, "CONTRIBUTOR");
    const post = await submitPost(contributor, event.id, { body: "For review" });
    expect(await deletePost(owner, post.id)).toEqual({ seq: null });
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("DELETED");
    expect((await eventState(event.id)).lastSeq).toBe(0);
  });
});
