import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { images } from "@/lib/uploads/test-images";
import { LocalDiskStorage } from "./local-disk-storage";

// What only the disk does. What every store does is in storage.test.ts.

let dir: string;
let storage: LocalDiskStorage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "herald-storage-"));
  storage = new LocalDiskStorage(path.join(dir, "uploads"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("LocalDiskStorage", () => {
  it("keeps one file per key under its root, and no temporary file", async () => {
    await storage.put("event1/abc_DEF-1.png", images.png, "image/png");
    expect(await readdir(path.join(dir, "uploads", "event1"))).toEqual(["abc_DEF-1.png"]);
    expect(storage.pathOf("event1/abc_DEF-1.png")).toBe(path.join(dir, "uploads", "event1", "abc_DEF-1.png"));
  });

  it.each(["../outside.png", "event1/../../outside.png", "/etc/passwd", "event1\\..\\x.png", "event1/x"])(
    "has no path for the key %j",
    (key) => {
      expect(storage.pathOf(key)).toBeNull();
    },
  );

  it("does not take a folder where a key's file would be for an object", async () => {
    await mkdir(path.join(dir, "uploads", "event2", "a.gif"), { recursive: true });
    expect(await storage.has("event2/a.gif")).toBe(false);
    expect(await storage.get("event2/a.gif")).toBeNull();
  });
});
