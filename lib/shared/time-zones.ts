/**
 * The zones a newsroom can choose, from the runtime's own list (the server's, passed to the
 * form, so the page and its hydration list the same ones). `current`, if the runtime does
 * not list it (a legacy alias such as "US/Eastern"), is kept so a saved zone never vanishes.
 */
export function timeZoneChoices(current?: string): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  if (current) zones.add(current);
  return [...zones].sort((a, b) => (a === "UTC" ? -1 : b === "UTC" ? 1 : a.localeCompare(b)));
}
