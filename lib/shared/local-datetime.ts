/**
 * A `datetime-local` value ("2026-11-21T18:30") is wall-clock time without a zone; the
 * browser sends its zone offset along (minutes, as Date#getTimezoneOffset). Returns an
 * ISO instant, or the raw value (which validation then rejects) when it does not parse.
 */
export function localDateTimeToIso(value: string, timeZoneOffsetMinutes: string): string {
  // Date.parse is lenient with strange strings: accept exactly what datetime-local sends.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return value;
  const asUtc = Date.parse(`${value}:00Z`);
  if (Number.isNaN(asUtc)) return value;
  return new Date(asUtc + (Number(timeZoneOffsetMinutes) || 0) * 60_000).toISOString();
}
