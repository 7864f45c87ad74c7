import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { publishPost } from "@/lib/posts/publish-post";
import { submitPost } from "@/lib/posts/submit-post";
import { eventState, makeTeam, makeUser, type TestUser } from "@/test/factories";
import { changeRole } from "./change-role";
import { listTeam } from "./list-team";
import { removeMember } from "./remove-member";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

/** An event with a member of each role, the owner of another event, and a removed editor. */
const team = () => makeTeam(owner);

async function rolesOf(eventId: string) {
  const rows = await db.membership.findMany({ where: { eventId }, select: { userId: true, role: true } });
  return Object.fromEntries(rows.map((r) => [r.userId, r.role]));
}

describe("listTeam", () => {
  it("shows every member the team, owners first; only owners see email addresses", async () => {
    const { event, editor, contributor } = await team();
    const asOwner = await listTeam(owner, event.id);
    expect(asOwner.map((m) => [m.userId, m.role, m.email])).toEqual([
      [owner.id, "OWNER", owner.email],
      [editor.id, "EDITOR", editor.email],
      [contributor.id, "CONTRIBUTOR", contributor.email],
    ]);
    expect(asOwner[1]).toMatchObject({ name: editor.name, joinedAt: expect.any(Date) });
    for (const actor of [editor, contributor]) {
      const seen = await listTeam(actor, event.id);
      expect(seen.map((m) => [m.userId, m.role, m.email])).toEqual([
        [owner.id, "OWNER", null],
        [editor.id, "EDITOR", null],
        [contributor.id, "CONTRIBUTOR", null],
      ]);
    }
  });

  it("refuses another event's owner and a removed member", async () => {
    const { event, outsider, removed } = await team();
    for (const actor of [outsider, removed]) {
      await expect(listTeam(actor, event.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("changeRole", () => {
  it("lets the OWNER change anyone's role, and nobody else", async () => {
    const { event, editor, contributor, outsider, removed } = await team();
    expect(await changeRole(owner, event.id, contributor.id, "EDITOR")).toEqual({ role: "EDITOR" });
    expect(await changeRole(owner, event.id, editor.id, "CONTRIBUTOR")).toEqual({ role: "CONTRIBUTOR" });
    const after = await rolesOf(event.id);

    for (const actor of [editor, contributor, outsider, removed]) {
      await expect(changeRole(actor, event.id, actor.id, "OWNER")).rejects.toBeInstanceOf(ForbiddenError);
      await expect(changeRole(actor, event.id, owner.id, "CONTRIBUTOR")).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await rolesOf(event.id)).toEqual(after);
    expect((await eventState(event.id)).changes).toEqual([]); // nothing for readers
  });

  it("says who is not on the team, and which roles exist", async () => {
    const { event, outsider, removed } = await team();
    await expect(changeRole(owner, event.id, outsider.id, "EDITOR")).rejects.toBeInstanceOf(NotFoundError);
    await expect(changeRole(owner, event.id, removed.id, "EDITOR")).rejects.toBeInstanceOf(NotFoundError);
    const error = await changeRole(owner, event.id, outsider.id, "ADMIN" as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["role"]);
  });

  it("keeps at least one OWNER: the last one cannot step down; one of two can", async () => {
    const { event, editor } = await team();
    const last = await changeRole(owner, event.id, owner.id, "EDITOR").catch((e: unknown) => e);
    expect(last).toBeInstanceOf(ConflictError);
    expect((last as ConflictError).message).toMatch(/at least one owner/);
    expect((await rolesOf(event.id))[owner.id]).toBe("OWNER");

    await changeRole(owner, event.id, editor.id, "OWNER");
    await changeRole(owner, event.id, owner.id, "EDITOR"); // two owners: fine
    expect(await rolesOf(event.id)).toMatchObject({ [owner.id]: "EDITOR", [editor.id]: "OWNER" });
    // The former owner lost the right at once.
    await expect(changeRole(owner, event.id, owner.id, "OWNER")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(changeRole(editor, event.id, editor.id, "CONTRIBUTOR")).rejects.toBeInstanceOf(ConflictError);
  });

  it("keeps an OWNER when two owners demote each other at the same moment", async () => {
    for (let round = 0; round < 3; round++) {
      const { event, editor: second } = await team();
      await changeRole(owner, event.id, second.id, "OWNER");
      const results = await Promise.allSettled([
        changeRole(owner, event.id, second.id, "EDITOR"),
        changeRole(second, event.id, owner.id, "EDITOR"),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      // The loser is no longer an owner by the time its turn comes, or would leave none.
      expect([ForbiddenError, ConflictError]).toContain(lost.reason.constructor);
      const roles = Object.values(await rolesOf(event.id));
      expect(roles.filter((r) => r === "OWNER")).toHaveLength(1);
    }
  });
});

describe("removeMember", () => {
  it("lets the OWNER remove a member, who loses access to every verb at once", async () => {
    const { event, editor, contributor } = await team();
    await publishPost(editor, event.id, { body: "Before removal" });
    await removeMember(owner, event.id, editor.id);
    await removeMember(owner, event.id, contributor.id);
    expect(await rolesOf(event.id)).toEqual({ [owner.id]: "OWNER" });

    await expect(publishPost(editor, event.id, { body: "After" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(submitPost(contributor, event.id, { body: "After" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listTeam(editor, event.id)).rejects.toBeInstanceOf(ForbiddenError);
    // Their published post stays, under their name.
    const posts = await db.post.findMany({ where: { eventId: event.id }, select: { authorId: true, status: true } });
    expect(posts).toEqual([{ authorId: editor.id, status: "PUBLISHED" }]);
    await expect(removeMember(owner, event.id, editor.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses everyone but an OWNER", async () => {
    const { event, editor, contributor, outsider, removed } = await team();
    const before = await rolesOf(event.id);
    for (const actor of [editor, contributor, outsider, removed]) {
      await expect(removeMember(actor, event.id, contributor.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(removeMember(actor, event.id, owner.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await rolesOf(event.id)).toEqual(before);
  });

  it("never removes the last OWNER, but an owner may leave when another remains", async () => {
    const { event, editor } = await team();
    const error = await removeMember(owner, event.id, owner.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toMatch(/at least one owner/);

    await changeRole(owner, event.id, editor.id, "OWNER");
    await removeMember(owner, event.id, owner.id);
    expect(await rolesOf(event.id)).not.toHaveProperty(owner.id);
    await expect(removeMember(editor, event.id, editor.id)).rejects.toBeInstanceOf(ConflictError);
  });

  it("keeps an OWNER when two owners remove each other at the same moment", async () => {
    for (let round = 0; round < 3; round++) {
      const { event, editor: second } = await team();
      await changeRole(owner, event.id, second.id, "OWNER");
      const results = await Promise.allSettled([
        removeMember(owner, event.id, second.id),
        removeMember(second, event.id, owner.id),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const roles = Object.values(await rolesOf(event.id));
      expect(roles.filter((r) => r === "OWNER")).toHaveLength(1);
    }
  });
});
