import "server-only";
import crypto from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import http from "node:http";
import zlib from "node:zlib";
import CachePolicy from "http-cache-semantics";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { hearingChanges, watchChanges } from "@/lib/realtime/change-watchers";
import { streamEvent } from "@/lib/realtime/stream-event";
import { isHttps } from "@/lib/security/client-address";
import { buildContentSecurityPolicy } from "@/lib/security/csp";
import { sharedRenderHeader, sharedRenderToken } from "@/lib/security/shared-render";
import type { BackendPool } from "./backends";
import { agent, unavailable } from "./forward";
import { inlineScriptHashes } from "./script-hashes";

/**
 * The stream tier's HTTP cache for anonymous public pages, doing what a standard shared
 * cache (nginx's proxy_cache, a CDN) does with the Cache-Control the app sends
 * (lib/shared/shared-pages.ts): fresh for s-maxage, then served stale while one request
 * renders it again, with RFC 9111's rules from http-cache-semantics. Beyond that it only:
 * - asks Next.js for the page once for everyone (a shared render: no nonce) and sets its
 *   CSP from the hashes of the page's own inline scripts;
 * - compresses it once (gzip) when it stores it, and answers If-None-Match;
 * - lets concurrent misses share one render;
 * - drops an event's pages (and the home page) when this process hears a change of that
 *   event, and everything when it stops hearing changes: a reader sees a new post on the
 *   next view, not only after s-maxage.
 * Like nginx, it ignores a client's Cache-Control: a crowd pressing reload costs no renders.
 */
export class SharedCache {
  private readonly entries = new Map<string, Entry>();
  private readonly fills = new Map<string, Promise<Entry>>();
  private bytes = 0;

  constructor(
    private readonly pool: BackendPool,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {
    watchChanges({ changed: (eventId) => this.drop(eventId), listening: () => this.clear() });
  }

  async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const key = request.url ?? "/";
    const asked = { url: key, method: "GET", headers: renderHeaders(request) };
    let entry = this.entries.get(key);
    let state: "HIT" | "STALE" | "MISS" = "HIT";
    if (entry) {
      const { revalidation } = entry.policy.evaluateRequest(asked);
      if (revalidation?.synchronous) entry = undefined;
      else if (revalidation) {
        state = "STALE"; // stale-while-revalidate: this answer now, a fresh render for the next
        void this.fill(key, request).catch(() => {});
      }
    }
    if (!entry) {
      state = "MISS";
      try {
        entry = await this.fill(key, request);
      } catch (error) {
        logger().warn({ err: error, path: key.split("?", 1)[0] }, "shared cache: could not render");
        const stale = this.entries.get(key);
        if (!stale) return unavailable(response, "The page could not be rendered just now; try again in a moment.");
        entry = stale; // stale-if-error: a page a moment old beats none
        state = "STALE";
      }
    }
    send(request, response, entry, state);
  }

  /** One render per key at a time; stored when its Cache-Control allows. */
  private fill(key: string, request: IncomingMessage): Promise<Entry> {
    let pending = this.fills.get(key);
    if (!pending) {
      pending = Promise.all([render(this.pool, key, request), eventIdOf(key)]).then(([entry, eventId]) => {
        entry.eventId = eventId;
        // While it cannot hear changes, nothing is kept: it could not know when to drop it.
        if (hearingChanges() && entry.policy.storable() && !entry.headers["set-cookie"]) this.store(key, entry);
        return entry;
      });
      const settled = () => this.fills.delete(key);
      pending.then(settled, settled);
      this.fills.set(key, pending);
    }
    return pending;
  }

  private store(key: string, entry: Entry): void {
    this.remove(key);
    this.entries.set(key, entry);
    this.bytes += entry.size;
    // Oldest first out (a Map iterates in insertion order).
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.size;
    this.entries.delete(key);
  }

  /** A change of this event: its pages, and those of no one event (the home page), are stale. */
  private drop(eventId: string): void {
    for (const [key, entry] of this.entries) if (entry.eventId === eventId || entry.eventId === null) this.remove(key);
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

type Entry = {
  policy: CachePolicy;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  gzip: Buffer | null;
  etag: string;
  size: number;
  /** The event the page shows (from its URL); null for a page of none (the home page), "build" for Next's build files. */
  eventId: string | null;
};

const eventPath = /^\/(?:e|embed)\/([^/?]+)/;

/**
 * The event behind a page's URL, from the stream tier's one-second lookup cache (one query
 * per render at most, none per request); "unknown" for an address of no event yet, so
 * that only its s-maxage bounds it.
 */
async function eventIdOf(key: string): Promise<string | null> {
  if (key.startsWith("/_next/static/")) return "build"; // of no event, and never changed by one
  const slug = eventPath.exec(key)?.[1];
  if (!slug) return null;
  const event = await streamEvent(decodeURIComponent(slug)).catch(() => null);
  return event?.id ?? "unknown";
}

/** What is not passed on from Next's response: hop-by-hop, and what the cache sets itself. */
const dropped = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "date",
  "etag",
  "age",
  "content-security-policy",
]);

