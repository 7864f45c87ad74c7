import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { storage } from "@/lib/storage";
import { images } from "@/lib/uploads/test-images";
import { GET } from "./route";

let dir: string;

beforeAll(async () => {
  // lib/env.ts reads this on first use, which is below.
  dir = await mkdtemp(path.join(os.tmpdir(), "herald-serve-"));
  vi.stubEnv("HERALD_UPLOADS_DIR", path.join(dir, "uploads"));
  await storage().put("ckevent1/abc123.png", images.png, "image/png");
  await storage().put("ckevent1/def456.webp", images.webp, "image/webp");
  await writeFile(path.join(dir, "secret.png"), images.png);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

/** Calls the handler the way Next does, with the path's segments already decoded. */
function get(segments: string[]) {
  const url = `http://localhost/api/uploads/${segments.map(encodeURIComponent).join("/")}`;
  return GET(new Request(url), { params: Promise.resolve({ key: segments }) });
}

describe("GET /api/uploads/[...key]", () => {
  it.each([
    ["ckevent1/abc123.png", "image/png", images.png],
    ["ckevent1/def456.webp", "image/webp", images.webp],
  ])("serves %s as %s, inert and cached for good", async (key, type, bytes) => {
    const response = await get(key.split("/"));
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": type,
      "content-length": String(bytes.byteLength),
      "x-content-type-options": "nosniff",
      "cache-control": "public, max-age=31536000, immutable",
      "content-security-policy": "default-src 'none'",
    });
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([...bytes]);
  });

  it.each([
    [["ckevent1", "missing.png"]],
    [["ckevent1", "abc123.gif"]],
    [["ckevent1"]],
    [["ckevent1", "abc123.png", "extra"]],
    [["..", "secret.png"]],
    [["ckevent1", "..", "..", "secret.png"]],
    [["%2e%2e", "secret.png"]],
    [["..%2fsecret.png"]],
    [["ckevent1", "..%2F..%2Fsecret.png"]],
    [["ckevent1/../../secret.png"]],
    [["", "etc", "passwd"]],
    [[dir, "secret.png"]],
    [["ckevent1", "abc123.png\u0000"]],
    [["ckevent1\\..\\..", "secret.png"]],
  ])("answers 404 for %j", async (segments) => {
    const response = await get(segments);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).not.toMatch(/^image\//);
  });
});
