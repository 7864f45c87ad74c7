import "server-only";
import * as poll from "./poll-handlers";
import * as reaction from "./reaction-handlers";

// Readers' reactions and votes, and the poll as one reader sees it: the route handlers
// under app/api/events/[slug]/posts/[id]/ re-export these, and the stream tier answers the
// same paths with them itself (runtime/front-door/reader-writes.ts), so a storm of votes
// costs no hop to Next.js and no Next.js request pipeline. Their domain code runs on
// lib/sql.ts alone: the stream tier never loads Prisma (docs/performance.md). Questions,
// which need Prisma and come at a reader's typing speed, go to the reader tier.

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Handlers = Partial<Record<"GET" | "POST" | "DELETE", Handler>>;

const routes: { path: RegExp; handlers: Handlers }[] = [
  { path: /^\/api\/events\/([^/]+)\/posts\/([^/]+)\/reactions\/?$/, handlers: reaction as Handlers },
  { path: /^\/api\/events\/([^/]+)\/posts\/([^/]+)\/poll\/?$/, handlers: poll as Handlers },
];

export type ReaderWrite = { handler: Handler; params: Record<string, string> };

/**
 * The handler for a reader's request, with its path's parameters decoded as Next.js
 * decodes them; null when it is not one (another path, or a method the path does not
 * take: Next.js answers those). `pathname` has passed `badPathMessage`.
 */
export function matchReaderWrite(method: string, pathname: string): ReaderWrite | null {
  for (const { path, handlers } of routes) {
    const match = path.exec(pathname);
    if (!match) continue;
    const handler = handlers[method as keyof Handlers];
    if (!handler) return null;
    const [slug, id] = match.slice(1).map((part) => decodeURIComponent(part));
    return { handler, params: id === undefined ? { slug: slug! } : { slug: slug!, id } };
  }
  return null;
}
