/** Minutes `zone` is ahead of UTC at `instant` (Auckland in summer: 780). */
function zoneOffsetMinutes(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * A `datetime-local` value read as wall-clock time in the IANA `zone` (the event's zone,
 * not the browser's). Returns an ISO instant, or the raw value when it does not parse.
 * In a spring-forward gap the time is read with the offset before the change (02:30 that
 * does not exist becomes 03:30); in a fall-back overlap the earlier instant wins.
 */
export function zonedDateTimeToIso(value: string, zone: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return value;
  const asUtc = Date.parse(`${value}:00Z`);
  if (Number.isNaN(asUtc)) return value;
  // Offsets on either side of any change within a day; try the earlier one first.
  const before = zoneOffsetMinutes(asUtc - 86_400_000, zone);
  const after = zoneOffsetMinutes(asUtc + 86_400_000, zone);
  for (const offset of before === after ? [before] : [Math.max(before, after), Math.min(before, after)]) {
    const instant = asUtc - offset * 60_000;
    if (zoneOffsetMinutes(instant, zone) === offset) return new Date(instant).toISOString();
  }
  return new Date(asUtc - before * 60_000).toISOString();
}
