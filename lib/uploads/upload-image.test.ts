import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError, ForbiddenError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { limits } from "@/lib/shared/limits";
import { LocalDiskStorage } from "@/lib/storage/local-disk-storage";
import { addMember, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { declaring, images, notImages, sized, type SizedImage } from "./test-images";
import { uploadImage } from "./upload-image";

let dir: string;
let storage: LocalDiskStorage;
let owner: TestUser;
let eventId: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "herald-uploads-"));
  storage = new LocalDiskStorage(dir);
  owner = await makeUser();
  eventId = (await makeEvent(owner)).id;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A body that counts how much of it was read, in chunks of `chunk` bytes. */
function countedStream(total: number, chunk = 64 * 1024) {
  const counter = { pulled: 0, cancelled: false };
  const first = images.png;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= total) return controller.close();
        const size = Math.min(chunk, total - counter.pulled);
        const bytes = new Uint8Array(size);
        if (counter.pulled === 0) bytes.set(first.subarray(0, Math.min(first.length, size)));
        counter.pulled += size;
        controller.enqueue(bytes);
      },
      cancel() {
        counter.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  ); // nothing is pulled until the reader asks
  return { stream, counter };
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 0;
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}

describe("uploadImage: who may upload", () => {
  it.each(["OWNER", "EDITOR", "CONTRIBUTOR"] as Role[])("lets a %s upload", async (role) => {
    const user = role === "OWNER" ? owner : await makeUser();
    if (role !== "OWNER") await addMember(eventId, user, role);
    const uploaded = await uploadImage(user, eventId, images.png, images.png.byteLength, storage);
    expect(uploaded.key).toMatch(new RegExp(`^${eventId}/[A-Za-z0-9_-]{22}\\.png$`));
    expect(uploaded.url).toBe(`/api/uploads/${uploaded.key}`);
    expect(uploaded.markdown).toBe(`![](${uploaded.url})`);
    const stored = await storage.get(uploaded.key);
    expect(stored?.contentType).toBe("image/png");
    expect([...new Uint8Array(await new Response(stored!.body).arrayBuffer())]).toEqual([...images.png]);
  });

  it("refuses a signed-in user who is not on the event's team, storing nothing", async () => {
    const stranger = await makeUser();
    const other = await makeEvent(stranger);
    await expect(uploadImage(stranger, eventId, images.png, null, storage)).rejects.toBeInstanceOf(ForbiddenError);
    // A member of another event is a stranger here too.
    await expect(uploadImage(owner, other.id, images.png, null, storage)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(readdir(path.join(dir, other.id))).rejects.toThrow(/ENOENT/);
  });

  it("refuses before reading a byte of the body", async () => {
    const stranger = await makeUser();
    const { stream, counter } = countedStream(1024);
    expect(await statusOf(uploadImage(stranger, eventId, stream, 1024, storage))).toBe(403);
    expect(counter.pulled).toBe(0);
  });
});

describe("uploadImage: size", () => {
  it("refuses a declared length over the limit with 413 before reading", async () => {
    const { stream, counter } = countedStream(limits.uploadBytes + 1);
    expect(await statusOf(uploadImage(owner, eventId, stream, limits.uploadBytes + 1, storage))).toBe(413);
    expect(counter.pulled).toBe(0);
    expect(counter.cancelled).toBe(true);
  });

  it("stops reading at the limit when no length was declared", async () => {
    const { stream, counter } = countedStream(50 * 1024 * 1024);
    expect(await statusOf(uploadImage(owner, eventId, stream, null, storage))).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(limits.uploadBytes + 64 * 1024);
    expect(counter.cancelled).toBe(true);
  });

  it("stops reading at the limit when the body is longer than it declared", async () => {
    const { stream, counter } = countedStream(50 * 1024 * 1024);
    expect(await statusOf(uploadImage(owner, eventId, stream, 1000, storage))).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(limits.uploadBytes + 64 * 1024);
  });

  it("accepts a streamed image of exactly the limit", async () => {
    const { stream } = countedStream(limits.uploadBytes);
    const uploaded = await uploadImage(owner, eventId, stream, null, storage);
    expect((await storage.get(uploaded.key))?.size).toBe(limits.uploadBytes);
  });

  it("refuses an empty body with 422", async () => {
    expect(await statusOf(uploadImage(owner, eventId, null, null, storage))).toBe(422);
    expect(await statusOf(uploadImage(owner, eventId, new Uint8Array(), 0, storage))).toBe(422);
  });
});

describe("uploadImage: type comes from the bytes", () => {
  it.each([
    ["jpeg", "jpg", "image/jpeg"],
    ["png", "png", "image/png"],
    ["gif", "gif", "image/gif"],
    ["webp", "webp", "image/webp"],
  ] as const)("stores %s as .%s", async (name, extension, contentType) => {
    const uploaded = await uploadImage(owner, eventId, images[name], null, storage);
    expect(uploaded.key.endsWith(`.${extension}`)).toBe(true);
    expect((await storage.get(uploaded.key))?.contentType).toBe(contentType);
  });

  it.each(Object.entries(notImages))("refuses %s with 415 and a message", async (_name, bytes) => {
    await expect(uploadImage(owner, eventId, bytes, null, storage)).rejects.toMatchObject({
      status: 415,
      message: expect.stringMatching(/JPEG, PNG, GIF or WebP/),
    });
  });

  it("gives every upload its own key, even for the same bytes", async () => {
    const a = await uploadImage(owner, eventId, images.gif, null, storage);
    const b = await uploadImage(owner, eventId, images.gif, null, storage);
    expect(a.key).not.toBe(b.key);
  });

  it("never writes outside the event's folder, whatever the event id", async () => {
    await expect(uploadImage(owner, "../../etc", images.png, null, storage)).rejects.toBeInstanceOf(ForbiddenError);
    const uploaded = await uploadImage(owner, eventId, images.png, null, storage);
    expect(storage.pathOf(uploaded.key)).toBe(path.join(dir, eventId, uploaded.key.split("/")[1]!));
  });
});

describe("uploadImage: pixels the header declares", () => {
  it.each([
    ["png", 50_000, 50_000],
    ["png", 10_001, 1],
    ["jpeg", 1, 10_001],
    ["progressive jpeg", 6_400, 6_400], // 40.96 megapixels
    ["gif", 10_001, 3_000],
    ["lossy webp (VP8)", 16_383, 16_383],
    ["lossless webp (VP8L)", 8_000, 5_001],
    ["webp with alpha (VP8X)", 16_777_216, 1],
  ] as [SizedImage, number, number][])(
    "refuses a %s declaring %i × %i with 422, storing nothing",
    async (name, w, h) => {
      const event = await makeEvent(owner);
      const refused = uploadImage(owner, event.id, declaring(name, w, h), null, storage);
      await expect(refused).rejects.toMatchObject({
        status: 422,
        message: expect.stringMatching(
          /^The image is [\d,]+ × [\d,]+ pixels\. Images may be at most 10,000 pixels on a side and 40 megapixels\.$/,
        ),
      });
      await expect(readdir(path.join(dir, event.id))).rejects.toThrow(/ENOENT/);
    },
  );

  it("names the size it read", async () => {
    await expect(uploadImage(owner, eventId, declaring("png", 50_000, 50_000), null, storage)).rejects.toThrow(
      "The image is 50,000 × 50,000 pixels.",
    );
  });

  it.each([
    ["png", 10_000, 4_000], // exactly 40 megapixels
    ["jpeg", 10_000, 1],
    ["gif", 4_000, 10_000],
    ["webp with alpha (VP8X)", 6_324, 6_324],
  ] as [SizedImage, number, number][])("accepts a %s of %i × %i, at the limits", async (name, w, h) => {
    const uploaded = await uploadImage(owner, eventId, declaring(name, w, h), null, storage);
    expect((await storage.get(uploaded.key))?.size).toBe(sized[name].byteLength);
  });

  it("refuses with 422 an image whose header ends before its size", async () => {
    await expect(uploadImage(owner, eventId, sized.png.subarray(0, 20), null, storage)).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/size in pixels could not be read/),
    });
  });
});
