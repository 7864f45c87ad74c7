// How a reader follows an event, for the desk's analytics: the event page's stream, the
// embed's stream, or the polling fallback (lib/client/live-connection.ts).
export const readerChannels = ["page", "embed", "polling"] as const;
export type ReaderChannel = (typeof readerChannels)[number];

/**
 * Who holds a stream open: the page's and the embed's readers, and the desk's own console
 * (its live feed), which counts in "N reading now" but is not audience, so not in the history.
 */
export type StreamChannel = "page" | "embed" | "desk";

export type ChannelCounts = Record<ReaderChannel, number>;

export const noReaders = (): ChannelCounts => ({ page: 0, embed: 0, polling: 0 });

/** The stream's `?via=` query: "embed" or "desk" as sent, anything else is the page. */
export function streamChannelOf(via: string | null | undefined): StreamChannel {
  return via === "embed" || via === "desk" ? via : "page";
}
