import crypto from "node:crypto";
import http from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvent } from "@/lib/events/create-event";
import { goLive } from "@/lib/events/set-event-status";
import { publishPost } from "@/lib/posts/publish-post";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { ServerProcess, stopAllServers } from "@/test/server-process";
import { sleep, waitUntil } from "@/test/wait";

// The stream tier's shared cache (runtime/front-door/shared-cache.ts) on two boxes that
// share nothing but Postgres: each keeps anonymous public pages as a standard shared cache
// would (s-maxage, stale-while-revalidate), rendered once without a nonce and allowed by
// the hashes of their inline scripts, and each drops them when it hears a change.
let a: ServerProcess | undefined;
let b: ServerProcess | undefined;
let owner: TestUser;

beforeAll(async () => {
  [a, b, owner] = await Promise.all([ServerProcess.start(), ServerProcess.start(), makeUser()]);
}, 180_000);

afterAll(async () => {
  await stopAllServers();
});

type Page = { status: number; cache: string | null; html: string; csp: string; headers: Headers };

async function get(server: ServerProcess, path: string, headers: Record<string, string> = {}): Promise<Page> {
  const response = await fetch(`${server.url}${path}`, { headers, redirect: "manual" });
  return {
    status: response.status,
    cache: response.headers.get("x-cache"),
    html: await response.text(),
    csp: response.headers.get("content-security-policy") ?? "",
    headers: response.headers,
  };
}

/** A GET with exactly these headers (fetch would add Accept-Encoding and undo the gzip). */
function rawGet(server: ServerProcess, path: string, headers: Record<string, string>) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${server.url}${path}`, { headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

/** The sha256 of each inline script of the page, as a CSP lists them. */
function inlineHashes(html: string): Set<string> {
  const scripts = [...html.matchAll(/<script\b(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => !m[1]!.includes('type="application/ld+json"')) // data, never run
    .map((m) => m[2]!);
  return new Set(scripts.map((text) => `'sha256-${crypto.createHash("sha256").update(text).digest("base64")}'`));
}

function scriptSources(csp: string): string[] {
  return /script-src ([^;]*)/.exec(csp)![1]!.split(" ");
}

describe("the shared cache of the stream tier", () => {
  it("keeps an anonymous event page as one HTML for all: no nonce, its own scripts allowed by hash", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "First update" });
    const path = `/e/${event.slug}`;

    const first = await get(a!, path);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toMatch(/^public, .*s-maxage=\d+.*stale-while-revalidate=\d+/);
    expect(first.headers.get("etag")).toMatch(/^"[\w-]+"$/);
    expect(first.html).not.toMatch(/nonce="/);
    const allowed = scriptSources(first.csp);
    expect(allowed).not.toContain("'strict-dynamic'");
    expect(allowed.some((source) => source.startsWith("'nonce-"))).toBe(false);
    const hashes = inlineHashes(first.html);
    expect(hashes.size).toBeGreaterThan(0);
    expect(new Set(allowed.filter((source) => source.startsWith("'sha256-")))).toEqual(hashes);

    // Once the post's own notification has come and gone, the page stays.
    await waitUntil(async () => (await get(a!, path)).cache === "HIT", { message: "a cached page", timeoutMs: 30_000 });
    const again = await get(a!, path);
    expect(again.html).toBe(first.html);
    expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
    const notModified = await fetch(`${a!.url}${path}`, { headers: { "if-none-match": first.headers.get("etag")! } });
    expect(notModified.status).toBe(304);
  });

  it("serves a new post from every box once it is published", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "Before" });
    const path = `/e/${event.slug}`;
    for (const server of [a!, b!]) {
      await get(server, path);
      await waitUntil(async () => (await get(server, path)).cache === "HIT", {
        message: "a cached page",
        timeoutMs: 30_000,
      });
    }
    const word = `after-${unique()}`;
    await publishPost(owner, event.id, { body: word, headline: "Breaking" });
    for (const server of [a!, b!]) {
      await waitUntil(async () => (await get(server, path)).html.includes(word), {
        message: `the new post on the box at port ${server.port}`,
        timeoutMs: 30_000,
      });
    }
  });

  it("never answers signed-in readers or Next's client navigations from it: they get a nonce of their own", async () => {
    const event = await makeEvent(owner);
    const path = `/e/${event.slug}`;
    await get(a!, path);
    const asked: Record<string, string>[] = [{ cookie: "next-auth.session-token=whoever" }, { rsc: "1" }];
    for (const headers of asked) {
      const page = await get(a!, path, headers);
      expect(page.cache).toBeNull();
      expect(page.headers.get("cache-control") ?? "").not.toMatch(/public/);
      expect(scriptSources(page.csp).some((source) => source.startsWith("'nonce-"))).toBe(true);
    }
    // A client cannot ask for a shared render itself.
    const forged = await get(a!, `${path}?forged=1`, { "x-herald-shared-render": "anything" });
    expect(forged.csp).toMatch(/'sha256-|'nonce-/);
  });

  it("sends its pages gzipped to readers who accept gzip, and as they are to others", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "Compressed, once" });
    const path = `/e/${event.slug}`;
    const zipped = await rawGet(b!, path, { "accept-encoding": "gzip, deflate, br, zstd" });
    const refused = await rawGet(b!, path, { "accept-encoding": "gzip;q=0, br" });
    const plain = await rawGet(b!, path, {});
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    for (const response of [refused, plain]) expect(response.headers["content-encoding"]).toBeUndefined();
    expect(gunzipSync(zipped.body).toString()).toBe(plain.body.toString());
    expect(plain.body.toString()).toContain("Compressed, once");
    for (const response of [zipped, refused, plain]) expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 3);
  });

  it("keeps Next's build files, gzipped, across changes of every event", async () => {
    const html = (await get(b!, "/sign-in")).html;
    const asset = /\/_next\/static\/[^"']+\.js/.exec(html)![0];
    await rawGet(b!, asset, {});
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "A change of some event" });
    await sleep(500);
    const again = await rawGet(b!, asset, { "accept-encoding": "gzip" });
    expect(again.headers["x-cache"]).toBe("HIT");
    expect(again.headers["cache-control"]).toMatch(/immutable/);
    expect(again.headers["content-encoding"]).toBe("gzip");
  });

  it("shows a draft event once it goes live, and never an unknown one", async () => {
    const draft = await createEvent(owner, { title: "Draft", slug: `draft-${unique()}`, description: "", draft: true });
    expect((await get(a!, `/e/${draft.slug}`)).status).toBe(404);
    expect((await get(a!, `/e/missing-${unique()}`)).status).toBe(404);
    await goLive(owner, draft.id);
    await waitUntil(async () => (await get(a!, `/e/${draft.slug}`)).status === 200, {
      message: "the event page once live",
      timeoutMs: 30_000,
    });
  });
});
