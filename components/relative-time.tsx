"use client";

import { useNow } from "@/lib/client/clock";
import { formatClock, formatExact, formatRelative } from "@/lib/shared/format-time";

/**
 * "2 min ago", kept current by the page's one shared clock, with the exact time on hover.
 * The server (and a reader without JavaScript) gets the clock time in the event's zone.
 */
export function RelativeTime({ iso, timeZone, className }: { iso: string; timeZone: string; className?: string }) {
  const now = useNow();
  return (
    <time dateTime={iso} title={formatExact(iso, timeZone)} className={className}>
      {now === null ? formatClock(iso, timeZone) : formatRelative(iso, now, timeZone)}
    </time>
  );
}
