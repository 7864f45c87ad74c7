// How a reader follows an event, for the desk's analytics: the event page's stream, the
// embed's stream, or the polling fallback (lib/client/live-connection.ts).
export const readerChannels = ["page", "embed", "polling"] as const;
export type ReaderChannel = (typeof readerChannels)[number];

/** The two channels that hold a stream open (polling readers are not connected). */
export type StreamChannel = Exclude<ReaderChannel, "polling">;

export type ChannelCounts = Record<ReaderChannel, number>;

export const noReaders = (): ChannelCounts => ({ page: 0, embed: 0, polling: 0 });

/** The stream's `?via=` query: "embed" for the embed, anything else is the page. */
export function streamChannelOf(via: string | null | undefined): StreamChannel {
  return via === "embed" ? "embed" : "page";
}
