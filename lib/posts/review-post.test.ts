import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { endEvent } from "@/lib/events/end-event";
import { getEventSnapshot } from "@/lib/events/get-event-snapshot";
import { notifyChannel } from "@/lib/realtime/notify";
import type { PostView } from "@/lib/shared/types";
import { eventState, makeTeam, makeUser, type TestUser } from "@/test/factories";
import { TestListener } from "@/test/listen";
import { sleep } from "@/test/wait";
import { editPost } from "./edit-post";
import { listSubmissions } from "./list-submissions";
import { approvePost, sendBackPost } from "./review-post";
import { resubmitPost, submitPost } from "./submit-post";

let listener: TestListener;
let owner: TestUser;

beforeAll(async () => {
  listener = await TestListener.start(notifyChannel);
  owner = await makeUser();
});

afterAll(async () => {
  await listener?.close();
});

/** An event with a member of each role, the owner of another event, a removed editor, and one submission. */
async function team() {
  const members = await makeTeam(owner);
  const submission = await submitPost(members.contributor, members.event.id, {
    body: "From the **floor**",
    headline: "Floor",
  });
  return { ...members, submission };
}

const post = (id: string) => db.post.findUniqueOrThrow({ where: { id } });
const changesOf = async (eventId: string) => (await eventState(eventId)).changes.map((c) => [c.seq, c.type, c.postId]);

