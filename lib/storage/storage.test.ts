import crypto from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StorageUnavailableError } from "@/lib/errors";
import { limits } from "@/lib/shared/limits";
import { images } from "@/lib/uploads/test-images";
import { startS3Server } from "@/test/s3";
import { LocalDiskStorage } from "./local-disk-storage";
import { S3Storage } from "./s3-storage";
import type { Storage, StoredObject } from "./storage";

// One contract, every implementation: what the app relies on from storage() holds for the
// disk and for S3 (an S3-compatible server started here) alike.

type Backend = {
  storage: Storage;
  /** Every object stored, by its raw name, wherever it landed (outside the key space too). */
  everything(): Promise<string[]>;
  /** Puts bytes at `name` beside the store's keys, out of reach of any well-formed key. */
  plantOutside(name: string, bytes: Uint8Array): Promise<void>;
  stop(): Promise<void>;
};

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

const backends: Record<string, () => Promise<Backend>> = {
  async disk() {
    // The store's root is a folder inside `dir`, so a write that escaped it would show up.
    const dir = await mkdtemp(path.join(os.tmpdir(), "herald-storage-"));
    return {
      storage: new LocalDiskStorage(path.join(dir, "uploads")),
      everything: async () => (await filesUnder(dir)).map((file) => file.replace(/^uploads\//, "")),
      plantOutside: (name, bytes) => writeFile(path.join(dir, name), bytes),
      stop: () => rm(dir, { recursive: true, force: true }),
    };
  },
  async s3() {
    const server = await startS3Server();
    const storage = new S3Storage(server.settings);
    const { client, bucket } = storage;
    return {
      storage,
      async everything() {
        const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
        return (listed.Contents ?? []).map((object) => object.Key!);
      },
      async plantOutside(name, bytes) {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: name, Body: bytes }));
      },
      stop: async () => {
        storage.client.destroy();
        await server.stop();
      },
    };
  },
};

async function bytesOf(stored: StoredObject | null): Promise<Uint8Array> {
  if (!stored) throw new Error("Nothing is stored there.");
  return new Uint8Array(await new Response(stored.body).arrayBuffer());
}

const hostile = [
  "../outside.png",
  "event1/../../outside.png",
  "..%2f..%2foutside.png",
  "%2e%2e/outside.png",
  "/etc/passwd",
  "/tmp/x.png",
  "outside.png",
  "event1\\..\\x.png",
  "event1/x.png/",
  "event1/x.svg",
  "event1/x.png.html",
  "event1/x",
  "a/b/c.png",
  "",
  "event1/.png",
  "event1/x.png\u0000.html",
];

