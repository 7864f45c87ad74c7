import { describe, expect, it } from "vitest";
import { embedFor } from "./embeds";
import { renderMarkdown } from "./render-markdown";
import { plainText } from "@/lib/shared/plain-text";

/** Every tag's attributes are name or name="value", with no quote or bracket in a value. */
function expectWellFormed(html: string) {
  for (const tag of html.matchAll(/<[a-z]+\b([^>]*)>/g)) {
    expect(tag[1], tag[0]).toMatch(/^(\s+[a-z-]+(="[^"<>]*")?)*\s*\/?$/);
  }
}

function iframesOf(html: string): string[] {
  return [...html.matchAll(/<iframe\b[^>]*>/g)].map((m) => m[0]);
}

/** Hosts the players are served from: none may appear in a post's HTML before consent. */
const playerHosts =
  /youtube-nocookie|player\.vimeo|platform\.twitter|embed\.bsky|w\.soundcloud|open\.spotify\.com\/embed|\/embed\b|plugins\/post/;

/** The HTML with the consent card's one link (its href and text) taken out. */
function withoutLink(html: string, url: string): string {
  return html.split(url).join("");
}

describe("embeds: consent cards", () => {
  it.each([
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "YouTube", "video"],
    ["https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s", "youtube", "YouTube", "video"],
    ["https://youtu.be/dQw4w9WgXcQ", "youtube", "YouTube", "video"],
    ["https://vimeo.com/76979871", "vimeo", "Vimeo", "video"],
    ["https://x.com/herald/status/1234567890123456789", "x", "X", "post"],
    ["https://twitter.com/herald/status/1234567890", "x", "X", "post"],
    ["https://www.instagram.com/p/Cx1_-abc/", "instagram", "Instagram", "portrait"],
    ["https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3k44deefqdk2g", "bluesky", "Bluesky", "post"],
    ["https://mastodon.social/@Gargron/111111111111111111", "mastodon", "Mastodon", "post"],
    ["https://www.tiktok.com/@scout2015/video/6718335390845095173", "tiktok", "TikTok", "tall"],
    ["https://www.threads.net/@zuck/post/C1a2b3c4", "threads", "Threads", "portrait"],
    ["https://www.facebook.com/herald.news/posts/pfbid0abc123", "facebook", "Facebook", "square"],
    ["https://soundcloud.com/forss/flickermood", "soundcloud", "SoundCloud", "audio"],
    ["https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", "spotify", "Spotify", "audio"],
  ])("%s alone in a paragraph becomes a %s consent card that loads nothing", (url, id, name, shape) => {
    const html = renderMarkdown(`Watch this:\n\n${url}\n\nMore soon.`);
    const escaped = url.replace(/&/g, "&amp;");
    expect(html).toBe(
      `<p>Watch this:</p>\n` +
        `<div class="embed embed-consent embed-shape-${shape}" data-embed-provider="${id}">` +
        `<div class="embed-consent-card">` +
        `<span class="embed-card-provider">${name}</span>` +
        `<a class="embed-card-url" href="${escaped}" rel="noopener noreferrer nofollow" target="_blank">${escaped}</a>` +
        `<span class="embed-consent-note" hidden>Load content from ${name} — by loading, you accept ${name}’s privacy policy.</span>` +
        `<button type="button" class="embed-consent-load" data-embed-load hidden>Load content from ${name}</button>` +
        `<label class="embed-consent-remember" hidden><input type="checkbox" data-embed-remember /> Always load ${name} content</label>` +
        `</div></div>\n<p>More soon.</p>\n`,
    );
    // Nothing that loads: no frame, script, image, style or player URL; the link is the one
    // mention of the provider, and its controls are hidden until script shows them.
    expect(html).not.toMatch(/<(iframe|script|img|object|embed|link|style)\b|\s(src|srcdoc|style|on\w+)=/i);
    expect(withoutLink(html, escaped)).not.toMatch(playerHosts);
    expectWellFormed(html);
    // Feeds, share cards and JSON-LD read the card as its URL, not its controls.
    expect(plainText(html)).toBe(`Watch this: ${url} More soon.`);
  });

  it.each([
    ["a look-alike host", "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ"],
    ["a host that ends like YouTube", "https://notyoutube.com/watch?v=dQw4w9WgXcQ"],
    ["an ID that is too short", "https://www.youtube.com/watch?v=abc"],
    ["an ID that is too long", "https://www.youtube.com/watch?v=dQw4w9WgXcQQ"],
    ["an ID with a quote", 'https://www.youtube.com/watch?v=dQw4w9"XcQ'],
    ["an ID with an encoded quote", "https://www.youtube.com/watch?v=dQw4w9%22XcQ"],
    ["an ID with an apostrophe", "https://youtu.be/dQw4w9'XcQ"],
    ["an ID with an angle bracket", "https://youtu.be/dQw4w9%3CXcQ"],
    ["a path after the ID", "https://youtu.be/dQw4w9WgXcQ/extra"],
    ["the wrong path", "https://www.youtube.com/embed/dQw4w9WgXcQ"],
    ["credentials in the URL", "https://user:pass@www.youtube.com/watch?v=dQw4w9WgXcQ"],
    ["a Vimeo look-alike", "https://vimeo.com.evil.example/76979871"],
    ["a Mastodon post on an instance not listed", "https://social.example/@desk/1234"],
    ["a Bluesky post by handle", "https://bsky.app/profile/herald.bsky.social/post/3k44deefqdk2g"],
    ["a hostile Spotify path", 'https://open.spotify.com/track/"><script>alert(1)</script>'],
  ])("%s gets no consent card", (_label, url) => {
    const html = renderMarkdown(url);
    expect(iframesOf(html)).toEqual([]);
    expect(html).not.toContain("embed-consent");
    expectWellFormed(html);
    expect(html).not.toMatch(/\s(on\w+|style|srcdoc)=/i);
  });

  it("leaves a video URL inside a sentence as a link", () => {
    const html = renderMarkdown("See https://youtu.be/dQw4w9WgXcQ for the speech.");
    expect(iframesOf(html)).toEqual([]);
    expect(html).toContain(
      '<a href="https://youtu.be/dQw4w9WgXcQ" target="_blank" rel="noopener noreferrer nofollow">',
    );
  });

  it("leaves a link with its own text as a link", () => {
    const html = renderMarkdown("[the speech](https://youtu.be/dQw4w9WgXcQ)");
    expect(iframesOf(html)).toEqual([]);
    expect(html).toContain(">the speech</a>");
  });

  it("embeds each lone URL of a post, and only those", () => {
    const html = renderMarkdown(
      "https://youtu.be/dQw4w9WgXcQ\n\nand https://youtu.be/aaaaaaaaaaa\n\nhttps://youtu.be/bbbbbbbbbbb",
    );
    expect([...html.matchAll(/data-embed-provider="youtube".*?href="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "https://youtu.be/dQw4w9WgXcQ",
      "https://youtu.be/bbbbbbbbbbb",
    ]);
  });
});

describe("embeds: link cards", () => {
  it("makes any other lone URL a plain card named by its host", () => {
    const html = renderMarkdown("https://example.com/report?a=1&b=2");
    expect(html).toContain('href="https://example.com/report?a=1&amp;b=2"');
    expect(html).toContain(">example.com</span>");
    // A look-alike of a provider is just its own host.
    expect(renderMarkdown("https://x.com.evil.example/herald/status/1")).toContain(">x.com.evil.example</span>");
    expect(renderMarkdown("https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ")).toContain(
      ">www.youtube.com.evil.example</span>",
    );
  });

  it.each([
    "https://example.com/a'b\"c<d>e",
    'https://example.com/?q="><script>alert(1)</script>',
    "https://example.com/#'onmouseover='alert(1)",
    'https://x.com/a/status/1?"onload="x',
  ])("escapes whatever of %j reaches an attribute or the text", (url) => {
    const html = embedFor(url)!;
    expect(html).toContain('class="embed-card');
    expect(html).not.toMatch(/<script|[^=]"c|'on|"on/);
    expectWellFormed(html);
  });

  it.each([
    ["javascript:", "javascript:alert(1)"],
    ["javascript: as a link", "[javascript:alert(1)](javascript:alert(1))"],
    ["data:", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="],
    ["data: as a link", "[data:text/html,x](data:text/html,x)"],
    ["vbscript:", "[vbscript:x](vbscript:x)"],
    ["mailto:", "desk@example.com"],
  ])("makes nothing of %s", (_label, source) => {
    const html = renderMarkdown(source);
    expect(html).not.toContain("embed");
    expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
  });
});

describe("images in posts", () => {
  it("keeps images uploaded here and https images", () => {
    expect(renderMarkdown("![](/api/uploads/ckevent123/AbC_-d12.png)")).toBe(
      '<p><img src="/api/uploads/ckevent123/AbC_-d12.png" alt="" /></p>\n',
    );
    expect(renderMarkdown("![a](https://example.com/a.png)")).toContain('src="https://example.com/a.png"');
  });

  it.each([
    "![](/api/uploads/../secrets.png)",
    "![](/api/uploads/a/../../b.png)",
    "![](/api/uploads/a/b.svg)",
    "![](/api/uploads/a/b.png?x=1)",
    "![](/somewhere/else.png)",
    "![](relative.png)",
    "![](//evil.example/a.png)",
    "![](http://example.com/a.png)",
    "![](/api/uploads/a/b%2e%2e.png)",
  ])("drops any other image: %s", (source) => {
    expect(renderMarkdown(source)).not.toContain("<img");
  });
});
