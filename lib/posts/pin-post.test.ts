import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { endEvent } from "@/lib/events/end-event";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { PostView } from "@/lib/shared/types";
import { addMember, eventState, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { deletePost } from "./delete-post";
import { pinPost } from "./pin-post";
import { publishPost } from "./publish-post";
import { setKeyEvent } from "./set-key-event";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

async function eventWithPosts() {
  const event = await makeEvent(owner);
  const [editor, contributor, stranger] = await Promise.all([makeUser(), makeUser(), makeUser()]);
  await addMember(event.id, editor, "EDITOR");
  await addMember(event.id, contributor, "CONTRIBUTOR");
  const { post: first } = await publishPost(owner, event.id, { body: "First" });
  const { post: second } = await publishPost(owner, event.id, { body: "Second" });
  return { event, first, second, editor, contributor, stranger };
}

const pinnedIds = async (eventId: string) =>
  (await db.post.findMany({ where: { eventId, pinned: true }, select: { id: true } })).map((p) => p.id);

const loggedPosts = async (eventId: string, fromSeq: number) =>
  (await eventState(eventId)).changes
    .filter((c) => c.seq > fromSeq)
    .map((c) => [c.type, (c.data as { post: PostView }).post.id, (c.data as { post: PostView }).post.pinned]);

describe("pinPost", () => {
  it("pins a post with a post.updated change readers apply; an EDITOR may too", async () => {
    const { event, first, editor } = await eventWithPosts();
    const { seq } = await pinPost(editor, first.id, true);
    expect(seq).toBe(3);
    expect(await pinnedIds(event.id)).toEqual([first.id]);
    expect(await loggedPosts(event.id, 2)).toEqual([["POST_UPDATED", first.id, true]]);
  });

  it("keeps one pinned post per event: pinning another unpins the first, and readers get both changes", async () => {
    const { event, first, second } = await eventWithPosts();
    await pinPost(owner, first.id, true);
    await pinPost(owner, second.id, true);
    expect(await pinnedIds(event.id)).toEqual([second.id]);
    expect(await loggedPosts(event.id, 3)).toEqual([
      ["POST_UPDATED", first.id, false],
      ["POST_UPDATED", second.id, true],
    ]);
    await pinPost(owner, second.id, false);
    expect(await pinnedIds(event.id)).toEqual([]);
  });

  it("refuses a CONTRIBUTOR and a non-member, writing nothing", async () => {
    const { event, first, contributor, stranger } = await eventWithPosts();
    await expect(pinPost(contributor, first.id, true)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(pinPost(stranger, first.id, true)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await pinnedIds(event.id)).toEqual([]);
    expect((await eventState(event.id)).lastSeq).toBe(2);
  });

  it("refuses deleted and unknown posts", async () => {
    const { first } = await eventWithPosts();
    await deletePost(owner, first.id);
    await expect(pinPost(owner, first.id, true)).rejects.toBeInstanceOf(NotFoundError);
    await expect(pinPost(owner, "no-such-post", true)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("setKeyEvent", () => {
  it("labels a post as a key event and clears it, each a post.updated change", async () => {
    const { event, first, editor } = await eventWithPosts();
    await setKeyEvent(editor, first.id, "  Kick-off  ");
    expect((await db.post.findUniqueOrThrow({ where: { id: first.id } })).keyLabel).toBe("Kick-off");
    await setKeyEvent(owner, first.id, null);
    expect((await db.post.findUniqueOrThrow({ where: { id: first.id } })).keyLabel).toBeNull();
    const changes = (await eventState(event.id)).changes.filter((c) => c.seq > 2);
    expect(changes.map((c) => [(c.data as { post: PostView }).post.keyLabel])).toEqual([["Kick-off"], [null]]);
  });

  it("refuses empty or over-long labels and non-editors, writing nothing", async () => {
    const { event, first, contributor } = await eventWithPosts();
    await expect(setKeyEvent(owner, first.id, "   ")).rejects.toBeInstanceOf(ValidationError);
    await expect(setKeyEvent(owner, first.id, "x".repeat(61))).rejects.toBeInstanceOf(ValidationError);
    await expect(setKeyEvent(contributor, first.id, "Goal")).rejects.toBeInstanceOf(ForbiddenError);
    expect((await eventState(event.id)).lastSeq).toBe(2);
  });

  it("refuses once the event has ended", async () => {
    const { event, first } = await eventWithPosts();

    await endEvent(owner, event.id);
    await expect(setKeyEvent(owner, first.id, "Late")).rejects.toBeInstanceOf(ConflictError);
  });
});
