import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { limits } from "@/lib/shared/limits";
import { addMember, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { createApiToken } from "./create-api-token";
import { listApiTokens } from "./list-api-tokens";

let owner: TestUser;
let editor: TestUser;
let contributor: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  [owner, editor, contributor, stranger] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser()]);
});

const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

describe("createApiToken", () => {
  it("returns the secret once and stores only its SHA-256 and a 12-character prefix", async () => {
    const event = await makeEvent(owner);
    const created = await createApiToken(owner, event.id, { name: "  Score bot  " });

    expect(created).toEqual({
      id: expect.any(String),
      name: "Score bot",
      prefix: expect.any(String),
      secret: expect.any(String),
    });
    expect(created.secret).toMatch(/^hrld_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.secret.slice(0, 12));

    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      eventId: event.id,
      name: "Score bot",
      prefix: created.prefix,
      tokenHash: sha256(created.secret),
      createdById: owner.id,
      lastUsedAt: null,
      revokedAt: null,
    });
    // The secret itself is nowhere in the row…
    expect(JSON.stringify(row)).not.toContain(created.secret);
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(12));
    // …nor shown again: the list has neither the secret nor its hash.
    const listed = JSON.stringify(await listApiTokens(owner, event.id));
    expect(listed).toContain(created.prefix);
    expect(listed).not.toContain(created.secret);
    expect(listed).not.toContain(row.tokenHash);
  });

  it("makes a different secret every time", async () => {
    const event = await makeEvent(owner);
    const secrets = new Set<string>();
    for (let i = 0; i < 5; i++) secrets.add((await createApiToken(owner, event.id, { name: `bot ${i}` })).secret);
    expect(secrets.size).toBe(5);
  });

  it("is for OWNERs only: editors, contributors and strangers get ForbiddenError and nothing is stored", async () => {
    const event = await makeEvent(owner);
    await addMember(event.id, editor, "EDITOR");
    await addMember(event.id, contributor, "CONTRIBUTOR");
    for (const actor of [editor, contributor, stranger]) {
      await expect(createApiToken(actor, event.id, { name: "Sneaky" })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db.apiToken.count({ where: { eventId: event.id } })).toBe(0);
  });

  it("lets any owner of the event create one, and only for that event", async () => {
    const event = await makeEvent(owner);
    const other = await makeEvent(stranger);
    const coOwner = await makeUser();
    await addMember(event.id, coOwner, "OWNER");
    const created = await createApiToken(coOwner, event.id, { name: "Wire" });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: created.id } })).createdById).toBe(coOwner.id);
    await expect(createApiToken(owner, other.id, { name: "Not mine" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("throws NotFoundError for an unknown event", async () => {
    await expect(createApiToken(owner, "no-such-event", { name: "Bot" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each([
    ["empty", ""],
    ["whitespace only", "   "],
    ["over the limit", "x".repeat(limits.name + 1)],
  ])("rejects a name that is %s: ValidationError on name, nothing stored", async (_label, name) => {
    const event = await makeEvent(owner);
    const error = await createApiToken(owner, event.id, { name }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.name).toEqual([expect.any(String)]);
    expect(await db.apiToken.count({ where: { eventId: event.id } })).toBe(0);
  });

  it(`accepts a name of exactly ${limits.name} characters`, async () => {
    const event = await makeEvent(owner);
    const created = await createApiToken(owner, event.id, { name: "n".repeat(limits.name) });
    expect(created.name).toHaveLength(limits.name);
  });
});
