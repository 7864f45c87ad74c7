// The one message an embed sends its host page (public/embed.js listens for it): how
// tall its content is, so the iframe can fit it without a scrollbar.
export const embedResizeType = "herald:resize";

export type EmbedResizeMessage = { type: typeof embedResizeType; height: number };

/** Heights are whole CSS pixels, capped so a broken page cannot make the host absurdly tall. */
export const maxEmbedHeight = 100_000;
