import "server-only";

// Which reader's stream a request asks for: GET /api/events/<slug>/stream, with the
// reader's position from Last-Event-ID (or, on a first connection, ?lastEventId=). Read
// from node:http's parsed request (lib/server/sse-fast-path.ts), or straight from the
// bytes a reader process's front door read (streamRequestFromHead).

export type StreamRequest = { slug: string; lastEventId: string | null };

const streamUrl = /^\/api\/events\/([^/?#]+)\/stream(?:\?([^#]*))?$/;

/** `target` is the request target (path and query); null unless it is a stream's URL. */
export function streamRequestOf(target: string, lastEventIdHeader: string | undefined): StreamRequest | null {
  const match = streamUrl.exec(target);
  if (!match) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(match[1]!);
  } catch {
    return null; // Next answers malformed URLs as it always does
  }
  const lastEventId = lastEventIdHeader ?? (match[2] ? new URLSearchParams(match[2]).get("lastEventId") : null);
  return { slug, lastEventId };
}

/** Node's default (and ours: scripts/server-worker.ts); longer heads go to node:http for its 431. */
const maxHeadLength = 16 * 1024;
const requestLine = /^GET (\/[\x21-\x7e]*) HTTP\/1\.1$/;
/** RFC 9110's token, and a field value without control characters (obs-text allowed, as llhttp does). */
const fieldName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const fieldValue = /^[\t\x20-\x7e\x80-\xff]*$/;
/** Headers that would make this more than a plain GET with no body. */
const notPlain = new Set(["content-length", "transfer-encoding", "expect", "upgrade"]);

/**
 * The stream a whole request head asks for (`head` as read from the socket, latin1), or
 * null for anything that is not one complete, plain, well-formed HTTP/1.1 GET of a
 * stream's URL: a partial head, a second request behind it, a body, HTTP/1.0, a missing
 * or repeated Host, a folded or malformed line. Those go to node:http, whose parser has
 * the answer for each (a 400, a 431, or a response as usual). Strict on purpose: what it
 * accepts, node:http would have parsed the same way.
 */
export function streamRequestFromHead(head: string): StreamRequest | null {
  if (head.length > maxHeadLength || !head.endsWith("\r\n\r\n")) return null;
  const lines = head.slice(0, -4).split("\r\n");
  const target = requestLine.exec(lines[0]!)?.[1];
  if (target === undefined || !streamUrl.test(target)) return null;
  let hosts = 0;
  let lastEventId: string | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(":");
    // No colon, or an empty line: a second request behind this one.
    if (colon <= 0) return null;
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1);
    if (!fieldName.test(name) || !fieldValue.test(value) || notPlain.has(name)) return null;
    if (name === "host") hosts++;
    if (name === "last-event-id") {
      if (lastEventId !== undefined) return null;
      lastEventId = value.replace(/^[\t ]+|[\t ]+$/g, "");
    }
  }
  return hosts === 1 ? streamRequestOf(target, lastEventId) : null;
}