/**
 * The one request a page is rendered for, whoever asked: no cookies, no client headers, no
 * nonce; encoding is the cache's business. Entries are weighed against it too (so Next's
 * Vary, on headers a shareable request never has, always matches).
 */
function renderHeaders(request: IncomingMessage): IncomingHttpHeaders {
  return {
    host: request.headers.host,
    accept: "text/html",
    "accept-encoding": "identity",
    // Named, so that Next puts the page's metadata in its <head> (htmlLimitedBots, next.config.ts).
    "user-agent": "Herald shared render",
    [sharedRenderHeader]: sharedRenderToken(env().NEXTAUTH_SECRET),
  };
}

/** Renders `key` on a reader process (another, once, if the first is gone). */
function render(pool: BackendPool, key: string, request: IncomingMessage, retry = true): Promise<Entry> {
  const backend = pool.pick("reader");
  if (!backend) return Promise.reject(new Error("no Next.js process is ready"));
  const headers = renderHeaders(request);
  return new Promise((resolve, reject) => {
    const upstream = http.request(`${backend.url}${key}`, { method: "GET", headers, agent }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("error", reject);
      answer.on("end", () => resolve(entryOf(key, headers, answer, Buffer.concat(chunks))));
    });
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "ECONNREFUSED" || !retry) return reject(error);
      pool.markDown(backend);
      render(pool, key, request, false).then(resolve, reject);
    });
    upstream.end();
  });
}

function entryOf(key: string, asked: IncomingHttpHeaders, answer: IncomingMessage, body: Buffer): Entry {
  const status = answer.statusCode ?? 502;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined && !dropped.has(name)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const type = headers["content-type"] ?? "";
  const pathname = key.split("?", 1)[0]!;
  if (type.startsWith("text/html")) {
    const hashes = inlineScriptHashes(body.toString("utf8"));
    headers["content-security-policy"] = buildContentSecurityPolicy({
      scripts: { hashes },
      pathname,
      embedOrigins: env().embedOrigins,
    });
  }
  const policy = new CachePolicy(
    { url: key, method: "GET", headers: asked },
    { status, headers: answer.headers },
    { shared: true },
  );
  const gzip =
    body.length > 1024 && /^(text\/|application\/(json|xml|atom|javascript))/.test(type) ? zlib.gzipSync(body) : null;
  const etag = `"${crypto.createHash("sha1").update(body).digest("base64url")}"`;
  const size = body.length + (gzip?.length ?? 0) + 1024;
  return { policy, status, headers, body, gzip, etag, size, eventId: null };
}

/** `state`, as X-Cache: HIT (fresh from memory), STALE (served while it renders again), MISS (rendered for this request). */
function send(request: IncomingMessage, response: ServerResponse, entry: Entry, state: string): void {
  const headers: Record<string, string> = {
    ...entry.headers,
    "x-cache": state,
    etag: entry.etag,
    age: String(Math.floor(entry.policy.age())),
    // Next's own Vary (its client navigations ask the same URL for other content) and ours.
    vary: /accept-encoding/i.test(entry.headers.vary ?? "")
      ? entry.headers.vary!
      : [entry.headers.vary, "Accept-Encoding"].filter(Boolean).join(", "),
  };
  if (isHttps(toHeaders(request.headers), env().HERALD_TRUST_PROXY)) {
    headers["strict-transport-security"] = "max-age=63072000; includeSubDomains";
  }
  if (request.headers["if-none-match"] === entry.etag && entry.status === 200) {
    response.writeHead(304, headers).end();
    return;
  }
  const gzip = entry.gzip && acceptsGzip(request.headers["accept-encoding"]);
  const body = gzip ? entry.gzip! : entry.body;
  if (gzip) headers["content-encoding"] = "gzip";
  headers["content-length"] = String(body.length);
  response.writeHead(entry.status, headers);
  response.end(request.method === "HEAD" ? undefined : body);
}

/** gzip listed, and not refused with q=0. */
function acceptsGzip(header: string | undefined): boolean {
  const gzip = header?.split(",").find((part) => part.trim().toLowerCase().startsWith("gzip"));
  return gzip !== undefined && !/;\s*q=0(\.0*)?\s*$/.test(gzip);
}

function toHeaders(headers: IncomingHttpHeaders): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === "string") result.set(name, value);
  }
  return result;
}