describe("approvePost", () => {
  it("publishes a submission: PUBLISHED now, exactly one post.published change with the post, one NOTIFY", async () => {
    const { event, contributor, submission } = await team();
    const before = Date.now();
    const approved = await approvePost(owner, submission.id, { version: 1 });

    expect(approved.seq).toBe(1);
    expect(approved.post).toMatchObject({
      id: submission.id,
      headline: "Floor",
      html: "<p>From the <strong>floor</strong></p>\n",
      authorName: contributor.name, // the author's byline, not the approver's
      editedAt: null,
    });
    expect(Date.parse(approved.post.publishedAt)).toBeGreaterThanOrEqual(before - 1_000);
    const stored = await post(submission.id);
    expect(stored).toMatchObject({ status: "PUBLISHED", reviewNote: null, authorId: contributor.id });

    const state = await eventState(event.id);
    expect(state.changes.map((c) => [c.seq, c.type, c.postId])).toEqual([[1, "POST_PUBLISHED", submission.id]]);
    expect((state.changes[0]!.data as { post: PostView }).post).toEqual(approved.post);
    expect((await listener.waitFor(event.id, 1)).map((n) => n.seq)).toEqual([1]);
    expect((await getEventSnapshot(event.slug))!.posts.map((p) => p.id)).toEqual([submission.id]);
    await sleep(200);
    expect(listener.forEvent(event.id)).toHaveLength(1);
  });

  it("lets an EDITOR approve; refuses a CONTRIBUTOR (even the author), another event's owner and a removed editor", async () => {
    const { event, editor, contributor, outsider, removed, submission } = await team();
    for (const actor of [contributor, outsider, removed]) {
      await expect(approvePost(actor, submission.id, { version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await post(submission.id)).status).toBe("SUBMITTED");
    expect(await changesOf(event.id)).toEqual([]);
    expect((await approvePost(editor, submission.id, { version: 1 })).seq).toBe(1);
  });

  it("refuses a second approval: one post.published change, not two", async () => {
    const { event, editor, submission } = await team();
    await approvePost(editor, submission.id, { version: 1 });
    const again = await approvePost(owner, submission.id, { version: 1 }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as ConflictError).message).toMatch(/already been published/);
    expect(await changesOf(event.id)).toEqual([[1, "POST_PUBLISHED", submission.id]]);
  });

  it("lets exactly one of two concurrent approvals publish", async () => {
    for (let round = 0; round < 3; round++) {
      const { event, editor, submission } = await team();
      const results = await Promise.allSettled([
        approvePost(owner, submission.id, { version: 1 }),
        approvePost(editor, submission.id, { version: 1 }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(ConflictError);
      expect(await changesOf(event.id)).toEqual([[1, "POST_PUBLISHED", submission.id]]);
      await sleep(100);
      expect(listener.forEvent(event.id)).toHaveLength(1);
    }
  });

  it("refuses to publish text the editor has not seen: the author edited it since", async () => {
    const { event, editor, contributor, submission } = await team();
    await resubmitPost(contributor, submission.id, { body: "Changed after the editor looked", version: 1 });
    const stale = await approvePost(editor, submission.id, { version: 1 }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).message).toMatch(/changed this post/);
    expect(await changesOf(event.id)).toEqual([]);
    const approved = await approvePost(editor, submission.id, { version: 2 });
    expect(approved.post.html).toBe("<p>Changed after the editor looked</p>\n");
  });

  it("publishes only what the editor saw when approval races the author's edit", async () => {
    for (let round = 0; round < 3; round++) {
      const { event, editor, contributor, submission } = await team();
      const [approval, edit] = await Promise.allSettled([
        approvePost(editor, submission.id, { version: 1 }),
        resubmitPost(contributor, submission.id, { body: "Sneaked in", version: 1 }),
      ]);
      // Whoever locks the row first wins; the other is refused.
      expect([approval.status, edit.status].sort()).toEqual(["fulfilled", "rejected"]);
      const stored = await post(submission.id);
      if (approval.status === "fulfilled") {
        expect(stored).toMatchObject({ status: "PUBLISHED", bodyMarkdown: "From the **floor**" });
        expect(await changesOf(event.id)).toEqual([[1, "POST_PUBLISHED", submission.id]]);
      } else {
        expect(stored).toMatchObject({ status: "SUBMITTED", bodyMarkdown: "Sneaked in" });
        expect(await changesOf(event.id)).toEqual([]);
      }
    }
  });

  it("refuses a post that was sent back, a deleted or unknown post, and an ended event", async () => {
    const { event, editor, contributor, submission } = await team();
    await sendBackPost(editor, submission.id, { note: "Needs a source." });
    const back = await approvePost(editor, submission.id, { version: 1 }).catch((e: unknown) => e);
    expect(back).toBeInstanceOf(ConflictError);
    expect((back as ConflictError).message).toMatch(/sent back/);
    await expect(approvePost(editor, "no-such-post", { version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(approvePost(editor, submission.id, { version: 0 })).rejects.toBeInstanceOf(ValidationError);

    const late = await submitPost(contributor, event.id, { body: "Just before the end" });
    await endEvent(owner, event.id);
    await expect(approvePost(editor, late.id, { version: 1 })).rejects.toBeInstanceOf(ConflictError);
    expect((await post(late.id)).status).toBe("SUBMITTED");
    expect((await eventState(event.id)).changes.map((c) => c.type)).toEqual(["EVENT_ENDED"]);
  });
});

describe("sendBackPost", () => {
  it("returns a submission to its author as a DRAFT with the note: no change, no NOTIFY", async () => {
    const { event, editor, submission } = await team();
    expect(await sendBackPost(editor, submission.id, { note: "  Add the quote's source.  " })).toEqual({
      id: submission.id,
      reviewNote: "Add the quote's source.",
    });
    expect(await post(submission.id)).toMatchObject({
      status: "DRAFT",
      reviewNote: "Add the quote's source.",
      publishedAt: null,
    });
    expect(await changesOf(event.id)).toEqual([]);
    await sleep(300);
    expect(listener.forEvent(event.id)).toEqual([]);
  });

  it("lets the OWNER send back; refuses a CONTRIBUTOR, another event's owner and a removed editor", async () => {
    const { editor, contributor, outsider, removed, submission } = await team();
    for (const actor of [contributor, outsider, removed]) {
      await expect(sendBackPost(actor, submission.id, { note: "No" })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await post(submission.id)).status).toBe("SUBMITTED");
    await sendBackPost(owner, submission.id, { note: "Owner says no." });
    // Already a draft: nothing to send back.
    await expect(sendBackPost(editor, submission.id, { note: "Again" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("needs a short note, and refuses a published post", async () => {
    const { editor, submission } = await team();
    for (const note of ["", "   ", "x".repeat(501)]) {
      const error = await sendBackPost(editor, submission.id, { note }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["note"]);
    }
    await approvePost(editor, submission.id, { version: 1 });
    const live = await sendBackPost(editor, submission.id, { note: "Too late" }).catch((e: unknown) => e);
    expect(live).toBeInstanceOf(ConflictError);
    expect((await post(submission.id)).status).toBe("PUBLISHED");
  });
});

describe("listSubmissions", () => {
  it("gives editors and owners the submitted posts, newest first, with the author's name", async () => {
    const { event, editor, contributor, submission } = await team();
    const second = await submitPost(contributor, event.id, { body: "Second" });
    const sentBack = await submitPost(contributor, event.id, { body: "Sent back" });
    await sendBackPost(editor, sentBack.id, { note: "No." });
    const published = await submitPost(contributor, event.id, { body: "Published" });
    await approvePost(editor, published.id, { version: 1 });
    await db.post.update({ where: { id: submission.id }, data: { submittedAt: new Date(Date.now() - 60_000) } });

    for (const actor of [owner, editor]) {
      const queue = await listSubmissions(actor, event.id);
      expect(queue.map((s) => s.id)).toEqual([second.id, submission.id]);
      expect(queue[1]).toMatchObject({
        status: "SUBMITTED",
        headline: "Floor",
        body: "From the **floor**",
        html: "<p>From the <strong>floor</strong></p>\n",
        authorName: contributor.name,
        version: 1,
        submittedAt: expect.any(String),
      });
    }
  });

  it("refuses a CONTRIBUTOR, another event's owner and a removed editor", async () => {
    const { event, contributor, outsider, removed } = await team();
    for (const actor of [contributor, outsider, removed]) {
      await expect(listSubmissions(actor, event.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("editPost on a post under review", () => {
  it("is refused: drafts and submissions never reach the change log", async () => {
    const { event, editor, submission } = await team();
    const error = await editPost(editor, submission.id, { body: "Edited in review", version: 1 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(await post(submission.id)).toMatchObject({ status: "SUBMITTED", bodyMarkdown: "From the **floor**" });
    expect(await changesOf(event.id)).toEqual([]);
  });
});
