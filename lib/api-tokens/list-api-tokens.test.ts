import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { addMember, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { createApiToken } from "./create-api-token";
import { listApiTokens } from "./list-api-tokens";
import { revokeApiToken } from "./revoke-api-token";

let owner: TestUser;
let coOwner: TestUser;

beforeAll(async () => {
  [owner, coOwner] = await Promise.all([makeUser(), makeUser()]);
});

describe("listApiTokens", () => {
  it("lists the event's tokens newest first, with who made them, when used and revoked — never a secret", async () => {
    const event = await makeEvent(owner);
    const other = await makeEvent(owner);
    await addMember(event.id, coOwner, "OWNER");
    const first = await createApiToken(owner, event.id, { name: "Score bot" });
    const second = await createApiToken(coOwner, event.id, { name: "Wire" });
    await createApiToken(owner, other.id, { name: "Elsewhere" });
    const usedAt = new Date("2026-01-02T03:04:05.000Z");
    await db.apiToken.update({ where: { id: first.id }, data: { lastUsedAt: usedAt } });
    const { revokedAt } = await revokeApiToken(owner, second.id);

    const tokens = await listApiTokens(owner, event.id);
    expect(tokens.map((t) => t.name)).toEqual(["Wire", "Score bot"]);
    expect(tokens[1]).toEqual({
      id: first.id,
      name: "Score bot",
      prefix: first.prefix,
      createdByName: owner.name,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastUsedAt: usedAt.toISOString(),
      revokedAt: null,
    });
    expect(tokens[0]).toMatchObject({
      createdByName: coOwner.name,
      lastUsedAt: null,
      revokedAt: revokedAt.toISOString(),
    });
    for (const token of tokens)
      expect(Object.keys(token).sort()).toEqual([
        "createdAt",
        "createdByName",
        "id",
        "lastUsedAt",
        "name",
        "prefix",
        "revokedAt",
      ]);
    expect(JSON.stringify(tokens)).not.toContain(first.secret);
    expect(JSON.stringify(tokens)).not.toContain(second.secret);
  });

  it("returns an empty list for an event without tokens", async () => {
    const event = await makeEvent(owner);
    expect(await listApiTokens(owner, event.id)).toEqual([]);
  });

  it("is for OWNERs only", async () => {
    const event = await makeEvent(owner);
    await createApiToken(owner, event.id, { name: "Score bot" });
    const [editor, contributor, stranger] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    await addMember(event.id, editor, "EDITOR");
    await addMember(event.id, contributor, "CONTRIBUTOR");
    for (const actor of [editor, contributor, stranger]) {
      await expect(listApiTokens(actor, event.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
