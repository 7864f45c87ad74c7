"use client";

import { useLocale } from "next-intl";
import { useNow } from "@/lib/client/clock";
import { toLocale } from "@/lib/i18n/locales";
import { formatClock, formatExact, formatRelative } from "@/lib/shared/format-time";

/**
 * "2 min ago" (in the page's language), kept current by the page's one shared clock, with the exact time on hover.
 * The server (and a reader without JavaScript) gets the clock time in the event's zone.
 */
export function RelativeTime({ iso, timeZone, className }: { iso: string; timeZone: string; className?: string }) {
  const now = useNow();
  const locale = toLocale(useLocale());
  return (
    <time dateTime={iso} title={formatExact(iso, timeZone, locale)} className={className}>
      {now === null ? formatClock(iso, timeZone, locale) : formatRelative(iso, now, timeZone, locale)}
    </time>
  );
}
