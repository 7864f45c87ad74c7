import { describe, expect, it } from "vitest";
import { embedFor } from "./embeds";
import { renderMarkdown } from "./render-markdown";

const player = (id: string) =>
  `<iframe class="absolute inset-0 h-full w-full" src="https://www.youtube-nocookie.com/embed/${id}" title="YouTube video" `;

/** Every tag's attributes are name or name="value", with no quote or bracket in a value. */
function expectWellFormed(html: string) {
  for (const tag of html.matchAll(/<[a-z]+\b([^>]*)>/g)) {
    expect(tag[1], tag[0]).toMatch(/^(\s+[a-z-]+(="[^"<>]*")?)*\s*\/?$/);
  }
}

function iframesOf(html: string): string[] {
  return [...html.matchAll(/<iframe\b[^>]*>/g)].map((m) => m[0]);
}

describe("embeds: YouTube", () => {
  it.each([
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ"],
    ["https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s"],
    ["https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ"],
    ["https://youtu.be/dQw4w9WgXcQ"],
    ["http://youtu.be/dQw4w9WgXcQ?si=abc"],
  ])("%s alone in a paragraph becomes a no-cookie player", (url) => {
    const html = renderMarkdown(`Watch this:\n\n${url}\n\nMore soon.`);
    expect(html).toContain(player("dQw4w9WgXcQ"));
    const [iframe, ...rest] = iframesOf(html);
    expect(rest).toEqual([]);
    // A sandbox allowing scripts and same-origin is invalid HTML (and no sandbox): none.
    expect(iframe).not.toContain("sandbox");
    expect(iframe).toContain('allow="encrypted-media; picture-in-picture; fullscreen"');
    expect(iframe).toContain('referrerpolicy="strict-origin-when-cross-origin"');
    expect(iframe).toContain('loading="lazy"');
    expect(iframe).toContain("allowfullscreen");
    expect(html).toMatch(
      /^<p>Watch this:<\/p>\n<div class="embed embed-video[^"]*"><iframe [^>]*><\/iframe><\/div>\n<p>More soon.<\/p>\n$/,
    );
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
  ])("%s gets no player", (_label, url) => {
    const html = renderMarkdown(url);
    expect(iframesOf(html)).toEqual([]);
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
    expect(iframesOf(html).map((tag) => /embed\/([^"]+)"/.exec(tag)![1])).toEqual(["dQw4w9WgXcQ", "bbbbbbbbbbb"]);
  });
});

describe("embeds: link cards", () => {
  it.each([
    ["https://x.com/herald/status/1234567890123456789", "X"],
    ["https://twitter.com/herald/status/1234567890", "X"],
    ["https://mobile.twitter.com/herald/status/1234567890/", "X"],
    ["https://www.instagram.com/p/Cx1_-abc/", "Instagram"],
    ["https://instagram.com/reel/Cx1abc", "Instagram"],
  ])("%s becomes a %s card with no script", (url, provider) => {
    const html = renderMarkdown(url);
    expect(html).toBe(
      `<p><a class="embed-card my-3 block rounded-md border border-stone-200 p-3 no-underline dark:border-stone-700" ` +
        `href="${url}" rel="noopener noreferrer nofollow" target="_blank">` +
        `<span class="embed-card-provider block text-xs font-semibold uppercase text-stone-500">${provider}</span>` +
        `<span class="embed-card-url block break-all text-sm">${url}</span></a></p>\n`,
    );
    expect(html).not.toMatch(/<script|<iframe/i);
  });

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
