import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "./local-disk-storage";

let dir: string;
let storage: LocalDiskStorage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "herald-storage-"));
  storage = new LocalDiskStorage(path.join(dir, "uploads"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

describe("LocalDiskStorage", () => {
  it("stores and reads back bytes with the type of the key's extension", async () => {
    await storage.put("event1/abc_DEF-1.png", bytes, "image/png");
    const stored = await storage.get("event1/abc_DEF-1.png");
    expect(stored).toEqual({ bytes: expect.any(Uint8Array), contentType: "image/png", size: bytes.byteLength });
    expect([...stored!.bytes]).toEqual([...bytes]);
    // No temporary file is left behind.
    expect(await readdir(path.join(dir, "uploads", "event1"))).toEqual(["abc_DEF-1.png"]);
  });

  it("returns null for a key that was never stored", async () => {
    expect(await storage.get("event1/never.png")).toBeNull();
  });

  it("refuses a content type that does not match the key", async () => {
    await expect(storage.put("event1/x.png", bytes, "image/svg+xml")).rejects.toThrow(/does not name/);
  });

  const hostile = [
    "../outside.png",
    "event1/../../outside.png",
    "..%2f..%2foutside.png",
    "%2e%2e/outside.png",
    "/etc/passwd",
    "/tmp/x.png",
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

  it.each(hostile)("never writes under the key %j", async (key) => {
    await expect(storage.put(key, bytes, "image/png")).rejects.toThrow();
  });

  it.each(hostile)("never reads under the key %j", async (key) => {
    expect(storage.pathOf(key)).toBeNull();
    expect(await storage.get(key)).toBeNull();
  });

  it("does not read a file outside its root even if one exists there", async () => {
    await writeFile(path.join(dir, "outside.png"), bytes);
    expect(await storage.get("../outside.png")).toBeNull();
  });
});
