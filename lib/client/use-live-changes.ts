import { useEffect, useEffectEvent, useState } from "react";
import type { PollResults } from "@/lib/shared/polls";
import type { ReactionTotals } from "@/lib/shared/reactions";
import type { StreamChannel } from "@/lib/shared/reader-channels";
import type { ChangeMessage } from "@/lib/shared/types";
import { LiveConnection, type LiveStatus } from "./live-connection";

export type { LiveStatus };

/**
 * Follows an event from `fromSeq` (the sequence the page was rendered at) and hands every
 * change to `onChange` once, in order. An event that had already ended when the page was
 * rendered opens no connection at all. `via` names the page for the desk's analytics;
 * `onReactions` and `onPolls` get the reaction and poll counts the stream sends beside the
 * changes (or, while polling, the event's counts from /tallies).
 */
export function useLiveChanges(
  slug: string,
  fromSeq: number,
  ended: boolean,
  onChange: (change: ChangeMessage) => void,
  {
    via = "page",
    onReactions,
    onPolls,
  }: {
    via?: StreamChannel;
    onReactions?: (totals: ReactionTotals, snapshot: boolean) => void;
    onPolls?: (results: PollResults, snapshot: boolean) => void;
  } = {},
): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>(ended ? { state: "ended" } : { state: "connecting" });
  const deliver = useEffectEvent(onChange);
  const deliverReactions = useEffectEvent((totals: ReactionTotals, snapshot: boolean) =>
    onReactions?.(totals, snapshot),
  );
  const deliverPolls = useEffectEvent((results: PollResults, snapshot: boolean) => onPolls?.(results, snapshot));

  useEffect(() => {
    if (ended) return;
    const connection = new LiveConnection({
      slug,
      fromSeq,
      via,
      onChange: deliver,
      onStatus: setStatus,
      onReactions: deliverReactions,
      onPolls: deliverPolls,
    });
    connection.start();
    return () => connection.stop();
  }, [slug, fromSeq, ended, via]);

  return status;
}
