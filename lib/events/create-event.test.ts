import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ValidationError } from "@/lib/errors";
import { makeUser, unique, type TestUser } from "@/test/factories";
import { createEvent } from "./create-event";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

describe("createEvent", () => {
  it("makes the slug from the title, and the creator its OWNER", async () => {
    const id = unique();
    const event = await createEvent(owner, { title: `  Election Night: Día ${id}!  `, description: "Results live." });
    expect(event).toEqual({
      id: expect.any(String),
      slug: `election-night-dia-${id}`,
      title: `Election Night: Día ${id}!`,
    });

    const stored = await db.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(stored).toMatchObject({ slug: event.slug, description: "Results live.", status: "LIVE", lastSeq: 0 });
    const members = await db.membership.findMany({
      where: { eventId: event.id },
      select: { userId: true, role: true },
    });
    expect(members).toEqual([{ userId: owner.id, role: "OWNER" }]);
  });

  it("works in the zone it is given, UTC when none, and refuses a zone that does not exist", async () => {
    const auckland = await createEvent(owner, { title: `Count ${unique()}`, timeZone: "Pacific/Auckland" });
    const utc = await createEvent(owner, { title: `Count ${unique()}`, timeZone: "" });
    const zones = await db.event.findMany({
      where: { id: { in: [auckland.id, utc.id] } },
      select: { id: true, timeZone: true },
    });
    expect(Object.fromEntries(zones.map((e) => [e.id, e.timeZone]))).toEqual({
      [auckland.id]: "Pacific/Auckland",
      [utc.id]: "UTC",
    });
    for (const timeZone of ["Mars/Olympus", "x".repeat(65), "Europe/Paris\u0000"]) {
      const title = `Nowhere ${unique()}`;
      const error = await createEvent(owner, { title, timeZone }).catch((e: unknown) => e);
      expect(error, timeZone).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors.timeZone).toEqual([
        "Use a time zone name such as Europe/Paris or UTC.",
      ]);
      expect(await db.event.count({ where: { title } })).toBe(0);
    }
  });

  it("is in the readers' language it is given, English when none, and refuses one it has no words for", async () => {
    const arabic = await createEvent(owner, { title: `Vote ${unique()}`, language: "ar" });
    const english = await createEvent(owner, { title: `Vote ${unique()}`, language: "" });
    const rows = await db.event.findMany({
      where: { id: { in: [arabic.id, english.id] } },
      select: { id: true, language: true },
    });
    expect(Object.fromEntries(rows.map((e) => [e.id, e.language]))).toEqual({ [arabic.id]: "ar", [english.id]: "en" });
    for (const language of ["xx", "EN", "de-DE", "<script>", "en\u0000"]) {
      const title = `Babel ${unique()}`;
      const error = await createEvent(owner, { title, language }).catch((e: unknown) => e);
      expect(error, language).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors.language).toEqual(["Choose one of: en, de, fr, es, pt, ar."]);
      expect(await db.event.count({ where: { title } })).toBe(0);
    }
  });

  it("uses an explicit slug", async () => {
    const slug = `my-own-${unique()}`;
    const event = await createEvent(owner, { title: "Something else entirely", slug });
    expect(event.slug).toBe(slug);
    expect(await db.event.count({ where: { slug } })).toBe(1);
  });

  it.each(["Has Capitals", "under_score", "double--dash", "-leading", "trailing-", "spa ce", "x".repeat(81)])(
    "rejects the malformed slug %j with a ValidationError on slug",
    async (slug) => {
      const title = `Malformed ${unique()}`;
      const error = await createEvent(owner, { title, slug }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors.slug).toEqual([expect.any(String)]);
      expect(await db.event.count({ where: { title } })).toBe(0);
    },
  );

  it("rejects a title with nothing to make a slug from, and an empty title", async () => {
    const noLetters = await createEvent(owner, { title: "!!! ???" }).catch((e: unknown) => e);
    expect(noLetters).toBeInstanceOf(ValidationError);
    expect(Object.keys((noLetters as ValidationError).fieldErrors)).toEqual(["slug"]);

    const empty = await createEvent(owner, { title: "   ", slug: `x-${unique()}` }).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(ValidationError);
    expect((empty as ValidationError).fieldErrors.title).toEqual([expect.any(String)]);
  });

  it("refuses a slug that is taken with a ConflictError, leaving the first event alone", async () => {
    const slug = `taken-${unique()}`;
    const first = await createEvent(owner, { title: "First", slug });
    const other = await makeUser();

    const error = await createEvent(other, { title: "Second", slug }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fieldErrors.slug).toEqual([expect.any(String)]);

    const events = await db.event.findMany({ where: { slug }, select: { id: true, title: true } });
    expect(events).toEqual([{ id: first.id, title: "First" }]);
    expect(await db.membership.count({ where: { userId: other.id } })).toBe(0);
  });

  it("also refuses a derived slug that is taken", async () => {
    const title = `Derived ${unique()}`;
    await createEvent(owner, { title });
    await expect(createEvent(owner, { title })).rejects.toBeInstanceOf(ConflictError);
  });

  it("lets exactly one of two racing creations win a slug", async () => {
    const [alice, bob] = await Promise.all([makeUser(), makeUser()]);
    for (let round = 0; round < 3; round++) {
      const slug = `race-${unique()}`;
      const results = await Promise.allSettled([
        createEvent(alice, { title: "Alice's", slug }),
        createEvent(bob, { title: "Bob's", slug }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r) => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);

      const winner = (won[0] as PromiseFulfilledResult<{ id: string }>).value;
      const events = await db.event.findMany({ where: { slug }, select: { id: true } });
      expect(events).toEqual([{ id: winner.id }]);
      const members = await db.membership.findMany({ where: { eventId: winner.id } });
      expect(members).toHaveLength(1);
      expect(members[0]!.role).toBe("OWNER");
      expect(members[0]!.userId).toBe(results[0]!.status === "fulfilled" ? alice.id : bob.id);
    }
  });
});
