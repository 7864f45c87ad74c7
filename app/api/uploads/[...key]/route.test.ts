import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { images } from "@/lib/uploads/test-images";
import { startStore, storeNames, type TestStore } from "@/test/stores";

describe.each(storeNames)("GET /api/uploads/[...key] from the %s store", (storeName) => {
  let store: TestStore;
  let GET: typeof import("./route").GET;
  let HEAD: typeof import("./route").HEAD;
  let big: Uint8Array;

  beforeAll(async () => {
    store = await startStore(storeName);
    // lib/env.ts and lib/storage choose the store once per process: fresh copies for this one.
    vi.resetModules();
    for (const [name, value] of Object.entries(store.environment)) vi.stubEnv(name, value);
    ({ GET, HEAD } = await import("./route"));
    const { storage } = await import("@/lib/storage");
    await storage().put("ckevent1/abc123.png", images.png, "image/png");
    // Larger than the stream buffers: a body left unread holds its file or connection.
    big = new Uint8Array(2 * 1024 * 1024);
    big.set(images.jpeg);
    await storage().put("ckevent1/big.jpg", big, "image/jpeg");
    await storage().put("ckevent1/def456.webp", images.webp, "image/webp");
    await store.plantOutside("secret.png", images.png);
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await store?.stop();
  });

  /** Calls the handler the way Next does, with the path's segments already decoded. */
  function get(segments: string[]) {
    const url = `http://localhost/api/uploads/${segments.map(encodeURIComponent).join("/")}`;
    return GET(new Request(url), { params: Promise.resolve({ key: segments }) });
  }

  it.each([
    ["ckevent1/abc123.png", "image/png", images.png],
    ["ckevent1/def456.webp", "image/webp", images.webp],
  ])("serves %s as %s, inert and cached for good", async (key, type, bytes) => {
    const response = await get(key.split("/"));
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toEqual({
      "content-type": type,
      "content-length": String(bytes.byteLength),
      "x-content-type-options": "nosniff",
      "cache-control": "public, max-age=31536000, immutable",
      "content-security-policy": "default-src 'none'",
      "content-disposition": "inline",
    });
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([...bytes]);
  });

  it("answers HEAD with the same headers and no body, releasing what the read held", async () => {
    const key = ["ckevent1", "big.jpg"];
    const context = { params: Promise.resolve({ key }) };
    // More than the S3 client's 50 pooled sockets: a body left open would make the GET wait.
    for (let i = 0; i < 60; i += 1) {
      const response = await HEAD(new Request("http://localhost/api/uploads/ckevent1/big.jpg"), context);
      expect(response.status).toBe(200);
      expect(response.body).toBeNull();
      expect(Object.fromEntries(response.headers)).toMatchObject({
        "content-type": "image/jpeg",
        "content-length": String(big.byteLength),
        "x-content-type-options": "nosniff",
        "cache-control": "public, max-age=31536000, immutable",
        "content-security-policy": "default-src 'none'",
      });
    }
    const response = await get(key);
    expect((await response.arrayBuffer()).byteLength).toBe(big.byteLength);
  });

  it.each([
    [["ckevent1", "missing.png"]],
    [["ckevent1", "abc123.gif"]],
    [["ckevent1"]],
    [["ckevent1", "abc123.png", "extra"]],
    [["secret.png"]],
    [["..", "secret.png"]],
    [["ckevent1", "..", "..", "secret.png"]],
    [["%2e%2e", "secret.png"]],
    [["..%2fsecret.png"]],
    [["ckevent1", "..%2F..%2Fsecret.png"]],
    [["ckevent1/../../secret.png"]],
    [["", "etc", "passwd"]],
    [["", "tmp", "secret.png"]],
    [["ckevent1", "abc123.png\u0000"]],
    [["ckevent1\\..\\..", "secret.png"]],
  ])("answers 404 for %j", async (segments) => {
    const response = await get(segments);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).not.toMatch(/^image\//);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

describe("GET /api/uploads/[...key] when the bucket cannot be reached", () => {
  it("answers 503, never cached, with Retry-After", async () => {
    const store = await startStore("s3");
    vi.resetModules();
    for (const [name, value] of Object.entries(store.environment)) vi.stubEnv(name, value);
    const { GET } = await import("./route");
    await store.stop();
    try {
      const key = ["ckevent1", "abc123.png"];
      const response = await GET(new Request("http://localhost/api/uploads/ckevent1/abc123.png"), {
        params: Promise.resolve({ key }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(response.headers.get("content-type")).not.toMatch(/^image\//);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
