import "server-only";
import { streamChannelOf, type StreamChannel } from "@/lib/shared/reader-channels";

// Which reader's stream a request asks for: GET /api/events/<slug>/stream, with the
// reader's position from Last-Event-ID (or, on a first connection, ?lastEventId=).

export type StreamRequest = { slug: string; lastEventId: string | null; via: StreamChannel };

const streamUrl = /^\/api\/events\/([^/?#]+)\/stream(?:\?([^#]*))?$/;

/**
 * `target` is the request target (path and query); null unless it is a stream's URL
 * with a well-formed slug (a malformed escape is left to the 400 every other URL gets).
 */
export function streamRequestOf(target: string, lastEventIdHeader: string | undefined): StreamRequest | null {
  const match = streamUrl.exec(target);
  if (!match) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
  const query = new URLSearchParams(match[2] ?? "");
  const lastEventId = lastEventIdHeader ?? query.get("lastEventId");
  return { slug, lastEventId, via: streamChannelOf(query.get("via")) };
}
