import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import { LocalDiskStorage } from "@/lib/storage/local-disk-storage";
import { makeEvent, makeTeam, makeUser, type TestUser } from "@/test/factories";
import { images } from "./test-images";
import { listUploads } from "./list-uploads";
import { uploadImage } from "./upload-image";

let dir: string;
let storage: LocalDiskStorage;
let owner: TestUser;
let team: Awaited<ReturnType<typeof makeTeam>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "herald-shelf-"));
  storage = new LocalDiskStorage(dir);
  owner = await makeUser();
  team = await makeTeam(owner);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("listUploads: the event's media shelf", () => {
  it("lists the event's images newest first, with their fields, and no other event's", async () => {
    const eventId = team.event.id;
    const first = await uploadImage(owner, eventId, images.png, null, storage, { alt: "First", caption: "One" });
    const second = await uploadImage(team.contributor, eventId, images.png, null, storage, { alt: "", credit: "Ana" });
    const third = await uploadImage(team.editor, eventId, images.png, null, storage);
    const elsewhere = await uploadImage(owner, (await makeEvent(owner)).id, images.png, null, storage, { alt: "No" });

    const shelf = await listUploads(team.contributor, eventId);
    expect(shelf.map((image) => image.url)).toEqual([third.url, second.url, first.url]);
    expect(shelf.map((image) => image.url)).not.toContain(elsewhere.url);
    expect(shelf[2]).toMatchObject({ alt: "First", caption: "One", credit: null, markdown: first.markdown });
    expect(shelf[1]).toMatchObject({ alt: "", markdown: `![(decorative)](${second.url} "Photo: Ana")` });
    expect(shelf[0]).toMatchObject({ alt: null, markdown: `![](${third.url})` });
    expect(shelf[0]!.width).toBeGreaterThan(0);
  });

  it.each(["outsider", "removed"] as const)("refuses the %s", async (who) => {
    await expect(listUploads(team[who], team.event.id)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
