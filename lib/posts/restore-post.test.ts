import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { getEventSnapshot } from "@/lib/events/get-event-snapshot";
import { addMember, eventState, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { deletePost } from "./delete-post";
import { publishPost } from "./publish-post";
import { restorePost, restoreWindowMs } from "./restore-post";
import { submitPost } from "./submit-post";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

describe("restorePost", () => {
  it("puts a deleted post back as it was (published, pinned), with a post.published change readers see", async () => {
    const event = await makeEvent(owner);
    const kept = await publishPost(owner, event.id, { body: "Stays" });
    const doomed = await publishPost(owner, event.id, { body: "Goes and comes back" });
    await db.post.update({ where: { id: doomed.post.id }, data: { pinned: true } });
    await deletePost(owner, doomed.post.id);
    expect((await getEventSnapshot(event.slug))!.posts.map((p) => p.id)).toEqual([kept.post.id]);

    const { post, seq } = await restorePost(owner, doomed.post.id);
    expect(seq).toBe(4);
    expect(post).toMatchObject({ id: doomed.post.id, pinned: true });

    const stored = await db.post.findUniqueOrThrow({ where: { id: doomed.post.id } });
    expect(stored).toMatchObject({ status: "PUBLISHED", pinned: true, deletedAt: null, deletedFromStatus: null });
    const state = await eventState(event.id);
    expect(state.lastSeq).toBe(4);
    expect(state.changes.map((c) => c.type)).toEqual([
      "POST_PUBLISHED",
      "POST_PUBLISHED",
      "POST_DELETED",
      "POST_PUBLISHED",
    ]);
    expect(state.changes.at(-1)!.postId).toBe(doomed.post.id);

    const snapshot = (await getEventSnapshot(event.slug))!;
    expect(snapshot.posts.map((p) => p.id)).toEqual([doomed.post.id, kept.post.id]);
    expect(snapshot.seq).toBe(4);
  });

  it("brings back a post readers never saw without logging a change", async () => {
    const event = await makeEvent(owner);
    const contributor = await makeUser();
    await addMember(event.id, contributor, "CONTRIBUTOR");
    const post = await submitPost(contributor, event.id, { body: "For review" });
    await deletePost(owner, post.id);
    expect((await restorePost(owner, post.id)).seq).toBeNull();
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("SUBMITTED");
    expect((await eventState(event.id)).lastSeq).toBe(0);
  });

  it("lets an EDITOR undo; refuses a CONTRIBUTOR and a non-member, writing nothing", async () => {
    const event = await makeEvent(owner);
    const [editor, contributor, stranger] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    await addMember(event.id, editor, "EDITOR");
    await addMember(event.id, contributor, "CONTRIBUTOR");
    const { post } = await publishPost(owner, event.id, { body: "Deleted by mistake" });
    await deletePost(owner, post.id);
    for (const actor of [contributor, stranger]) {
      await expect(restorePost(actor, post.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("DELETED");
    expect((await eventState(event.id)).lastSeq).toBe(2);
    expect((await restorePost(editor, post.id)).seq).toBe(3);
  });

  it("refuses after the window, a post that is not deleted, and an unknown post", async () => {
    const event = await makeEvent(owner);
    const { post } = await publishPost(owner, event.id, { body: "Too late" });
    await expect(restorePost(owner, post.id)).rejects.toBeInstanceOf(ConflictError);
    await deletePost(owner, post.id);
    const { deletedAt } = await db.post.findUniqueOrThrow({ where: { id: post.id } });
    const late = new Date(deletedAt!.getTime() + restoreWindowMs + 1000);
    await expect(restorePost(owner, post.id, late)).rejects.toBeInstanceOf(ConflictError);
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("DELETED");
    await expect(restorePost(owner, "no-such-post")).rejects.toBeInstanceOf(NotFoundError);
  });
});
