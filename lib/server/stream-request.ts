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
/**
 * Header lines, each ending in CRLF: RFC 9110's token, a colon, and a field value without
 * control characters (obs-text allowed, as llhttp does). No empty name, no folding, no
 * bare CR or LF. One pass over the whole block: a browser's head has a dozen lines.
 */
const wellFormedFields = /^(?:[!#$%&'*+.^_`|~0-9A-Za-z-]+:[\t\x20-\x7e\x80-\xff]*\r\n)*$/;
/** Headers that would make this more than a plain GET with no body. */
const notPlain = /^(?:content-length|transfer-encoding|expect|upgrade):/im;
const hostField = /^host:/gim;
const lastEventIdField = /^last-event-id:[\t ]*(.*?)[\t ]*\r$/gim;

/**
 * The stream a whole request head asks for (`head` as read from the socket, latin1), or
 * null for anything that is not one complete, plain, well-formed HTTP/1.1 GET of a
 * stream's URL: a partial head, a second request behind it, a body, HTTP/1.0, a missing
 * or repeated Host, a folded or malformed line. Those go to node:http, whose parser has
 * the answer for each (a 400, a 431, or a response as usual). Strict on purpose: what it
 * accepts, node:http would have parsed the same way. Every reader's connection passes
 * through here, so it reads the head with a few whole-block regular expressions rather
 * than a string per line.
 */
export function streamRequestFromHead(head: string): StreamRequest | null {
  if (head.length > maxHeadLength || !head.endsWith("\r\n\r\n")) return null;
  const lineEnd = head.indexOf("\r\n");
  const target = requestLine.exec(head.slice(0, lineEnd))?.[1];
  if (target === undefined || !streamUrl.test(target)) return null;
  // The fields, each with its CRLF; the blank line's CRLF is left off. A blank line
  // before the end is a second request behind this one, and fails to match.
  const fields = head.slice(lineEnd + 2, -2);
  if (!wellFormedFields.test(fields) || notPlain.test(fields)) return null;
  if (fields.match(hostField)?.length !== 1) return null;
  const lastEventIds = [...fields.matchAll(lastEventIdField)];
  if (lastEventIds.length > 1) return null;
  return streamRequestOf(target, lastEventIds[0]?.[1]);
}
