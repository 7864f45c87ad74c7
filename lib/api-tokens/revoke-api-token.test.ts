import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "@/lib/errors";
import { addMember, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { authenticateApiToken } from "./authenticate-api-token";
import { createApiToken } from "./create-api-token";
import { revokeApiToken } from "./revoke-api-token";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

const withToken = (secret: string) =>
  new Request("http://localhost/api/v1/x", { headers: { Authorization: `Bearer ${secret}` } });

describe("revokeApiToken", () => {
  it("sets revokedAt, after which the token no longer authenticates", async () => {
    const event = await makeEvent(owner);
    const token = await createApiToken(owner, event.id, { name: "Score bot" });
    await expect(authenticateApiToken(withToken(token.secret))).resolves.toMatchObject({ token: { id: token.id } });

    const { revokedAt } = await revokeApiToken(owner, token.id);
    expect(revokedAt).toBeInstanceOf(Date);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toEqual(revokedAt);
    const error = await authenticateApiToken(withToken(token.secret)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as Error).message).toMatch(/revoked/);
  });

  it("is fine twice, and keeps the first revocation time", async () => {
    const event = await makeEvent(owner);
    const token = await createApiToken(owner, event.id, { name: "Score bot" });
    const first = await revokeApiToken(owner, token.id);
    const second = await revokeApiToken(owner, token.id);
    expect(second.revokedAt).toEqual(first.revokedAt);
  });

  it("lets another owner of the event revoke it", async () => {
    const event = await makeEvent(owner);
    const coOwner = await makeUser();
    await addMember(event.id, coOwner, "OWNER");
    const token = await createApiToken(owner, event.id, { name: "Score bot" });
    await revokeApiToken(coOwner, token.id);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).not.toBeNull();
  });

  it("is for OWNERs of the token's event only: nothing changes otherwise", async () => {
    const event = await makeEvent(owner);
    const token = await createApiToken(owner, event.id, { name: "Score bot" });
    const [editor, contributor, otherOwner] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    await addMember(event.id, editor, "EDITOR");
    await addMember(event.id, contributor, "CONTRIBUTOR");
    await makeEvent(otherOwner); // an owner, of another event
    for (const actor of [editor, contributor, otherOwner]) {
      await expect(revokeApiToken(actor, token.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
  });

  it("throws NotFoundError for an unknown token", async () => {
    await expect(revokeApiToken(owner, "no-such-token")).rejects.toBeInstanceOf(NotFoundError);
  });
});