describe.each(Object.keys(backends))("%s storage", (name) => {
  let backend: Backend;
  let storage: Storage;

  beforeAll(async () => {
    backend = await backends[name]!();
    storage = backend.storage;
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it("stores bytes and reads them back as a stream, with their type and exact length", async () => {
    await storage.put("event1/abc_DEF-1.png", images.png, "image/png");
    const stored = await storage.get("event1/abc_DEF-1.png");
    expect(stored).toMatchObject({ contentType: "image/png", size: images.png.byteLength });
    expect(stored!.body).toBeInstanceOf(ReadableStream);
    expect([...(await bytesOf(stored))]).toEqual([...images.png]);
    expect(await storage.has("event1/abc_DEF-1.png")).toBe(true);
  });

  it.each([
    ["jpg", "image/jpeg", images.jpeg],
    ["png", "image/png", images.png],
    ["gif", "image/gif", images.gif],
    ["webp", "image/webp", images.webp],
  ] as const)("gives a .%s its type, %s", async (extension, contentType, bytes) => {
    await storage.put(`event2/typed.${extension}`, bytes, contentType);
    const stored = await storage.get(`event2/typed.${extension}`);
    expect(stored?.contentType).toBe(contentType);
    expect([...(await bytesOf(stored))]).toEqual([...bytes]);
  });

  it("refuses a content type that does not match the key, storing nothing", async () => {
    await expect(storage.put("event3/x.png", images.png, "image/svg+xml")).rejects.toThrow(/does not name/);
    await expect(storage.put("event3/x.png", images.jpeg, "image/jpeg")).rejects.toThrow(/does not name/);
    expect(await storage.has("event3/x.png")).toBe(false);
  });

  it("answers null and false for a key that was never stored", async () => {
    expect(await storage.get("event1/never.png")).toBeNull();
    expect(await storage.get("never-an-event/never.png")).toBeNull();
    expect(await storage.has("event1/never.png")).toBe(false);
  });

  it("deletes an object, and deleting what is not there does nothing", async () => {
    await storage.put("event4/gone.gif", images.gif, "image/gif");
    await storage.put("event4/kept.gif", images.gif, "image/gif");
    await storage.delete("event4/gone.gif");
    expect(await storage.get("event4/gone.gif")).toBeNull();
    expect(await storage.has("event4/gone.gif")).toBe(false);
    await storage.delete("event4/gone.gif");
    await storage.delete("event4/never.gif");
    expect([...(await bytesOf(await storage.get("event4/kept.gif")))]).toEqual([...images.gif]);
  });

  it("round-trips a file of the largest upload size byte for byte", async () => {
    const big = new Uint8Array(crypto.randomBytes(limits.uploadBytes));
    await storage.put("event5/big.webp", big, "image/webp");
    const stored = await storage.get("event5/big.webp");
    expect(stored?.size).toBe(big.byteLength);
    const read = await bytesOf(stored);
    expect(read.byteLength).toBe(big.byteLength);
    expect(Buffer.from(read).equals(Buffer.from(big))).toBe(true);
  });

  it("frees what a read holds when its body is cancelled unread", async () => {
    // Larger than the stream buffers, so an unread body keeps its file or connection open.
    const big = new Uint8Array(2 * 1024 * 1024);
    big.set(images.jpeg);
    await storage.put("event6/cancelled.jpg", big, "image/jpeg");
    // More than the S3 client's 50 pooled sockets: a leak would leave the last reads waiting.
    for (let i = 0; i < 60; i += 1) {
      const stored = await storage.get("event6/cancelled.jpg");
      await stored!.body.cancel();
    }
    expect((await bytesOf(await storage.get("event6/cancelled.jpg"))).byteLength).toBe(big.byteLength);
  });

  describe("keys", () => {
    it.each(hostile)("never writes under %j", async (key) => {
      const before = await backend.everything();
      await expect(storage.put(key, images.png, "image/png")).rejects.toThrow();
      expect(await backend.everything()).toEqual(before);
    });

    it("never reads, finds or deletes anything outside the key space, even what is there", async () => {
      await backend.plantOutside("outside.png", images.png);
      for (const key of hostile) {
        expect(await storage.get(key)).toBeNull();
        expect(await storage.has(key)).toBe(false);
        await storage.delete(key);
      }
      expect(await backend.everything()).toContain("outside.png");
    });
  });
});

describe("S3 storage that cannot do its work", () => {
  it.each([
    ["a bucket that cannot be reached", "unreachable"],
    ["a bucket that does not exist", "missing"],
  ])("fails every call on %s with StorageUnavailableError (a 503)", async (_name, kind) => {
    const server = await startS3Server();
    if (kind === "unreachable") await server.stop();
    const storage = new S3Storage(
      kind === "missing" ? { ...server.settings, bucket: "no-such-bucket" } : server.settings,
    );
    try {
      const unavailable = expect.any(StorageUnavailableError);
      await expect(storage.put("event1/x.png", images.png, "image/png")).rejects.toEqual(unavailable);
      await expect(storage.get("event1/x.png")).rejects.toEqual(unavailable);
      await expect(storage.delete("event1/x.png")).rejects.toEqual(unavailable);
      if (kind === "unreachable") await expect(storage.has("event1/x.png")).rejects.toEqual(unavailable);
    } finally {
      storage.client.destroy();
      if (kind === "missing") await server.stop();
    }
  });
});
