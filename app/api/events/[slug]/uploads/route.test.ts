import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { limits } from "@/lib/shared/limits";
import { declaring, images } from "@/lib/uploads/test-images";
import { addMember, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { startStore, storeNames, type TestStore } from "@/test/stores";

// next-auth's getServerSession (through `connection()`) needs Next's request scope,
// which a test has not got ("`connection` was called outside a request scope"). So the
// session is the one thing stubbed here; the event, the roles and the storage are real.
// One stub for every fresh copy of the module (see vi.resetModules below).
const signedIn = vi.hoisted(() => vi.fn());
vi.mock("@/lib/auth/session", () => ({ requireUser: signedIn }));

let owner: TestUser;
let slug: string;

beforeAll(async () => {
  owner = await makeUser();
  slug = (await makeEvent(owner)).slug;
});

beforeEach(() => {
  signedIn.mockReset();
  signedIn.mockResolvedValue(owner);
});

/** A body that records whether anything of it was read. */
function watchedBody(bytes: Uint8Array) {
  const seen = { pulled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        seen.pulled = true;
        controller.enqueue(bytes);
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { body, seen };
}

describe.each(storeNames)("POST /api/events/[slug]/uploads into the %s store", (storeName) => {
  let store: TestStore;
  let POST: typeof import("./route").POST;
  let storage: typeof import("@/lib/storage").storage;
  let UnauthorizedError: typeof import("@/lib/errors").UnauthorizedError;

  beforeAll(async () => {
    store = await startStore(storeName);
    // lib/env.ts and lib/storage choose the store once per process: fresh copies for this one.
    vi.resetModules();
    for (const [name, value] of Object.entries(store.environment)) vi.stubEnv(name, value);
    ({ POST } = await import("./route"));
    ({ storage } = await import("@/lib/storage"));
    // The route maps errors by class: the one it imports.
    ({ UnauthorizedError } = await import("@/lib/errors"));
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await store?.stop();
  });

  function post(to: string, init: RequestInit) {
    const request = new Request(`http://localhost/api/events/${to}/uploads`, {
      method: "POST",
      duplex: "half",
      ...init,
    } as RequestInit);
    return POST(request, { params: Promise.resolve({ slug: to }) });
  }

  async function expectCreated(response: Response, extension: string) {
    expect(response.status).toBe(201);
    const json = (await response.json()) as { key: string; url: string; markdown: string };
    expect(json.url).toMatch(new RegExp(`^/api/uploads/[a-z0-9]+/[A-Za-z0-9_-]{22}\\.${extension}$`));
    expect(json.url).toBe(`/api/uploads/${json.key}`);
    expect(json.markdown).toBe(`![](${json.url})`);
    expect(await storage().has(json.key)).toBe(true);
  }

  it("stores a multipart `file`, typed by its bytes whatever it was declared as", async () => {
    const form = new FormData();
    form.set("file", new Blob([images.jpeg], { type: "image/png" }), "photo.png");
    await expectCreated(await post(slug, { body: form }), "jpg");
  });

  it("stores a raw body", async () => {
    const { body } = watchedBody(images.webp);
    await expectCreated(await post(slug, { body, headers: { "content-type": "application/octet-stream" } }), "webp");
  });

  it("answers 401 to an anonymous request without reading the body", async () => {
    signedIn.mockRejectedValue(new UnauthorizedError());
    const { body, seen } = watchedBody(images.png);
    const response = await post(slug, { body, headers: { "content-type": "image/png" } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "Sign in first." });
    expect(seen.pulled).toBe(false);
  });

  it("answers 404 for an unknown event and 403 to a non-member, reading nothing", async () => {
    const first = watchedBody(images.png);
    expect((await post("no-such-event-here", { body: first.body })).status).toBe(404);
    signedIn.mockResolvedValue(await makeUser());
    const second = watchedBody(images.png);
    expect((await post(slug, { body: second.body })).status).toBe(403);
    expect(first.seen.pulled || second.seen.pulled).toBe(false);
  });

  it("lets a contributor upload", async () => {
    const contributor = await makeUser();
    const event = await makeEvent(owner);
    await addMember(event.id, contributor, "CONTRIBUTOR");
    signedIn.mockResolvedValue(contributor);
    await expectCreated(await post(event.slug, { body: images.gif, headers: { "content-type": "image/gif" } }), "gif");
  });

  it("answers 413 to a declared Content-Length over the limit before reading", async () => {
    const { body, seen } = watchedBody(images.png);
    const headers = { "content-type": "image/png", "content-length": String(limits.uploadBytes + 1) };
    const response = await post(slug, { body, headers });
    expect(response.status).toBe(413);
    expect(seen.pulled).toBe(false);
  });

  it("answers 413 to a multipart file over the limit", async () => {
    const form = new FormData();
    const big = new Uint8Array(limits.uploadBytes + 1);
    big.set(images.png);
    form.set("file", new Blob([big]), "big.png");
    expect((await post(slug, { body: form })).status).toBe(413);
  });

  it("answers 415 with a message to SVG and anything that is not a raster image", async () => {
    const form = new FormData();
    form.set("file", new Blob(['<svg onload="alert(1)"/>'], { type: "image/png" }), "x.png");
    const response = await post(slug, { body: form });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: expect.stringMatching(/SVG is not accepted/) });
    const raw = await post(slug, { body: "GIF87 not really", headers: { "content-type": "image/gif" } });
    expect(raw.status).toBe(415);
  });

  it("answers 422 with a message to an image declaring more pixels than allowed, multipart or raw", async () => {
    const message =
      "The image is 50,000 × 50,000 pixels. Images may be at most 10,000 pixels on a side and 40 megapixels.";
    const form = new FormData();
    form.set("file", new Blob([declaring("png", 50_000, 50_000)], { type: "image/png" }), "huge.png");
    const multipart = await post(slug, { body: form });
    expect(multipart.status).toBe(422);
    expect(await multipart.json()).toMatchObject({ error: message });

    const raw = await post(slug, {
      body: declaring("lossy webp (VP8)", 12_000, 100),
      headers: { "content-type": "image/webp" },
    });
    expect(raw.status).toBe(422);
    expect(await raw.json()).toMatchObject({ error: expect.stringMatching(/^The image is 12,000 × 100 pixels\./) });
  });

  it("answers 422 to a form without a file", async () => {
    const form = new FormData();
    form.set("file", "just text");
    expect((await post(slug, { body: form })).status).toBe(422);
  });
});

describe("POST /api/events/[slug]/uploads when the bucket cannot be reached", () => {
  it("answers 503 with Retry-After and a message", async () => {
    const store = await startStore("s3");
    vi.resetModules();
    for (const [name, value] of Object.entries(store.environment)) vi.stubEnv(name, value);
    const { POST } = await import("./route");
    await store.stop();
    try {
      const request = new Request(`http://localhost/api/events/${slug}/uploads`, {
        method: "POST",
        body: images.png,
        headers: { "content-type": "image/png" },
      });
      const response = await POST(request, { params: Promise.resolve({ slug }) });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await response.json()).toMatchObject({ error: expect.stringMatching(/image store is unavailable/) });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
