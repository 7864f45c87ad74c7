// The social providers a lone link in a post can be embedded from, and how. Pure: the server
// (lib/posts/embeds.ts) uses it to write a consent card, the browser
// (components/embed-consent.tsx) to build the player's URL from the card's link after the
// reader consents — so the page's HTML names no provider host but the link itself.

export type EmbedProviderId =
  | "youtube"
  | "vimeo"
  | "x"
  | "instagram"
  | "bluesky"
  | "mastodon"
  | "tiktok"
  | "threads"
  | "facebook"
  | "soundcloud"
  | "spotify";

/** How much room the card reserves, before and after loading (app/globals.css). */
export type EmbedShape = "video" | "portrait" | "tall" | "square" | "audio" | "post";

export type EmbedMatch = {
  provider: EmbedProviderId;
  /** The player's URL, on one of `frameHosts` of the provider. */
  src: string;
};

export type EmbedProvider = {
  id: EmbedProviderId;
  name: string;
  shape: EmbedShape;
  /** The origins its player is framed from: the CSP's frame-src lists exactly these. */
  frameOrigins: readonly string[];
  match: (url: URL, host: string) => string | null;
};

const id11 = /^[A-Za-z0-9_-]{11}$/;

/**
 * Mastodon is federated: any host may serve /@user/123. A frame-src cannot name every
 * instance, and a page-wide `https:` would let any host be framed; so a player is offered
 * for these large instances only, and a post on any other instance stays a plain link card.
 */
export const mastodonInstances = [
  "mastodon.social",
  "mastodon.online",
  "mastodon.world",
  "mstdn.social",
  "mas.to",
  "fosstodon.org",
  "hachyderm.io",
  "infosec.exchange",
  "journa.host",
  "newsie.social",
  "mastodon.cloud",
  "mastodon.xyz",
  "techhub.social",
  "social.vivaldi.net",
] as const;
const mastodonHosts = new Set<string>(mastodonInstances);

const pathOnly = (url: URL) => url.search === "" || url.search === "?";

