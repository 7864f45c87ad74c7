import http from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvent } from "@/lib/events/create-event";
import { publishPost } from "@/lib/posts/publish-post";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { ServerProcess, stopAllServers } from "@/test/server-process";
import { waitUntil } from "@/test/wait";

// The production server's HTML cache (lib/server/page-cache.ts) in two processes that
// share nothing but Postgres: each serves anonymous readers from memory, and each drops
// an event's pages when its own LISTEN connection hears that the event changed.
let a: ServerProcess | undefined;
let b: ServerProcess | undefined;
let owner: TestUser;

beforeAll(async () => {
  [a, b, owner] = await Promise.all([ServerProcess.start(), ServerProcess.start(), makeUser()]);
}, 120_000);

afterAll(async () => {
  await stopAllServers();
});

type Page = { status: number; cache: string | null; html: string; csp: string };

async function get(server: ServerProcess, path: string, headers: Record<string, string> = {}): Promise<Page> {
  const response = await fetch(`${server.url}${path}`, { headers, redirect: "manual" });
  return {
    status: response.status,
    cache: response.headers.get("x-herald-cache"),
    html: await response.text(),
    csp: response.headers.get("content-security-policy") ?? "",
  };
}

function page(response: { headers: http.IncomingHttpHeaders }, html: string): Page {
  const csp = String(response.headers["content-security-policy"] ?? "");
  return { status: 200, cache: String(response.headers["x-herald-cache"]), html, csp };
}

/** The nonces on the page's scripts, and the one its CSP header allows. */
function nonces({ html, csp }: Page) {
  const inBody = new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]!));
  return { inBody, inHeader: /'nonce-([^']+)'/.exec(csp)?.[1] };
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

function jsonLd(html: string): { "@type": string; liveBlogUpdate: { headline: string; articleBody: string }[] } {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  expect(match, "a JSON-LD script").not.toBeNull();
  return JSON.parse(match![1]!);
}

describe("the page cache of the production server", () => {
  it("serves repeat views from memory, each with a nonce of its own that its CSP allows", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "First update" });
    const path = `/e/${event.slug}`;

    const first = await get(a!, path);
    expect(first.status).toBe(200);
    expect(first.cache).toBe("MISS");
    const hits = [await get(a!, path), await get(a!, path)];
    const seen = new Set<string>();
    for (const page of [first, ...hits]) {
      const { inBody, inHeader } = nonces(page);
      expect(inHeader).toBeDefined();
      expect([...inBody]).toEqual([inHeader]); // the body's scripts carry the header's nonce, only it
      seen.add(inHeader!);
    }
    expect(hits.map((h) => h.cache)).toEqual(["HIT", "HIT"]);
    expect(seen.size).toBe(3);
    expect(hits[1]!.html.replaceAll(nonces(hits[1]!).inHeader!, "")).toBe(
      hits[0]!.html.replaceAll(nonces(hits[0]!).inHeader!, ""),
    );
  });

  it("serves a new post from every process once it is published", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "Before" });
    const path = `/e/${event.slug}`;
    for (const server of [a!, b!]) {
      await get(server, path);
      await waitUntil(async () => (await get(server, path)).cache === "HIT", { message: "a cached page" });
    }

    const word = `after-${unique()}`;
    await publishPost(owner, event.id, { body: word, headline: "Breaking" });

    for (const server of [a!, b!]) {
      await waitUntil(async () => (await get(server, path)).html.includes(word), {
        message: `the new post on the server at port ${server.port}`,
      });
      // Cached again, with the new post.
      await waitUntil(async () => (await get(server, path)).cache === "HIT", { message: "a cached page again" });
      const page = await get(server, path);
      expect(page.html).toContain(word);
      const ld = jsonLd(page.html);
      expect(ld["@type"]).toBe("LiveBlogPosting");
      expect(ld.liveBlogUpdate.map((u) => u.articleBody)).toEqual([word, "Before"]);
      expect(ld.liveBlogUpdate[0]!.headline).toBe("Breaking");
    }
  });

  it("never serves signed-in readers, Next's client navigations or other query strings from it", async () => {
    const event = await makeEvent(owner);
    const path = `/e/${event.slug}`;
    await get(a!, path);
    await waitUntil(async () => (await get(a!, path)).cache === "HIT", { message: "a cached page" });

    expect((await get(a!, path, { cookie: "next-auth.session-token=whoever" })).cache).toBeNull();
    expect((await get(a!, path, { rsc: "1" })).cache).toBeNull();
    expect((await get(a!, `${path}?before=xyz`)).cache).toBeNull();
    // Share links' tracking parameters do not change the page.
    expect((await get(a!, `${path}?utm_source=newsletter&fbclid=abc`)).cache).toBe("HIT");
    // A nonce a client sends is not the one it gets.
    const forged = await get(a!, path, { "x-herald-nonce": "AAAAAAAAAAAAAAAAAAAAAA==" });
    expect(nonces(forged).inHeader).not.toBe("AAAAAAAAAAAAAAAAAAAAAA==");
  });

  it("serves its pages gzipped to readers who accept gzip, each with its own nonce, and as they are to others", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "Compressed, once" });
    const path = `/e/${event.slug}`;
    const browser = { "accept-encoding": "gzip, deflate, br, zstd" };

    const miss = await rawGet(b!, path, browser);
    expect(miss.headers["x-herald-cache"]).toBe("MISS");
    const hits = [await rawGet(b!, path, browser), await rawGet(b!, path, { "accept-encoding": "br, gzip;q=0.5" })];
    const plain = [await rawGet(b!, path, {}), await rawGet(b!, path, { "accept-encoding": "gzip;q=0, br" })];
    expect(hits.map((hit) => hit.headers["x-herald-cache"])).toEqual(["HIT", "HIT"]);

    const pages: Page[] = [];
    for (const response of [miss, ...hits]) {
      expect(response.headers["content-encoding"]).toBe("gzip");
      expect(Number(response.headers["content-length"])).toBe(response.body.length);
      pages.push(page(response, gunzipSync(response.body).toString()));
    }
    for (const response of plain) {
      expect(response.headers["content-encoding"]).toBeUndefined();
      pages.push(page(response, response.body.toString()));
    }
    const seen = new Set<string>();
    for (const each of pages) {
      expect(each.html).toContain("Compressed, once");
      const { inBody, inHeader } = nonces(each);
      expect([...inBody]).toEqual([inHeader]);
      seen.add(inHeader!);
    }
    expect(seen.size).toBe(pages.length);
    // Gzipped or not, the same page but for its nonce.
    const bare = pages.map((each) => each.html.replaceAll(nonces(each).inHeader!, ""));
    expect(new Set(bare).size).toBe(1);
    // A cache between us and the reader must keep the two apart.
    for (const response of [...hits, ...plain]) expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(hits[0]!.body.length).toBeLessThan(plain[0]!.body.length / 3);
  });

  it("keeps drafts and unknown events out of it", async () => {
    const draft = await createEvent(owner, { title: "Draft", slug: `draft-${unique()}`, description: "", draft: true });
    for (const path of [`/e/${draft.slug}`, `/e/${draft.slug}`, `/e/missing-${unique()}`]) {
      const page = await get(a!, path);
      expect(page.status).toBe(404);
      expect(page.cache).not.toBe("HIT");
    }
  });
});
