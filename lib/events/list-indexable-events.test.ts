import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createEvent } from "@/lib/events/create-event";
import { endEvent } from "@/lib/events/end-event";
import { editPost } from "@/lib/posts/edit-post";
import { publishPost } from "@/lib/posts/publish-post";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { listIndexableEvents } from "./list-indexable-events";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

const latestChange = async (eventId: string) =>
  (await db.change.findFirstOrThrow({ where: { eventId }, orderBy: { seq: "desc" } })).createdAt;

/** Moves an event and its whole change log `days` into the past. */
async function age(eventId: string, days: number) {
  const shift = `${days} days`;
  await db.$executeRaw`UPDATE "Change" SET "createdAt" = "createdAt" - ${shift}::interval WHERE "eventId" = ${eventId}`;
  await db.$executeRaw`UPDATE "Event" SET "createdAt" = "createdAt" - ${shift}::interval WHERE "id" = ${eventId}`;
}

describe("listIndexableEvents", () => {
  it("lists live and ended events, never drafts, with their latest change", async () => {
    const live = await makeEvent(owner);
    const first = await publishPost(owner, live.id, { body: "One" });
    await editPost(owner, first.post.id, { body: "One, edited", headline: "", version: 1 });
    const ended = await makeEvent(owner);
    await publishPost(owner, ended.id, { body: "Over" });
    await endEvent(owner, ended.id);
    const quiet = await makeEvent(owner); // nothing published: its creation stands in
    const draft = await createEvent(owner, {
      title: "Secret",
      slug: `secret-${unique()}`,
      description: "",
      draft: true,
    });
    await publishPost(owner, draft.id, { body: "Not yet" });

    const listed = new Map((await listIndexableEvents()).map((e) => [e.slug, e]));
    expect(listed.has(draft.slug)).toBe(false);
    expect(listed.get(live.slug)).toMatchObject({ title: live.title, status: "LIVE" });
    expect(listed.get(live.slug)!.changedAt).toEqual(await latestChange(live.id));
    expect(listed.get(ended.slug)).toMatchObject({ status: "ENDED" });
    expect(listed.get(ended.slug)!.changedAt).toEqual(await latestChange(ended.id));
    const created = await db.event.findUniqueOrThrow({ where: { id: quiet.id }, select: { createdAt: true } });
    expect(listed.get(quiet.slug)!.changedAt).toEqual(created.createdAt);
    expect(listed.get(quiet.slug)!.publishedAt).toEqual(created.createdAt);
  });

  it("orders by latest change and keeps only what changed since a time", async () => {
    const old = await makeEvent(owner);
    await publishPost(owner, old.id, { body: "Long ago" });
    await age(old.id, 3);
    const recent = await makeEvent(owner);
    await publishPost(owner, recent.id, { body: "Just now" });

    const all = (await listIndexableEvents()).map((e) => e.slug);
    expect(all.indexOf(recent.slug)).toBeLessThan(all.indexOf(old.slug));
    const dates = (await listIndexableEvents()).map((e) => e.changedAt.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));

    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    const lately = (await listIndexableEvents({ changedSince: twoDaysAgo })).map((e) => e.slug);
    expect(lately).toContain(recent.slug);
    expect(lately).not.toContain(old.slug);
    expect(await listIndexableEvents({ limit: 1 })).toHaveLength(1);
  });
});
