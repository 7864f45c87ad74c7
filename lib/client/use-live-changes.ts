import { useEffect, useEffectEvent, useState } from "react";
import type { StreamChannel } from "@/lib/shared/reader-channels";
import type { ChangeMessage } from "@/lib/shared/types";
import { LiveConnection, type LiveStatus } from "./live-connection";

export type { LiveStatus };

/**
 * Follows an event from `fromSeq` (the sequence the page was rendered at) and hands every
 * change to `onChange` once, in order. An event that had already ended when the page was
 * rendered opens no connection at all.
 */
export function useLiveChanges(
  slug: string,
  fromSeq: number,
  ended: boolean,
  onChange: (change: ChangeMessage) => void,
  via: StreamChannel = "page",
): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>(ended ? { state: "ended" } : { state: "connecting" });
  const deliver = useEffectEvent(onChange);

  useEffect(() => {
    if (ended) return;
    const connection = new LiveConnection({ slug, fromSeq, onChange: deliver, onStatus: setStatus, via });
    connection.start();
    return () => connection.stop();
  }, [slug, fromSeq, ended, via]);

  return status;
}
