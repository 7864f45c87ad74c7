import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { PostView } from "@/lib/shared/types";
import { addMember, eventState, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { deletePost } from "./delete-post";
import { editPost } from "./edit-post";
import { getPostSource } from "./get-post-source";
import { publishPost } from "./publish-post";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

/** An event with one published post, and a member of each role. */
async function eventWithPost() {
  const event = await makeEvent(owner);
  const [editor, contributor, stranger] = await Promise.all([makeUser(), makeUser(), makeUser()]);
  await addMember(event.id, editor, "EDITOR");
  await addMember(event.id, contributor, "CONTRIBUTOR");
  const { post } = await publishPost(owner, event.id, { body: "Original *text*", headline: "Original" });
  return { event, post, editor, contributor, stranger };
}

/** The post's stored row and the event's log, to show that a refused edit wrote nothing. */
async function snapshot(eventId: string, postId: string) {
  const [post, state] = await Promise.all([
    db.post.findUniqueOrThrow({
      where: { id: postId },
      select: { bodyMarkdown: true, bodyHtml: true, headline: true, version: true, editedAt: true },
    }),
    eventState(eventId),
  ]);
  return { post, lastSeq: state.lastSeq, changes: state.changes.map((c) => [c.seq, c.type]) };
}

describe("editPost", () => {
  it("lets the OWNER edit: new text and version, editedAt set, and a post.updated change with the post", async () => {
    const { event, post } = await eventWithPost();
    const before = Date.now();
    const edited = await editPost(owner, post.id, { body: "Corrected **text**", headline: "Corrected", version: 1 });

    expect(edited.seq).toBe(2);
    expect(edited.post).toMatchObject({
      id: post.id,
      headline: "Corrected",
      html: "<p>Corrected <strong>text</strong></p>\n",
      authorName: owner.name,
      publishedAt: post.publishedAt, // an edit is not a new publication
      editedAt: expect.any(String),
    });
    expect(Date.parse(edited.post.editedAt!)).toBeGreaterThanOrEqual(before - 1_000);

    const stored = await db.post.findUniqueOrThrow({ where: { id: post.id } });
    expect(stored).toMatchObject({ bodyMarkdown: "Corrected **text**", headline: "Corrected", version: 2 });

    const state = await eventState(event.id);
    expect(state.lastSeq).toBe(2);
    const change = state.changes.at(-1)!;
    expect([change.seq, change.type, change.postId]).toEqual([2, "POST_UPDATED", post.id]);
    const data = change.data as { post: PostView };
    expect(data.post).toEqual(edited.post);
    expect(data.post.editedAt).not.toBeNull();

    const raw = await db.$queryRaw<{ type: string }[]>`
      SELECT "type"::text AS "type" FROM "Change" WHERE "eventId" = ${event.id} AND "seq" = 2`;
    expect(raw).toEqual([{ type: "post.updated" }]);
  });

  it("lets an EDITOR edit someone else's post, and a second edit needs the new version", async () => {
    const { post, editor } = await eventWithPost();
    const first = await editPost(editor, post.id, { body: "By the editor", version: 1 });
    expect(first.seq).toBe(2);
    expect(first.post.headline).toBeNull(); // no headline given: none
    const second = await editPost(editor, post.id, { body: "Again", version: 2 });
    expect(second.seq).toBe(3);
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).version).toBe(3);
  });

  it("refuses a CONTRIBUTOR and a non-member: ForbiddenError, nothing written", async () => {
    const { event, post, contributor, stranger } = await eventWithPost();
    const before = await snapshot(event.id, post.id);
    for (const actor of [contributor, stranger]) {
      await expect(editPost(actor, post.id, { body: "Not allowed", version: 1 })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    expect(await snapshot(event.id, post.id)).toEqual(before);
  });

  it("refuses a stale version with a ConflictError and writes nothing", async () => {
    const { event, post, editor } = await eventWithPost();
    await editPost(editor, post.id, { body: "The editor's version", version: 1 });
    const before = await snapshot(event.id, post.id);
    expect(before.post.version).toBe(2);

    const error = await editPost(owner, post.id, { body: "Over the editor's", version: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toMatch(/changed this post/);
    // It carries the saved version, for the form to show and load.
    expect((error as ConflictError).current).toEqual({ headline: null, body: "The editor's version", version: 2 });
    expect(await snapshot(event.id, post.id)).toEqual(before);
    expect(before.post.bodyMarkdown).toBe("The editor's version");
  });

  it("lets exactly one of two concurrent edits of the same version win", async () => {
    const { event, post, editor } = await eventWithPost();
    const results = await Promise.allSettled([
      editPost(owner, post.id, { body: "Owner's", version: 1 }),
      editPost(editor, post.id, { body: "Editor's", version: 1 }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const state = await eventState(event.id);
    expect(state.changes.map((c) => c.type)).toEqual(["POST_PUBLISHED", "POST_UPDATED"]);
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).version).toBe(2);
  });

  it("throws NotFoundError for a deleted or unknown post, writing nothing", async () => {
    const { event, post } = await eventWithPost();
    await deletePost(owner, post.id);
    const before = await snapshot(event.id, post.id);
    await expect(editPost(owner, post.id, { body: "Too late", version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(editPost(owner, "no-such-post", { body: "Nothing", version: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await snapshot(event.id, post.id)).toEqual(before);
  });

  it("rejects an empty body or a missing version with a ValidationError, writing nothing", async () => {
    const { event, post } = await eventWithPost();
    const before = await snapshot(event.id, post.id);
    const empty = await editPost(owner, post.id, { body: "  ", version: 1 }).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(ValidationError);
    expect((empty as ValidationError).fieldErrors.body).toEqual([expect.any(String)]);
    const noVersion = await editPost(owner, post.id, { body: "Fine", version: 0 }).catch((e: unknown) => e);
    expect(noVersion).toBeInstanceOf(ValidationError);
    expect((noVersion as ValidationError).fieldErrors.version).toEqual([expect.any(String)]);
    expect(await snapshot(event.id, post.id)).toEqual(before);
  });
});

describe("getPostSource", () => {
  it("gives the OWNER and an EDITOR the Markdown, headline and version", async () => {
    const { post, editor } = await eventWithPost();
    const expected = { id: post.id, body: "Original *text*", headline: "Original", version: 1 };
    expect(await getPostSource(owner, post.id)).toEqual(expected);
    expect(await getPostSource(editor, post.id)).toEqual(expected);

    await editPost(editor, post.id, { body: "Newer", version: 1 });
    expect(await getPostSource(owner, post.id)).toEqual({ id: post.id, body: "Newer", headline: "", version: 2 });
  });

  it("refuses a CONTRIBUTOR and a non-member with ForbiddenError", async () => {
    const { post, contributor, stranger } = await eventWithPost();
    await expect(getPostSource(contributor, post.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getPostSource(stranger, post.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("throws NotFoundError for a deleted or unknown post", async () => {
    const { post } = await eventWithPost();
    await deletePost(owner, post.id);
    await expect(getPostSource(owner, post.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPostSource(owner, "no-such-post")).rejects.toBeInstanceOf(NotFoundError);
  });
});
