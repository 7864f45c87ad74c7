import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { eventState, makeTeam, makeUser, unique, type TestUser } from "@/test/factories";
import { acceptInvitation } from "./accept-invitation";
import { getInvitation } from "./get-invitation";
import { hashInvitationToken } from "./invitation-token";
import { inviteMember } from "./invite-member";
import { listInvitations } from "./list-invitations";
import { revokeInvitation } from "./revoke-invitation";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

/** An event with a member of each role, the owner of another event, and a removed editor. */
const team = () => makeTeam(owner);

const email = () => `invitee-${unique()}@herald.test`;
const tokenOf = (link: string) => link.replace(/^\/invite\//, "");
const day = 24 * 60 * 60 * 1000;

describe("inviteMember", () => {
  it("lets the OWNER invite: a 7-day invitation whose link carries a token stored only as its SHA-256", async () => {
    const { event } = await team();
    const address = email();
    const before = Date.now();
    const invitation = await inviteMember(owner, event.id, { email: `  ${address.toUpperCase()} `, role: "EDITOR" });

    expect(invitation).toMatchObject({ id: expect.any(String), email: address, role: "EDITOR" });
    expect(invitation.link).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(invitation.link);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);

    const row = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.tokenHash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(row.tokenHash).toBe(hashInvitationToken(token));
    expect(Object.values(row).map(String).join(" ")).not.toContain(token);
    expect(row).toMatchObject({
      eventId: event.id,
      email: address,
      role: "EDITOR",
      invitedById: owner.id,
      acceptedAt: null,
    });
    expect(row.expiresAt.getTime() - before).toBeGreaterThanOrEqual(7 * day - 1_000);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(7 * day);
    // Nothing for readers.
    expect((await eventState(event.id)).changes).toEqual([]);
  });

  it("gives every invitation a different token", async () => {
    const { event } = await team();
    const links = await Promise.all(
      [1, 2, 3].map(() => inviteMember(owner, event.id, { email: email(), role: "CONTRIBUTOR" })),
    );
    expect(new Set(links.map((l) => l.link)).size).toBe(3);
  });

  it("refuses an EDITOR, a CONTRIBUTOR, another event's owner and a removed member: nothing written", async () => {
    const { event, editor, contributor, outsider, removed } = await team();
    for (const actor of [editor, contributor, outsider, removed]) {
      await expect(inviteMember(actor, event.id, { email: email(), role: "CONTRIBUTOR" })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    expect(await db.invitation.count({ where: { eventId: event.id } })).toBe(0);
  });

  it("refuses someone already on the team, whatever the case of the address", async () => {
    const { event, contributor } = await team();
    const error = await inviteMember(owner, event.id, { email: contributor.email.toUpperCase(), role: "EDITOR" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toBe(`${contributor.email} is already on the team.`);
    expect((error as ConflictError).fieldErrors.email).toEqual([expect.stringMatching(/contributor/)]);
    expect(await db.invitation.count({ where: { eventId: event.id } })).toBe(0);
  });

  it.each([
    ["a malformed email", { email: "not-an-email", role: "EDITOR" }, "email"],
    ["an empty email", { email: "  ", role: "EDITOR" }, "email"],
    ["a too-long email", { email: `${"x".repeat(250)}@herald.test`, role: "EDITOR" }, "email"],
    ["an unknown role", { email: "fine@herald.test", role: "ADMIN" }, "role"],
  ])("rejects %s with a ValidationError on that field", async (_label, input, field) => {
    const { event } = await team();
    const error = await inviteMember(owner, event.id, input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual([field]);
    expect(await db.invitation.count({ where: { eventId: event.id } })).toBe(0);
  });

  it("replaces a pending invitation to the same address: the older link stops working", async () => {
    const { event } = await team();
    const address = email();
    const first = await inviteMember(owner, event.id, { email: address, role: "CONTRIBUTOR" });
    const second = await inviteMember(owner, event.id, { email: address, role: "EDITOR" });
    expect((await getInvitation(tokenOf(first.link), null)).state).toBe("unknown");
    expect(await getInvitation(tokenOf(second.link), null)).toMatchObject({ state: "pending", role: "EDITOR" });
    expect(await db.invitation.count({ where: { eventId: event.id, email: address } })).toBe(1);
  });

  it("throws NotFoundError for an unknown event", async () => {
    await expect(inviteMember(owner, "no-such-event", { email: email(), role: "EDITOR" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("acceptInvitation", () => {
  it("adds the person with the invited role, marks the invitation accepted, and works only once", async () => {
    const { event } = await team();
    const { link } = await inviteMember(owner, event.id, { email: email(), role: "CONTRIBUTOR" });
    const newcomer = await makeUser();

    expect(await acceptInvitation(newcomer, tokenOf(link))).toEqual({
      eventId: event.id,
      slug: event.slug,
      role: "CONTRIBUTOR",
    });
    const membership = await db.membership.findUniqueOrThrow({
      where: { eventId_userId: { eventId: event.id, userId: newcomer.id } },
    });
    expect(membership.role).toBe("CONTRIBUTOR");
    const row = await db.invitation.findFirstOrThrow({ where: { eventId: event.id } });
    expect(row.acceptedAt).toBeInstanceOf(Date);

    // Reuse: by the same person or anyone else.
    const other = await makeUser();
    for (const actor of [newcomer, other]) {
      const error = await acceptInvitation(actor, tokenOf(link)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).message).toMatch(/already been used/);
    }
    expect(await db.membership.count({ where: { eventId: event.id, userId: other.id } })).toBe(0);
    expect((await eventState(event.id)).changes).toEqual([]);
  });

  it("refuses an expired invitation, and an unknown or malformed token: no membership", async () => {
    const { event } = await team();
    const { id, link } = await inviteMember(owner, event.id, { email: email(), role: "EDITOR" });
    await db.invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const newcomer = await makeUser();

    const expired = await acceptInvitation(newcomer, tokenOf(link)).catch((e: unknown) => e);
    expect(expired).toBeInstanceOf(ConflictError);
    expect((expired as ConflictError).message).toMatch(/expired/);

    const wrong = crypto.randomBytes(32).toString("base64url");
    await expect(acceptInvitation(newcomer, wrong)).rejects.toBeInstanceOf(NotFoundError);
    // A token that differs in one character is just as unknown.
    const token = tokenOf(link);
    const flipped = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    await expect(acceptInvitation(newcomer, flipped)).rejects.toBeInstanceOf(NotFoundError);
    for (const malformed of ["", "short", `${token}x`, "../../etc/passwd", hashInvitationToken(token)]) {
      await expect(acceptInvitation(newcomer, malformed)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await db.membership.count({ where: { eventId: event.id, userId: newcomer.id } })).toBe(0);
    expect((await db.invitation.findUniqueOrThrow({ where: { id } })).acceptedAt).toBeNull();
  });

  it("never takes a role away: a member keeps the stronger of their role and the invited one", async () => {
    const { event, contributor, editor } = await team();
    const promote = await inviteMember(owner, event.id, { email: email(), role: "EDITOR" });
    expect((await acceptInvitation(contributor, tokenOf(promote.link))).role).toBe("EDITOR");

    const demote = await inviteMember(owner, event.id, { email: email(), role: "CONTRIBUTOR" });
    expect((await acceptInvitation(editor, tokenOf(demote.link))).role).toBe("EDITOR");
    const ownerLink = await inviteMember(owner, event.id, { email: email(), role: "CONTRIBUTOR" });
    expect((await acceptInvitation(owner, tokenOf(ownerLink.link))).role).toBe("OWNER");

    const roles = await db.membership.findMany({ where: { eventId: event.id }, select: { userId: true, role: true } });
    expect(new Map(roles.map((r) => [r.userId, r.role]))).toEqual(
      new Map([
        [owner.id, "OWNER"],
        [editor.id, "EDITOR"],
        [contributor.id, "EDITOR"],
      ]),
    );
  });

  it("lets exactly one of two people racing for one link in", async () => {
    for (let round = 0; round < 3; round++) {
      const { event } = await team();
      const { link } = await inviteMember(owner, event.id, { email: email(), role: "EDITOR" });
      const [a, b] = await Promise.all([makeUser(), makeUser()]);
      const results = await Promise.allSettled([
        acceptInvitation(a, tokenOf(link)),
        acceptInvitation(b, tokenOf(link)),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(ConflictError);
      expect(await db.membership.count({ where: { eventId: event.id, userId: { in: [a.id, b.id] } } })).toBe(1);
    }
  });
});

describe("getInvitation", () => {
  it("tells the page whether a link is pending, expired, accepted or unknown, and the viewer's role", async () => {
    const { event, editor } = await team();
    const { id, link } = await inviteMember(owner, event.id, { email: "Page@Herald.test", role: "CONTRIBUTOR" });
    const token = tokenOf(link);
    const details = { email: "page@herald.test", role: "CONTRIBUTOR", event: { slug: event.slug, title: event.title } };

    expect(await getInvitation(token, null)).toMatchObject({ state: "pending", ...details, yourRole: null });
    expect(await getInvitation(token, editor)).toMatchObject({ state: "pending", yourRole: "EDITOR" });
    expect(await getInvitation("nope", null)).toEqual({ state: "unknown" });
    expect(await getInvitation(crypto.randomBytes(32).toString("base64url"), null)).toEqual({ state: "unknown" });

    await db.invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await getInvitation(token, null)).toMatchObject({ state: "expired", ...details });
    await db.invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() + day) } });
    const newcomer = await makeUser();
    await acceptInvitation(newcomer, token);
    expect(await getInvitation(token, newcomer)).toMatchObject({ state: "accepted", yourRole: "CONTRIBUTOR" });
  });
});

describe("revokeInvitation and listInvitations", () => {
  it("lets the OWNER list pending invitations (newest first, expired flagged) and revoke one", async () => {
    const { event } = await team();
    const old = await inviteMember(owner, event.id, { email: email(), role: "EDITOR" });
    await db.invitation.update({
      where: { id: old.id },
      data: { createdAt: new Date(Date.now() - 8 * day), expiresAt: new Date(Date.now() - day) },
    });
    const used = await inviteMember(owner, event.id, { email: email(), role: "EDITOR" });
    await acceptInvitation(await makeUser(), tokenOf(used.link));
    const fresh = await inviteMember(owner, event.id, { email: email(), role: "CONTRIBUTOR" });

    const listed = await listInvitations(owner, event.id);
    expect(listed.map((i) => [i.id, i.role, i.expired])).toEqual([
      [fresh.id, "CONTRIBUTOR", false],
      [old.id, "EDITOR", true],
    ]);
    expect(Object.keys(listed[0]!).sort()).toEqual(["createdAt", "email", "expired", "expiresAt", "id", "role"]);

    await revokeInvitation(owner, fresh.id);
    expect((await listInvitations(owner, event.id)).map((i) => i.id)).toEqual([old.id]);
    await expect(acceptInvitation(await makeUser(), tokenOf(fresh.link))).rejects.toBeInstanceOf(NotFoundError);
    expect((await getInvitation(tokenOf(fresh.link), null)).state).toBe("unknown");

    const accepted = await revokeInvitation(owner, used.id).catch((e: unknown) => e);
    expect(accepted).toBeInstanceOf(ConflictError);
    await expect(revokeInvitation(owner, "no-such-invitation")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses everyone but an OWNER, for listing and revoking alike", async () => {
    const { event, editor, contributor, outsider, removed } = await team();
    const { id, link } = await inviteMember(owner, event.id, { email: email(), role: "EDITOR" });
    for (const actor of [editor, contributor, outsider, removed]) {
      await expect(listInvitations(actor, event.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(revokeInvitation(actor, id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await getInvitation(tokenOf(link), null)).state).toBe("pending");
  });
});
