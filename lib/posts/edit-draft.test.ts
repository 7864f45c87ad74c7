import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { eventState, makeTeam, makeUser, type TestUser } from "@/test/factories";
import { deletePost } from "./delete-post";
import { editDraft } from "./edit-draft";
import { listKeptBack } from "./list-kept-back";
import { publishNow, saveDraft, schedulePost } from "./schedule-post";
import { sendBackPost } from "./review-post";
import { submitPost } from "./submit-post";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser({ name: "Olga Owner" });
});

describe("the desk's kept-back posts", () => {
  it("are every editor's: listed with their author, edited by another editor, published by the first", async () => {
    const { event, editor } = await makeTeam(owner);
    const draft = await saveDraft(owner, event.id, { body: "Turnout: to come", headline: "Turnout" });
    const later = await schedulePost(editor, event.id, {
      body: "Polls close",
      scheduledFor: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const listed = await listKeptBack(editor, event.id);
    expect(listed.map((p) => [p.id, p.authorName])).toEqual([
      [later.id, expect.any(String)],
      [draft.id, "Olga Owner"],
    ]);

    const saved = await editDraft(editor, draft.id, { body: "Turnout: **71%**", headline: "Turnout", version: 1 });
    expect(saved).toEqual({ id: draft.id, version: 2 });
    const row = await db.post.findUniqueOrThrow({ where: { id: draft.id } });
    expect(row).toMatchObject({ status: "DRAFT", bodyMarkdown: "Turnout: **71%**", authorId: owner.id });
    expect(row.bodyHtml).toContain("<strong>71%</strong>");
    // Readers saw nothing of it.
    expect((await eventState(event.id)).changes).toEqual([]);

    const { post } = await publishNow(owner, draft.id);
    expect(post.html).toContain("<strong>71%</strong>");
  });

  it("refuses a save over a newer one with that version, and writes nothing", async () => {
    const { event, editor } = await makeTeam(owner);
    const draft = await saveDraft(owner, event.id, { body: "First" });
    await editDraft(editor, draft.id, { body: "Second", version: 1 });
    const error = await editDraft(owner, draft.id, { body: "Mine", version: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).current).toEqual({ headline: null, body: "Second", version: 2 });
    expect((await db.post.findUniqueOrThrow({ where: { id: draft.id } })).bodyMarkdown).toBe("Second");
  });

  it("is for owners and editors, and only for posts still kept back that no contributor sent", async () => {
    const { event, editor, contributor, outsider } = await makeTeam(owner);
    const draft = await saveDraft(owner, event.id, { body: "Kept" });
    for (const other of [contributor, outsider])
      await expect(editDraft(other, draft.id, { body: "Mine", version: 1 })).rejects.toBeInstanceOf(ForbiddenError);

    // A contributor's post sent back is a draft too, but theirs: not on the desk's list.
    const submitted = await submitPost(contributor, event.id, { body: "From the floor" });
    await sendBackPost(editor, submitted.id, { note: "Source?" });
    expect((await listKeptBack(owner, event.id)).map((p) => p.id)).toEqual([draft.id]);
    await expect(editDraft(editor, submitted.id, { body: "Fixed", version: 1 })).rejects.toBeInstanceOf(ConflictError);

    await publishNow(owner, draft.id);
    await expect(editDraft(editor, draft.id, { body: "Late", version: 1 })).rejects.toBeInstanceOf(ConflictError);
    const gone = await saveDraft(owner, event.id, { body: "Gone" });
    await deletePost(owner, gone.id);
    await expect(editDraft(editor, gone.id, { body: "Back", version: 1 })).rejects.toBeInstanceOf(NotFoundError);
  });
});
