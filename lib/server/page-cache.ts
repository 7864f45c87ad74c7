// An HTML micro-cache in front of Next, in the production server only
// (scripts/server-worker.ts), so that a crowd opening an event page costs Postgres one
// render per change per process instead of one per view. Why not Next's own caches: a
// page with CSP nonces must be rendered per request, and revalidateTag() works only inside
// a request and within one process. docs/performance.md (the page spike) explains more.
//
// - What: anonymous GETs of public pages that read an event (/e/<slug>, its feed,
//   permalinks, the embed), keyed by path. Anyone with a session, or any cookie we do not
//   know to be harmless, or a Next client-navigation request, goes straight to Next.
// - Fresh: every response records the events it read (findEventBySlug → tagResponse);
//   this process's LISTEN connection drops the pages of an event the moment it changes.
//   While that connection is down nothing is served from here.
// - Single flight: concurrent misses for one page share one render.
// - Nonces: a render for the cache carries a per-process secret placeholder nonce, and
//   every response made from it gets a fresh nonce in its body and CSP header.
// - Gzip, as Next gives what it renders itself: compressed once when the page is cached,
//   around the nonces (gzip-template.ts), so a response costs a CRC, not a compression.
//
// No `import "server-only"`: see page-invalidation.ts.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { captureResponse, type Captured, type Render } from "./capture-response";
import { acceptsGzip, gzipJoin, gzipTemplate, type GzipTemplate } from "./gzip-template";
import { newNonce, nonceHeader, setRequestNonce, trustServerNonces } from "./nonce";
import { collectTags, isListening, subscribeToInvalidations } from "./page-invalidation";

export type PageCacheOptions = {
  /** Next's request handler. */
  render: Render;
  /** The Host header of renders for the cache (never a client's: it could shape the page). */
  host: string;
  maxEntries?: number;
  /** A backstop: nothing stays longer, whatever the notifications say. */
  maxAgeMs?: number;
  /** A render slower than this is abandoned by the crowd waiting on it: each renders its own. */
  fillTimeoutMs?: number;
};

const pagePath = /^\/(?:e\/[a-z0-9-]{1,80}(?:\/feed\.xml|\/p\/[A-Za-z0-9_-]{1,64})?|embed\/[a-z0-9-]{1,80})$/;
// Share links carry these; they do not change the page, and a crowd from one share
// must not become a crowd of misses.
const ignoredParam = /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref)$/;
// next-auth's cookies that do not mean "signed in".
const harmlessCookie = /^(__Host-|__Secure-)?next-auth\.(csrf-token|callback-url)$/;
// Client navigations and server actions ask Next for something other than the HTML page.
const nextRequestHeaders = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-action", "next-url"];
const perResponseHeaders = new Set(["content-length", "transfer-encoding", "connection", "keep-alive", "date"]);

/** The cache key of a request (its path), or null when it must go to Next. */
export function cacheKey(request: IncomingMessage): string | null {
  if (request.method !== "GET") return null;
  const url = request.url ?? "";
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  if (!pagePath.test(path)) return null;
  if (query !== -1) {
    for (const name of new URLSearchParams(url.slice(query + 1)).keys()) if (!ignoredParam.test(name)) return null;
  }
  for (const name of nextRequestHeaders) if (request.headers[name] !== undefined) return null;
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const name = part.split("=")[0]!.trim();
    if (name && !harmlessCookie.test(name)) return null;
  }
  return path;
}

/**
 * A rendered page, the placeholder nonce cut out: `parts` join with a fresh one. `gzip`
 * is their compressed form, for text worth compressing.
 */
type Page = {
  status: number;
  headers: OutgoingHttpHeaders;
  parts: Buffer[];
  gzip: GzipTemplate | null;
  tags: string[];
  storedAt: number;
};

/** Smaller bodies gain less than gzip's own 18 bytes and a block header cost. */
const minGzipBytes = 1_024;
const compressible = /^(text\/|application\/(?:[a-z.+-]*\+)?(?:xml|json)\b)/;

export type PageCacheStats = { hits: number; shared: number; renders: number; bypassed: number };

export class PageCache {
  private readonly entries = new Map<string, Page>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly fills = new Map<string, Promise<Page | null>>();
  /** Counts invalidations; a render that saw one of its tags (or all) bumped is not kept. */
  private clock = 0;
  private running = 0;
  private allInvalidatedAt = 0;
  private readonly tagInvalidatedAt = new Map<string, number>();
  private readonly placeholder = newNonce();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly fillTimeoutMs: number;
  readonly stats: PageCacheStats = { hits: 0, shared: 0, renders: 0, bypassed: 0 };
  readonly close: () => void;

