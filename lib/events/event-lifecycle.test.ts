import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { publishPost } from "@/lib/posts/publish-post";
import type { EventView } from "@/lib/shared/types";
import { addMember, eventState, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { endEvent } from "./end-event";
import { goLive, reopenEvent, scheduleEvent } from "./set-event-status";
import { updateEventSettings } from "./update-event-settings";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

async function draftEvent() {
  const event = await makeEvent(owner);
  await db.event.update({ where: { id: event.id }, data: { status: "DRAFT" } });
  const [editor, contributor, stranger] = await Promise.all([makeUser(), makeUser(), makeUser()]);
  await addMember(event.id, editor, "EDITOR");
  await addMember(event.id, contributor, "CONTRIBUTOR");
  return { event, editor, contributor, stranger };
}

const status = async (id: string) => (await db.event.findUniqueOrThrow({ where: { id } })).status;
const lastEventView = async (id: string) =>
  ((await eventState(id)).changes.at(-1)?.data as { event?: EventView } | undefined)?.event;

describe("event lifecycle", () => {
  it("draft → scheduled → live → ended → reopened, each an event.updated readers get", async () => {
    const { event, editor } = await draftEvent();
    const startsAt = new Date(Date.now() + 3_600_000);
    await scheduleEvent(editor, event.id, { startsAt: startsAt.toISOString() });
    expect(await status(event.id)).toBe("SCHEDULED");
    expect(await lastEventView(event.id)).toMatchObject({ status: "SCHEDULED", startsAt: startsAt.toISOString() });
    await goLive(editor, event.id);
    expect(await status(event.id)).toBe("LIVE");
    await endEvent(owner, event.id);
    await expect(publishPost(owner, event.id, { body: "late" })).rejects.toBeInstanceOf(ConflictError);
    await reopenEvent(owner, event.id);
    expect(await status(event.id)).toBe("LIVE");
    expect(await lastEventView(event.id)).toMatchObject({ status: "LIVE" });
    await publishPost(owner, event.id, { body: "back again" });
    const types = (await eventState(event.id)).changes.map((c) => c.type);
    expect(types).toEqual(["EVENT_UPDATED", "EVENT_UPDATED", "EVENT_ENDED", "EVENT_UPDATED", "POST_PUBLISHED"]);
  });

  it("refuses transitions that make no sense, and contributors and strangers", async () => {
    const { event, contributor, stranger } = await draftEvent();
    await expect(reopenEvent(owner, event.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(goLive(contributor, event.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(goLive(stranger, event.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(scheduleEvent(owner, event.id, { startsAt: "not a date" })).rejects.toBeInstanceOf(ValidationError);
    expect(await status(event.id)).toBe("DRAFT");
    expect((await eventState(event.id)).lastSeq).toBe(0);
  });
});

describe("updateEventSettings", () => {
  const settings = (slug: string) => ({
    title: "New title",
    description: "New description",
    slug,
    order: "OLDEST_FIRST" as const,
    timeZone: "Europe/Paris",
  });

  it("lets the owner change everything before going live, and readers get event.updated", async () => {
    const { event } = await draftEvent();
    const slug = `${event.slug}-renamed`;
    await updateEventSettings(owner, event.id, settings(slug));
    const stored = await db.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(stored).toMatchObject({ slug, title: "New title", order: "OLDEST_FIRST", timeZone: "Europe/Paris" });
    expect(await lastEventView(event.id)).toMatchObject({ title: "New title", timeZone: "Europe/Paris" });
  });

  it("keeps the address once live, refuses taken addresses, bad zones and non-owners", async () => {
    const { event, editor } = await draftEvent();
    const other = await makeEvent(owner);
    await expect(updateEventSettings(owner, event.id, settings(other.slug))).rejects.toBeInstanceOf(ConflictError);
    await expect(
      updateEventSettings(owner, event.id, { ...settings(event.slug), timeZone: "Mars/Olympus" }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(updateEventSettings(editor, event.id, settings(event.slug))).rejects.toBeInstanceOf(ForbiddenError);
    await goLive(owner, event.id);
    await expect(updateEventSettings(owner, event.id, settings(`${event.slug}-x`))).rejects.toBeInstanceOf(
      ConflictError,
    );
    await updateEventSettings(owner, event.id, settings(event.slug)); // same address: fine
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).title).toBe("New title");
  });
});
