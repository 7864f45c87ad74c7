import { describe, expect, it } from "vitest";
import { allEmbedFrameOrigins, embedProvider, matchEmbed } from "./social-embeds";

describe("matchEmbed: links that become players", () => {
  it.each([
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"],
    ["https://youtu.be/dQw4w9WgXcQ?si=abc", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"],
    [
      "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
      "youtube",
      "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ],
    ["https://vimeo.com/76979871", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1"],
    ["https://www.vimeo.com/76979871/", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1"],
    [
      "https://x.com/herald/status/1234567890123456789",
      "x",
      "https://platform.twitter.com/embed/Tweet.html?id=1234567890123456789&dnt=true",
    ],
    [
      "https://mobile.twitter.com/herald/status/12345/",
      "x",
      "https://platform.twitter.com/embed/Tweet.html?id=12345&dnt=true",
    ],
    ["https://www.instagram.com/p/Cx1_-abc/", "instagram", "https://www.instagram.com/p/Cx1_-abc/embed"],
    ["https://instagram.com/reel/Cx1abc", "instagram", "https://www.instagram.com/reel/Cx1abc/embed"],
    [
      "https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3k44deefqdk2g",
      "bluesky",
      "https://embed.bsky.app/embed/did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3k44deefqdk2g",
    ],
    [
      "https://mastodon.social/@Gargron/111111111111111111",
      "mastodon",
      "https://mastodon.social/@Gargron/111111111111111111/embed",
    ],
    ["https://journa.host/@desk/1234/", "mastodon", "https://journa.host/@desk/1234/embed"],
    [
      "https://www.tiktok.com/@scout2015/video/6718335390845095173",
      "tiktok",
      "https://www.tiktok.com/embed/v2/6718335390845095173",
    ],
    ["https://www.threads.net/@zuck/post/C1a2b3c4", "threads", "https://www.threads.net/@zuck/post/C1a2b3c4/embed"],
    ["https://threads.com/@zuck/post/C1a2b3c4", "threads", "https://www.threads.net/@zuck/post/C1a2b3c4/embed"],
    [
      "https://www.facebook.com/herald.news/posts/pfbid0abc123",
      "facebook",
      "https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fherald.news%2Fposts%2Fpfbid0abc123",
    ],
    [
      "https://soundcloud.com/forss/flickermood",
      "soundcloud",
      "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fforss%2Fflickermood",
    ],
    [
      "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC",
      "spotify",
      "https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC",
    ],
    [
      "https://open.spotify.com/episode/4uLU6hMCjMI75M1A2tKUQC/",
      "spotify",
      "https://open.spotify.com/embed/episode/4uLU6hMCjMI75M1A2tKUQC",
    ],
  ])("%s is %s", (url, provider, src) => {
    expect(matchEmbed(url)).toEqual({ provider, src });
    // The player is served from one of the origins the CSP admits for that provider.
    expect(embedProvider(provider)!.frameOrigins).toContain(new URL(src).origin);
  });
});

describe("matchEmbed: near misses and hostile links", () => {
  it.each([
    ["a look-alike host", "https://vimeo.com.evil.example/76979871"],
    ["a host ending like a provider", "https://notvimeo.com/76979871"],
    ["a subdomain we do not know", "https://evil.vimeo.com/76979871"],
    ["a port", "https://vimeo.com:8443/76979871"],
    ["credentials", "https://user:pass@vimeo.com/76979871"],
    ["another scheme", "ftp://vimeo.com/76979871"],
    ["javascript:", "javascript:alert(1)//vimeo.com/76979871"],
    ["a Vimeo channel page", "https://vimeo.com/channels/staffpicks"],
    ["a YouTube ID that is too short", "https://www.youtube.com/watch?v=abc"],
    ["a YouTube embed path", "https://www.youtube.com/embed/dQw4w9WgXcQ"],
    ["a YouTube ID with a quote", "https://youtu.be/dQw4w9%22XcQ"],
    ["an X profile", "https://x.com/herald"],
    ["an X status with an extra path", "https://x.com/herald/status/1/photo/1"],
    ["an X handle that is too long", "https://x.com/abcdefghijklmnop/status/1"],
    ["an Instagram profile", "https://www.instagram.com/herald/"],
    ["a Bluesky post by handle", "https://bsky.app/profile/herald.bsky.social/post/3k44deefqdk2g"],
    ["a Bluesky DID with a quote", "https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tv%22r/post/3k44deefqdk2g"],
    ["a Mastodon post on an instance not listed", "https://social.example/@desk/1234"],
    ["a Mastodon profile", "https://mastodon.social/@Gargron"],
    ["a Mastodon path with a quote", "https://mastodon.social/@Garg%22ron/1234"],
    ["a TikTok profile", "https://www.tiktok.com/@scout2015"],
    ["a TikTok video without digits", "https://www.tiktok.com/@scout2015/video/abc"],
    ["a Threads profile", "https://www.threads.net/@zuck"],
    ["a Facebook post with a query", "https://www.facebook.com/herald/posts/1?__cft__=x"],
    ["a Facebook page", "https://www.facebook.com/herald"],
    ["a SoundCloud page of the site", "https://soundcloud.com/discover/sets"],
    ["a SoundCloud path with a quote", "https://soundcloud.com/forss/flick%22ermood"],
    ["a Spotify ID of the wrong length", "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQ"],
    ["a Spotify user page", "https://open.spotify.com/user/4uLU6hMCjMI75M1A2tKUQC"],
    ["not a URL", "vimeo.com/76979871"],
  ])("%s is no player", (_label, url) => {
    expect(matchEmbed(url)).toBeNull();
  });

  it("frames from https origins only, with no wildcard", () => {
    for (const origin of allEmbedFrameOrigins) expect(origin).toMatch(/^https:\/\/[a-z0-9.-]+$/);
  });
});
