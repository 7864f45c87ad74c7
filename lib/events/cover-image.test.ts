import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import type { EventView } from "@/lib/shared/types";
import { LocalDiskStorage } from "@/lib/storage/local-disk-storage";
import { images } from "@/lib/uploads/test-images";
import { uploadImage } from "@/lib/uploads/upload-image";
import { eventState, makeTeam, makeUser, type TestUser } from "@/test/factories";
import { findEventBySlug } from "./find-event";
import { updateEventSettings } from "./update-event-settings";

// The cover image is one of the event's settings: the key of an image uploaded for the
// event, set or removed by an owner, and announced to readers as a URL in event.updated.
let dir: string;
let storage: LocalDiskStorage;
let owner: TestUser;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "herald-covers-"));
  storage = new LocalDiskStorage(dir);
  owner = await makeUser();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function setup() {
  const team = await makeTeam(owner);
  const { event } = team;
  const settings = { title: event.title, description: "", slug: event.slug, order: "NEWEST_FIRST", timeZone: "UTC" };
  const upload = (eventId = event.id) => uploadImage(owner, eventId, images.png, images.png.byteLength, storage);
  return { ...team, settings, upload };
}

const lastChange = async (eventId: string) => (await eventState(eventId)).changes.at(-1);
const coverKey = async (eventId: string) =>
  (await db.event.findUniqueOrThrow({ where: { id: eventId } })).coverImageKey;

describe("an event's cover image", () => {
  it("is set by the owner from an upload, and readers get its URL in event.updated; removing it too", async () => {
    const { event, settings, upload } = await setup();
    const image = await upload();

    const { seq } = await updateEventSettings(owner, event.id, { ...settings, coverImageKey: image.key }, storage);
    expect(await coverKey(event.id)).toBe(image.key);
    const set = await lastChange(event.id);
    expect(set).toMatchObject({ seq, type: "EVENT_UPDATED" });
    const view = (set!.data as { event: EventView }).event;
    expect(view.coverImageUrl).toBe(image.url);
    expect(view.coverImageUrl).toBe(`/api/uploads/${image.key}`);
    expect(view).not.toHaveProperty("coverImageKey");
    expect((await findEventBySlug(event.slug))?.coverImageKey).toBe(image.key);

    await updateEventSettings(owner, event.id, { ...settings, coverImageKey: "" }, storage);
    expect(await coverKey(event.id)).toBeNull();
    expect((await lastChange(event.id))!.data).toMatchObject({ event: { coverImageUrl: null } });
  });

  it("stays as it is when a caller leaves the field out", async () => {
    const { event, settings, upload } = await setup();
    const image = await upload();
    await updateEventSettings(owner, event.id, { ...settings, coverImageKey: image.key }, storage);
    await updateEventSettings(owner, event.id, { ...settings, title: "Renamed" }, storage);
    expect(await coverKey(event.id)).toBe(image.key);
    expect((await lastChange(event.id))!.data).toMatchObject({
      event: { title: "Renamed", coverImageUrl: image.url },
    });
  });

  it("refuses another event's image, a key never stored, and a key that is not one: nothing written", async () => {
    const { event, settings } = await setup();
    const elsewhere = await setup();
    const theirs = await elsewhere.upload();
    const before = await eventState(event.id);
    for (const key of [theirs.key, `${event.id}/AAAAAAAAAAAAAAAAAAAAAA.png`, "../../etc/passwd", `${event.id}/x.svg`]) {
      const error = await updateEventSettings(owner, event.id, { ...settings, coverImageKey: key }, storage).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["coverImageKey"]);
    }
    expect(await coverKey(event.id)).toBeNull();
    expect(await eventState(event.id)).toEqual(before);
  });

  it("is the owner's alone: editors, contributors, outsiders and removed members change nothing", async () => {
    const { event, settings, upload, editor, contributor, outsider, removed } = await setup();
    const image = await upload();
    for (const actor of [editor, contributor, outsider, removed]) {
      await expect(
        updateEventSettings(actor, event.id, { ...settings, coverImageKey: image.key }, storage),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await coverKey(event.id)).toBeNull();
    expect((await eventState(event.id)).changes).toEqual([]);
  });
});
