import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { addMember, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { authenticateApiToken, lastUsedResolutionMs } from "./authenticate-api-token";
import { createApiToken } from "./create-api-token";
import { revokeApiToken } from "./revoke-api-token";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

const request = (headers: Record<string, string> = {}) => new Request("http://localhost/api/v1/x", { headers });
const bearer = (secret: string) => request({ Authorization: `Bearer ${secret}` });

async function failure(req: Request) {
  const error = await authenticateApiToken(req).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  return error as Error & { status: number };
}

describe("authenticateApiToken", () => {
  it("returns the token and its creator as the actor", async () => {
    const event = await makeEvent(owner);
    const token = await createApiToken(owner, event.id, { name: "Score bot" });
    expect(await authenticateApiToken(bearer(token.secret))).toEqual({
      token: { id: token.id, eventId: event.id, name: "Score bot" },
      actor: { id: owner.id, name: owner.name, email: owner.email },
    });
    // The scheme is case-insensitive (RFC 7235); surrounding spaces do not matter.
    await expect(authenticateApiToken(request({ Authorization: `bearer  ${token.secret} ` }))).resolves.toBeTruthy();
  });

  it("records lastUsedAt on first use, then at most once a minute", async () => {
    const event = await makeEvent(owner);
    const token = await createApiToken(owner, event.id, { name: "Score bot" });
    const lastUsed = async () => (await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;

    await authenticateApiToken(bearer(token.secret));
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);

    // Within the minute: no write.
    for (let i = 0; i < 3; i++) await authenticateApiToken(bearer(token.secret));
    expect(await lastUsed()).toEqual(first);

    // Over a minute ago: written again.
    const old = new Date(Date.now() - lastUsedResolutionMs - 1_000);
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: old } });
    await authenticateApiToken(bearer(token.secret));
    expect((await lastUsed())!.getTime()).toBeGreaterThan(old.getTime() + lastUsedResolutionMs);
  });

  it.each([
    ["no Authorization header", {}, /Authorization/],
    ["an empty Authorization header", { Authorization: "  " }, /Authorization/],
    ["a cookie and no Authorization header", { Cookie: "next-auth.session-token=abc" }, /cookie/i],
    ["another scheme", { Authorization: "Basic dXNlcjpwYXNz" }, /Malformed Authorization/],
    ["Bearer without a token", { Authorization: "Bearer" }, /Malformed Authorization/],
    ["a token with a space in it", { Authorization: "Bearer hrld_a hrld_b" }, /Malformed Authorization/],
    ["a token that is not Herald's", { Authorization: "Bearer abc.def.ghi" }, /Malformed API token/],
    ["a Herald token one character short", { Authorization: `Bearer hrld_${"a".repeat(42)}` }, /Malformed API token/],
    ["a token no one issued", { Authorization: `Bearer hrld_${"a".repeat(43)}` }, /Unknown API token/],
  ])("answers %s with a 401 UnauthorizedError that says so", async (_label, headers, message) => {
    const error = await failure(request(headers));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.status).toBe(401);
    expect(error.message).toMatch(message);
  });

  it("refuses a revoked token (401) and does not record its use", async () => {
    const event = await makeEvent(owner);
    const token = await createApiToken(owner, event.id, { name: "Score bot" });
    await revokeApiToken(owner, token.id);
    const error = await failure(bearer(token.secret));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toMatch(/revoked/);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).toBeNull();
  });

  it("refuses at once (403) once its creator is off the team, demoted to CONTRIBUTOR, or gone", async () => {
    const event = await makeEvent(owner);
    const [removed, demoted, deleted, editor] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser()]);
    const tokens = new Map<TestUser, string>();
    for (const member of [removed, demoted, deleted, editor]) {
      await addMember(event.id, member, "OWNER");
      tokens.set(member, (await createApiToken(member, event.id, { name: "bot" })).secret);
      await authenticateApiToken(bearer(tokens.get(member)!)); // works while they are owners
    }
    await db.membership.delete({ where: { eventId_userId: { eventId: event.id, userId: removed.id } } });
    await db.membership.update({
      where: { eventId_userId: { eventId: event.id, userId: demoted.id } },
      data: { role: "CONTRIBUTOR" },
    });
    await db.user.delete({ where: { id: deleted.id } });
    await db.membership.update({
      where: { eventId_userId: { eventId: event.id, userId: editor.id } },
      data: { role: "EDITOR" },
    });

    for (const member of [removed, demoted, deleted]) {
      const error = await failure(bearer(tokens.get(member)!));
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(error.message).toMatch(/no longer an owner or editor/);
    }
    // An owner who became an EDITOR may still publish, and so may their token.
    await expect(authenticateApiToken(bearer(tokens.get(editor)!))).resolves.toMatchObject({
      actor: { id: editor.id },
    });
  });
});
