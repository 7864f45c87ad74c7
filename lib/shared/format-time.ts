// Readers see times in the event's own zone (Event.timeZone), on the server and in the
// browser alike, so the page hydrates with the same text it was rendered with.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, kind: "clock" | "exact" | "day" | "desk"): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === "clock"
        ? { hour: "2-digit", minute: "2-digit" }
        : kind === "day"
          ? { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }
          : kind === "desk"
            ? { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }
            : { dateStyle: "full", timeStyle: "long" };
    try {
      format = new Intl.DateTimeFormat("en-GB", { ...options, timeZone });
    } catch {
      format = new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" }); // an unknown zone
    }
    formats.set(key, format);
  }
  return format;
}

/** "14:32", in the event's zone. */
export function formatClock(iso: string, timeZone: string): string {
  return formatter(timeZone, "clock").format(new Date(iso));
}

/** "Friday 3 July 2026 at 14:32:05 CEST": the exact time, for hover and screen readers. */
export function formatExact(iso: string, timeZone: string): string {
  return formatter(timeZone, "exact").format(new Date(iso));
}

/** "just now", "2 min ago", "3 h ago", then the date and time: how long ago, at a glance. */
export function formatRelative(iso: string, now: number, timeZone: string): string {
  const seconds = (now - Date.parse(iso)) / 1000;
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 12) return `${hours} h ago`;
  return formatter(timeZone, "day").format(new Date(iso));
}

/**
 * "24 Dec, 09:00 GMT+13": a newsroom time, in the event's zone with the zone named, so an
 * editor in New York scheduling for Auckland reads Auckland's clock and knows it.
 */
export function formatDeskTime(iso: string, timeZone: string): string {
  return formatter(timeZone, "desk").format(new Date(iso));
}