  constructor(private readonly options: PageCacheOptions) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
    this.fillTimeoutMs = options.fillTimeoutMs ?? 10_000;
    trustServerNonces();
    this.close = subscribeToInvalidations({
      invalidate: (tag) => this.invalidate(tag),
      invalidateAll: () => this.invalidateAll(),
    });
  }

  /** Serves a request from the cache, or hands it to Next with a fresh nonce. */
  handle(request: IncomingMessage, response: ServerResponse): void {
    const key = isListening() ? cacheKey(request) : null;
    if (!key) return this.bypass(request, response);
    const page = this.entries.get(key);
    if (page && Date.now() - page.storedAt < this.maxAgeMs) {
      this.entries.delete(key); // most recently used goes last
      this.entries.set(key, page);
      this.stats.hits++;
      return this.send(page, request, response, "HIT");
    }
    if (page) this.remove(key);
    let fill = this.fills.get(key);
    if (!fill) {
      fill = this.fill(key);
      const started = fill;
      this.fills.set(key, started);
      void started.finally(() => this.fills.get(key) === started && this.fills.delete(key)).catch(() => {});
    } else {
      this.stats.shared++;
    }
    fill.then(
      (shared) => (shared ? this.send(shared, request, response, "MISS") : this.bypass(request, response)),
      () => this.bypass(request, response),
    );
  }

  private bypass(request: IncomingMessage, response: ServerResponse): void {
    this.stats.bypassed++;
    setRequestNonce(request, newNonce()); // and never a value the client sent
    void this.options.render(request, response);
  }

  /** One render for everyone who asks meanwhile; kept if nothing it read changed since it began. */
  private async fill(key: string): Promise<Page | null> {
    this.stats.renders++;
    const began = this.clock;
    const tags = new Set<string>();
    const headers = { host: this.options.host, accept: "text/html", [nonceHeader]: this.placeholder };
    this.running++;
    const captured = await withTimeout(
      collectTags(tags, () => captureResponse(this.options.render, key, headers)),
      this.fillTimeoutMs,
    ).finally(() => this.running--);
    // A response that sets a cookie belongs to one client only.
    if (captured.headers["set-cookie"] !== undefined) return null;
    const page = this.toPage(captured, [...tags]);
    // An HTML page without our placeholder would give every reader the same nonce.
    const html = String(captured.headers["content-type"] ?? "").startsWith("text/html");
    if (html && page.parts.length === 1) {
      console.error(`[herald] ${key} was rendered without the page cache's nonce; not caching it`);
      return null;
    }
    if (captured.status === 200 && this.stillFresh(page.tags, began)) this.store(key, page);
    return page;
  }

  private stillFresh(tags: string[], began: number): boolean {
    if (tags.length === 0 || !isListening() || this.allInvalidatedAt > began) return false;
    return tags.every((tag) => (this.tagInvalidatedAt.get(tag) ?? 0) <= began);
  }

  private toPage({ status, headers, body }: Captured, tags: string[]): Page {
    const kept: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(headers)) if (!perResponseHeaders.has(name)) kept[name] = value;
    const parts = split(body, Buffer.from(this.placeholder));
    const worthIt =
      body.length >= minGzipBytes &&
      headers["content-encoding"] === undefined &&
      compressible.test(String(headers["content-type"] ?? ""));
    if (worthIt) kept.vary = withVary(kept.vary, "Accept-Encoding");
    const gzip = worthIt ? gzipTemplate(parts, this.placeholder.length) : null;
    return { status, headers: kept, parts, gzip, tags, storedAt: Date.now() };
  }

  private send(page: Page, request: IncomingMessage, response: ServerResponse, how: "HIT" | "MISS"): void {
    if (response.destroyed) return;
    const nonce = newNonce();
    const filler = Buffer.from(nonce);
    const gzip = page.gzip && acceptsGzip(request.headers["accept-encoding"]) ? page.gzip : null;
    const body = gzip
      ? gzipJoin(gzip, page.parts, filler)
      : Buffer.concat(page.parts.flatMap((part, i) => (i === 0 ? [part] : [filler, part])));
    const headers: OutgoingHttpHeaders = { "x-herald-cache": how, "content-length": body.length };
    if (gzip) headers["content-encoding"] = "gzip";
    for (const [name, value] of Object.entries(page.headers)) {
      headers[name] = typeof value === "string" ? value.replaceAll(this.placeholder, nonce) : value;
    }
    response.writeHead(page.status, headers);
    response.end(body);
  }

  private store(key: string, page: Page): void {
    this.remove(key);
    this.entries.set(key, page);
    for (const tag of page.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    while (this.entries.size > this.maxEntries) this.remove(this.entries.keys().next().value!);
  }

  private remove(key: string): void {
    const page = this.entries.get(key);
    if (!page) return;
    this.entries.delete(key);
    for (const tag of page.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }

  private invalidate(tag: string): void {
    for (const key of [...(this.byTag.get(tag) ?? [])]) this.remove(key);
    this.changed();
    this.tagInvalidatedAt.set(tag, this.clock);
  }

  private invalidateAll(): void {
    this.entries.clear();
    this.byTag.clear();
    this.changed();
    this.allInvalidatedAt = this.clock;
  }

  /**
   * Something changed: requests from now on must not join a render that began before it
   * (those renders still answer the requests already waiting, which came before the change).
   * With no render running, no render can have begun before an earlier change: forget them.
   */
  private changed(): void {
    this.clock++;
    this.fills.clear();
    if (this.running === 0) this.tagInvalidatedAt.clear();
  }
}

/** A Vary header's value that names `field` (once), whatever it named before. */
function withVary(vary: OutgoingHttpHeaders[string], field: string): string {
  const named = (Array.isArray(vary) ? vary.join(",") : String(vary ?? ""))
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (named.includes("*") || named.some((name) => name.toLowerCase() === field.toLowerCase())) return named.join(", ");
  return [...named, field].join(", ");
}

/** `body` cut at every occurrence of `separator`. */
function split(body: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(separator); at !== -1; at = body.indexOf(separator, from)) {
    parts.push(body.subarray(from, at));
    from = at + separator.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The page render took over ${ms} ms.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
