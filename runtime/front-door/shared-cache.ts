import "server-only";
import crypto from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import http from "node:http";
import zlib from "node:zlib";
import CachePolicy from "http-cache-semantics";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { hearingChanges, watchChanges } from "@/lib/realtime/change-watchers";
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
 * - drops everything when this process hears a change, or stops hearing changes, so a
 *   page is stale for at most its s-maxage even across an event's updates.
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
    watchChanges({ changed: () => this.clear(), listening: () => this.clear() });
  }

  async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const key = request.url ?? "/";
    const asked = standardRequest(request);
    let entry = this.entries.get(key);
    if (entry) {
      const { revalidation } = entry.policy.evaluateRequest(asked);
      if (revalidation?.synchronous) entry = undefined;
      else if (revalidation) void this.fill(key, request).catch(() => {}); // stale-while-revalidate
    }
    if (!entry) {
      try {
        entry = await this.fill(key, request);
      } catch (error) {
        logger().warn({ err: error, path: key.split("?", 1)[0] }, "shared cache: could not render");
        return unavailable(response, "The page could not be rendered just now; try again in a moment.");
      }
    }
    send(request, response, entry);
  }

  /** One render per key at a time; stored when its Cache-Control allows. */
  private fill(key: string, request: IncomingMessage): Promise<Entry> {
    let pending = this.fills.get(key);
    if (!pending) {
      pending = render(this.pool, key, request).then((entry) => {
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
};

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
  "vary",
  "content-security-policy",
]);

/** Renders `key` once for everyone on a reader process: no cookies, no client headers, no nonce. */
function render(pool: BackendPool, key: string, request: IncomingMessage): Promise<Entry> {
  const backend = pool.pick("reader");
  if (!backend) return Promise.reject(new Error("no Next.js process is ready"));
  const headers: IncomingHttpHeaders = {
    host: request.headers.host,
    accept: "text/html",
    "accept-encoding": "identity",
    [sharedRenderHeader]: sharedRenderToken(env().NEXTAUTH_SECRET),
  };
  return new Promise((resolve, reject) => {
    const upstream = http.request(`${backend.url}${key}`, { method: "GET", headers, agent }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("error", reject);
      answer.on("end", () => resolve(entryOf(key, headers, answer, Buffer.concat(chunks))));
    });
    upstream.on("error", reject);
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
  const gzip = body.length > 1024 && /^(text\/|application\/(json|xml|atom))/.test(type) ? zlib.gzipSync(body) : null;
  const etag = `"${crypto.createHash("sha1").update(body).digest("base64url")}"`;
  return { policy, status, headers, body, gzip, etag, size: body.length + (gzip?.length ?? 0) + 1024 };
}

/** The request as a standard shared cache weighs it: the client's own Cache-Control is ignored (as nginx does). */
function standardRequest(request: IncomingMessage) {
  const headers = { ...request.headers };
  delete headers["cache-control"];
  delete headers.pragma;
  return { url: request.url ?? "/", method: request.method ?? "GET", headers };
}

function send(request: IncomingMessage, response: ServerResponse, entry: Entry): void {
  const headers: Record<string, string> = {
    ...entry.headers,
    etag: entry.etag,
    age: String(Math.floor(entry.policy.age())),
    vary: "Accept-Encoding",
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
