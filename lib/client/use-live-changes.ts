import { useEffect, useEffectEvent, useState } from "react";
import type { ChangeKind, ChangeMessage } from "@/lib/shared/types";

export type LiveStatus = "connecting" | "live" | "reconnecting" | "offline";

const kinds: ChangeKind[] = ["post.published", "post.updated", "post.deleted", "event.updated", "ended"];

/**
 * Follows an event's SSE stream from `fromSeq` (the sequence the page was rendered at)
 * and hands every change to `onChange` once, in order. EventSource reconnects by itself
 * and sends Last-Event-ID, which the server prefers over the `lastEventId` query.
 */
export function useLiveChanges(slug: string, fromSeq: number, onChange: (change: ChangeMessage) => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const deliver = useEffectEvent(onChange);

  useEffect(() => {
    let lastSeq = fromSeq;
    const source = new EventSource(`/api/events/${encodeURIComponent(slug)}/stream?lastEventId=${fromSeq}`);
    const receive = (message: MessageEvent<string>) => {
      const seq = Number(message.lastEventId);
      if (!Number.isSafeInteger(seq) || seq <= lastSeq) return; // already applied
      lastSeq = seq;
      const data = JSON.parse(message.data) as Omit<ChangeMessage, "seq" | "type">;
      deliver({ ...data, seq, type: message.type as ChangeKind });
    };
    for (const kind of kinds) source.addEventListener(kind, receive);
    // The server could not resume us from where we are: start over from a fresh page.
    source.addEventListener("reset", () => window.location.reload());
    source.onopen = () => setStatus("live");
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "offline" : "reconnecting");
    return () => source.close();
  }, [slug, fromSeq]);

  return status;
}
