import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { endEvent } from "@/lib/events/end-event";
import { getEventSnapshot } from "@/lib/events/get-event-snapshot";
import { removeMember } from "@/lib/members/remove-member";
import { notifyChannel } from "@/lib/realtime/notify";
import { addMember, eventState, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { TestListener } from "@/test/listen";
import { sleep } from "@/test/wait";
import { listMyDrafts } from "./list-submissions";
import { publishPost } from "./publish-post";
import { approvePost, sendBackPost } from "./review-post";
import { discardPost, resubmitPost, submitPost } from "./submit-post";

let listener: TestListener;
let owner: TestUser;

beforeAll(async () => {
  listener = await TestListener.start(notifyChannel);
  owner = await makeUser();
});

afterAll(async () => {
  await listener?.close();
});

/** An event with a member of each role, the owner of another event, and a removed contributor. */
async function team() {
  const event = await makeEvent(owner);
  const [editor, contributor, outsider, removed] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser()]);
  await addMember(event.id, editor, "EDITOR");
  await addMember(event.id, contributor, "CONTRIBUTOR");
  await addMember(event.id, removed, "CONTRIBUTOR");
  await makeEvent(outsider);
  return { event, editor, contributor, outsider, removed };
}

/** Readers see nothing: no change, no NOTIFY, not on the page. */
async function expectInvisible(event: { id: string; slug: string }) {
  const state = await eventState(event.id);
  expect(state.lastSeq).toBe(0);
  expect(state.changes).toEqual([]);
  expect((await getEventSnapshot(event.slug))!.posts).toEqual([]);
  await sleep(300);
  expect(listener.forEvent(event.id)).toEqual([]);
}

const post = (id: string) => db.post.findUniqueOrThrow({ where: { id } });

