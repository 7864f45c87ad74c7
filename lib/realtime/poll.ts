import "server-only";
import type { EventSummary } from "@/lib/events/find-event";
import type { ChangeMessage } from "@/lib/shared/types";
import { replayLimit } from "./broadcaster";
import { changesAfter } from "./change-log";

/** The polling fallback's answer: "everything since X". */
export type Updates = {
  changes: ChangeMessage[];
  /** The event's latest change; poll again with since=<seq of the last change received>. */
  seq: number;
  ended: boolean;
  /** True when the reader is too far behind: reload the page instead. */
  reset: boolean;
  /** When to ask again. The server sets it, so it can slow every client down at once. */
  pollAfterMs: number | null;
};

const pageSize = 200;
export const pollIntervalMs = 5_000;

export async function updatesSince(event: EventSummary, since: number): Promise<Updates> {
  const ended = event.status === "ENDED";
  if (since > event.lastSeq || event.lastSeq - since > replayLimit) {
    return { changes: [], seq: event.lastSeq, ended, reset: true, pollAfterMs: null };
  }
  const changes = since === event.lastSeq ? [] : await changesAfter(event.id, since, pageSize);
  const last = changes.at(-1)?.seq ?? since;
  const more = last < event.lastSeq;
  return {
    changes,
    seq: event.lastSeq,
    ended,
    reset: false,
    pollAfterMs: more ? 0 : ended ? null : pollIntervalMs,
  };
}
