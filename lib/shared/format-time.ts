import { defaultLocale, intlLocale, type Locale } from "@/lib/i18n/locales";

// Readers see times in the event's own zone (Event.timeZone) and language (Event.language),
// on the server and in the browser alike, so the page hydrates with the text it was
// rendered with. The newsroom's times are English for now.
const formats = new Map<string, Intl.DateTimeFormat>();
const relatives = new Map<Locale, Intl.RelativeTimeFormat>();

function formatter(
  timeZone: string,
  kind: "clock" | "seconds" | "exact" | "day" | "desk",
  locale: Locale = defaultLocale,
): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}|${locale}`;
  let format = formats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === "clock"
        ? { hour: "2-digit", minute: "2-digit" }
        : kind === "seconds"
          ? { hour: "2-digit", minute: "2-digit", second: "2-digit" }
          : kind === "day"
            ? { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }
            : kind === "desk"
              ? { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }
              : { dateStyle: "full", timeStyle: "long" };
    try {
      format = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone });
    } catch {
      format = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: "UTC" }); // an unknown zone
    }
    formats.set(key, format);
  }
  return format;
}

/** "14:32", in the event's zone. */
export function formatClock(iso: string, timeZone: string, locale?: Locale): string {
  return formatter(timeZone, "clock", locale).format(new Date(iso));
}

/** "14:32:30", in the event's zone: for times within a minute (the desk's reader table). */
export function formatClockSeconds(iso: string, timeZone: string, locale?: Locale): string {
  return formatter(timeZone, "seconds", locale).format(new Date(iso));
}

/** "Friday 3 July 2026 at 14:32:05 CEST": the exact time, for hover and screen readers. */
export function formatExact(iso: string, timeZone: string, locale?: Locale): string {
  return formatter(timeZone, "exact", locale).format(new Date(iso));
}

function relative(locale: Locale): Intl.RelativeTimeFormat {
  let format = relatives.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(intlLocale(locale), { style: "short", numeric: "auto" });
    relatives.set(locale, format);
  }
  return format;
}

/** "now", "2 min ago", "3 hr ago" ("vor 2 Min."), then the date and time: how long ago, at a glance. */
export function formatRelative(iso: string, now: number, timeZone: string, locale: Locale = defaultLocale): string {
  const seconds = (now - Date.parse(iso)) / 1000;
  if (seconds < 45) return relative(locale).format(0, "second");
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return relative(locale).format(-minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 12) return relative(locale).format(-hours, "hour");
  return formatter(timeZone, "day", locale).format(new Date(iso));
}

/**
 * "24 Dec, 09:00 GMT+13": a newsroom time, in the event's zone with the zone named, so an
 * editor in New York scheduling for Auckland reads Auckland's clock and knows it.
 */
export function formatDeskTime(iso: string, timeZone: string, locale?: Locale): string {
  return formatter(timeZone, "desk", locale).format(new Date(iso));
}