describe("submitPost", () => {
  it("stores a CONTRIBUTOR's post as SUBMITTED, for the editors only: no change, no NOTIFY", async () => {
    const { event, contributor } = await team();
    const before = Date.now();
    const submitted = await submitPost(contributor, event.id, { body: "From the *floor*", headline: "Floor" });
    expect(submitted).toEqual({ id: expect.any(String), version: 1 });

    const stored = await post(submitted.id);
    expect(stored).toMatchObject({
      eventId: event.id,
      authorId: contributor.id,
      status: "SUBMITTED",
      headline: "Floor",
      bodyMarkdown: "From the *floor*",
      bodyHtml: "<p>From the <em>floor</em></p>\n",
      publishedAt: null,
      reviewNote: null,
    });
    expect(stored.submittedAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    await expectInvisible(event);
  });

  it("lets an OWNER or EDITOR submit for review too; refuses another event's owner and a removed member", async () => {
    const { event, editor, outsider, removed } = await team();
    await removeMember(owner, event.id, removed.id);
    for (const actor of [owner, editor]) {
      const { id } = await submitPost(actor, event.id, { body: "Check this" });
      expect((await post(id)).status).toBe("SUBMITTED");
    }
    for (const actor of [outsider, removed]) {
      await expect(submitPost(actor, event.id, { body: "No" })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db.post.count({ where: { eventId: event.id } })).toBe(2);
    await expectInvisible(event);
  });

  it("refuses an empty body, an unknown event, and an ended event", async () => {
    const { event, contributor } = await team();
    const empty = await submitPost(contributor, event.id, { body: " " }).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(ValidationError);
    expect(Object.keys((empty as ValidationError).fieldErrors)).toEqual(["body"]);
    await expect(submitPost(contributor, "no-such-event", { body: "x" })).rejects.toBeInstanceOf(NotFoundError);
    await endEvent(owner, event.id);
    await expect(submitPost(contributor, event.id, { body: "Late" })).rejects.toBeInstanceOf(ConflictError);
    expect(await db.post.count({ where: { eventId: event.id } })).toBe(0);
  });
});

describe("resubmitPost", () => {
  it("lets the author edit a sent-back draft and send it again: SUBMITTED, note cleared, new version, no change", async () => {
    const { event, editor, contributor } = await team();
    const { id } = await submitPost(contributor, event.id, { body: "Frist draft" });
    await sendBackPost(editor, id, { note: "Typo in the first word." });
    expect(await post(id)).toMatchObject({ status: "DRAFT", reviewNote: "Typo in the first word." });

    expect(await resubmitPost(contributor, id, { body: "First draft", headline: "Fixed", version: 1 })).toEqual({
      id,
      version: 2,
    });
    expect(await post(id)).toMatchObject({
      status: "SUBMITTED",
      reviewNote: null,
      bodyMarkdown: "First draft",
      bodyHtml: "<p>First draft</p>\n",
      headline: "Fixed",
      version: 2,
      publishedAt: null,
    });
    // A submission still waiting can be edited too.
    await resubmitPost(contributor, id, { body: "First draft, again", version: 2 });
    await expectInvisible(event);
  });

  it("refuses anyone but the author (editors and owners included), and a removed author", async () => {
    const { event, editor, contributor, outsider, removed } = await team();
    const mine = await submitPost(contributor, event.id, { body: "Mine" });
    const theirs = await submitPost(removed, event.id, { body: "Theirs" });
    await removeMember(owner, event.id, removed.id);
    for (const actor of [owner, editor, outsider, removed]) {
      await expect(resubmitPost(actor, mine.id, { body: "Hijack", version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(resubmitPost(removed, theirs.id, { body: "Still mine?", version: 1 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect((await post(mine.id)).bodyMarkdown).toBe("Mine");
    expect((await post(theirs.id)).bodyMarkdown).toBe("Theirs");
  });

  it("refuses a published post, a stale version, and a deleted or unknown post", async () => {
    const { event, editor, contributor } = await team();
    const { id } = await submitPost(contributor, event.id, { body: "Soon live" });
    await resubmitPost(contributor, id, { body: "Soon live!", version: 1 });
    const stale = await resubmitPost(contributor, id, { body: "Old tab", version: 1 }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);

    await approvePost(editor, id, { version: 2 });
    const published = await resubmitPost(contributor, id, { body: "Too late", version: 2 }).catch((e: unknown) => e);
    expect(published).toBeInstanceOf(ConflictError);
    expect((published as ConflictError).message).toMatch(/already published/);
    expect((await post(id)).bodyMarkdown).toBe("Soon live!");

    const other = await submitPost(contributor, event.id, { body: "Withdrawn" });
    await discardPost(contributor, other.id);
    await expect(resubmitPost(contributor, other.id, { body: "Back", version: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(resubmitPost(contributor, "no-such-post", { body: "x", version: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("cannot touch another author's published post, even their own editor's", async () => {
    const { event, contributor } = await team();
    const { post: live } = await publishPost(owner, event.id, { body: "Live" });
    await expect(resubmitPost(contributor, live.id, { body: "Mine now", version: 1 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(discardPost(contributor, live.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await post(live.id)).toMatchObject({ status: "PUBLISHED", bodyMarkdown: "Live" });
  });
});

describe("discardPost", () => {
  it("lets the author withdraw a submission or discard a draft, without a change; nobody else", async () => {
    const { event, editor, contributor, outsider } = await team();
    const waiting = await submitPost(contributor, event.id, { body: "Withdraw me" });
    for (const actor of [owner, editor, outsider]) {
      await expect(discardPost(actor, waiting.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    await discardPost(contributor, waiting.id);
    expect((await post(waiting.id)).status).toBe("DELETED");
    await expect(discardPost(contributor, waiting.id)).rejects.toBeInstanceOf(NotFoundError);
    await expectInvisible(event);
  });
});

describe("listMyDrafts", () => {
  it("shows a member their own drafts and submissions with notes, newest first, and nothing else", async () => {
    const { event, editor, contributor, outsider } = await team();
    const first = await submitPost(contributor, event.id, { body: "One" });
    await sendBackPost(editor, first.id, { note: "Add a source." });
    const second = await submitPost(contributor, event.id, { body: "Two", headline: "Second" });
    const third = await submitPost(contributor, event.id, { body: "Three" });
    await approvePost(editor, third.id, { version: 1 });
    await submitPost(editor, event.id, { body: "The editor's own" });

    const drafts = await listMyDrafts(contributor, event.id);
    expect(drafts.map((d) => [d.id, d.status, d.reviewNote])).toEqual([
      [second.id, "SUBMITTED", null],
      [first.id, "DRAFT", "Add a source."],
    ]);
    expect(drafts[0]).toMatchObject({
      headline: "Second",
      body: "Two",
      html: "<p>Two</p>\n",
      authorName: contributor.name,
      version: 1,
      submittedAt: expect.any(String),
    });
    await expect(listMyDrafts(outsider, event.id)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
