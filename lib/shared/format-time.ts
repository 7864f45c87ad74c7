// Fixed to UTC so the server's HTML and the browser's hydration print the same text.
// (Per-event time zones come with event settings.)
const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

export function formatTime(iso: string): string {
  return `${clock.format(new Date(iso))} UTC`;
}