export const embedProviders: readonly EmbedProvider[] = [
  {
    id: "youtube",
    name: "YouTube",
    shape: "video",
    frameOrigins: ["https://www.youtube-nocookie.com"],
    match(url, host) {
      let video: string | null = null;
      if (["youtube.com", "www.youtube.com", "m.youtube.com"].includes(host) && url.pathname === "/watch")
        video = url.searchParams.get("v");
      else if (host === "youtu.be") video = /^\/([^/]+)$/.exec(url.pathname)?.[1] ?? null;
      return video !== null && id11.test(video) ? `https://www.youtube-nocookie.com/embed/${video}` : null;
    },
  },
  {
    id: "vimeo",
    name: "Vimeo",
    shape: "video",
    frameOrigins: ["https://player.vimeo.com"],
    match(url, host) {
      if (host !== "vimeo.com" && host !== "www.vimeo.com") return null;
      const video = /^\/(\d{1,12})\/?$/.exec(url.pathname)?.[1];
      return video ? `https://player.vimeo.com/video/${video}?dnt=1` : null;
    },
  },
  {
    id: "x",
    name: "X",
    shape: "post",
    frameOrigins: ["https://platform.twitter.com"],
    match(url, host) {
      if (!["x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"].includes(host)) return null;
      const status = /^\/[A-Za-z0-9_]{1,15}\/status\/(\d{1,25})\/?$/.exec(url.pathname)?.[1];
      return status ? `https://platform.twitter.com/embed/Tweet.html?id=${status}&dnt=true` : null;
    },
  },
  {
    id: "instagram",
    name: "Instagram",
    shape: "portrait",
    frameOrigins: ["https://www.instagram.com"],
    match(url, host) {
      if (host !== "instagram.com" && host !== "www.instagram.com") return null;
      const m = /^\/(p|reel)\/([A-Za-z0-9_-]{1,64})\/?$/.exec(url.pathname);
      return m ? `https://www.instagram.com/${m[1]}/${m[2]}/embed` : null;
    },
  },
  {
    id: "bluesky",
    name: "Bluesky",
    shape: "post",
    frameOrigins: ["https://embed.bsky.app"],
    match(url, host) {
      if (host !== "bsky.app") return null;
      // embed.bsky.app addresses a post by its author's DID; a handle would need a lookup
      // before consent, so only links that carry the DID become players.
      const m = /^\/profile\/(did:plc:[a-z2-7]{24})\/post\/([a-z2-7]{13})\/?$/.exec(url.pathname);
      return m ? `https://embed.bsky.app/embed/${m[1]}/app.bsky.feed.post/${m[2]}` : null;
    },
  },
  {
    id: "mastodon",
    name: "Mastodon",
    shape: "post",
    frameOrigins: mastodonInstances.map((host) => `https://${host}`),
    match(url, host) {
      if (!mastodonHosts.has(host) || url.port !== "") return null;
      const m = /^\/@([A-Za-z0-9_]{1,30})\/(\d{1,20})\/?$/.exec(url.pathname);
      return m ? `https://${host}/@${m[1]}/${m[2]}/embed` : null;
    },
  },
  {
    id: "tiktok",
    name: "TikTok",
    shape: "tall",
    frameOrigins: ["https://www.tiktok.com"],
    match(url, host) {
      if (host !== "tiktok.com" && host !== "www.tiktok.com") return null;
      const video = /^\/@[A-Za-z0-9_.]{1,24}\/video\/(\d{1,25})\/?$/.exec(url.pathname)?.[1];
      return video ? `https://www.tiktok.com/embed/v2/${video}` : null;
    },
  },
  {
    id: "threads",
    name: "Threads",
    shape: "portrait",
    frameOrigins: ["https://www.threads.net"],
    match(url, host) {
      if (!["threads.net", "www.threads.net", "threads.com", "www.threads.com"].includes(host)) return null;
      const m = /^\/@([A-Za-z0-9_.]{1,30})\/post\/([A-Za-z0-9_-]{1,64})\/?$/.exec(url.pathname);
      return m ? `https://www.threads.net/@${m[1]}/post/${m[2]}/embed` : null;
    },
  },
  {
    id: "facebook",
    name: "Facebook",
    shape: "square",
    frameOrigins: ["https://www.facebook.com"],
    match(url, host) {
      if (!["facebook.com", "www.facebook.com", "m.facebook.com"].includes(host) || !pathOnly(url)) return null;
      const m = /^\/([A-Za-z0-9.]{1,50})\/(posts|videos)\/([A-Za-z0-9]{1,64})\/?$/.exec(url.pathname);
      if (!m) return null;
      const canonical = `https://www.facebook.com/${m[1]}/${m[2]}/${m[3]}`;
      return `https://www.facebook.com/plugins/post.php?href=${encodeURIComponent(canonical)}`;
    },
  },
  {
    id: "soundcloud",
    name: "SoundCloud",
    shape: "audio",
    frameOrigins: ["https://w.soundcloud.com"],
    match(url, host) {
      if (host !== "soundcloud.com" && host !== "www.soundcloud.com") return null;
      const m = /^\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,128})\/?$/.exec(url.pathname);
      if (!m?.[1] || ["discover", "search", "you", "upload", "stream"].includes(m[1])) return null;
      const canonical = `https://soundcloud.com/${m[1]}/${m[2]}`;
      return `https://w.soundcloud.com/player/?url=${encodeURIComponent(canonical)}`;
    },
  },
  {
    id: "spotify",
    name: "Spotify",
    shape: "audio",
    frameOrigins: ["https://open.spotify.com"],
    match(url, host) {
      if (host !== "open.spotify.com") return null;
      const m = /^\/(track|album|playlist|episode|show|artist)\/([A-Za-z0-9]{22})\/?$/.exec(url.pathname);
      return m ? `https://open.spotify.com/embed/${m[1]}/${m[2]}` : null;
    },
  },
];

const byId = new Map(embedProviders.map((provider) => [provider.id, provider]));

export function embedProvider(id: string): EmbedProvider | undefined {
  return byId.get(id as EmbedProviderId);
}

/** Every origin a player may be framed from (for the CSP's frame-src). */
export const allEmbedFrameOrigins: readonly string[] = embedProviders.flatMap((p) => p.frameOrigins);

/** A web link (http or https, no credentials in it) as a URL, or null. */
export function parseWebLink(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password) return null;
  return url;
}

/** The provider and player URL of a link, or null for any link that is not exactly one of ours. */
export function matchEmbed(raw: string): EmbedMatch | null {
  const url = parseWebLink(raw);
  if (!url || url.port !== "") return null;
  const host = url.hostname.toLowerCase();
  for (const provider of embedProviders) {
    const src = provider.match(url, host);
    if (src !== null) return { provider: provider.id, src };
  }
  return null;
}
