import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render-markdown";

type Tag = { name: string; attributes: Record<string, string> };

/** The elements in sanitize-html's output (it always writes attributes double-quoted). */
function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  for (const match of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const attributes: Record<string, string> = {};
    for (const attr of match[2]!.matchAll(/([^\s=/]+)(?:="([^"]*)")?/g))
      attributes[attr[1]!.toLowerCase()] = attr[2] ?? "";
    tags.push({ name: match[1]!.toLowerCase(), attributes });
  }
  return tags;
}

const allowedTags = new Set([
  "p",
  "br",
  "hr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "ul",
  "ol",
  "li",
  "strong",
  "em",
  "s",
  "code",
  "pre",
  "a",
  "img",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
]);

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ":")
    .replace(/&amp;/g, "&");
}

/** Asserts the HTML can run nothing: only safe tags, no handlers or styles, safe URLs. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<\s*(script|iframe|svg|object|embed|style|math|form|input|base|meta|link)\b/i);
  for (const tag of tagsOf(html)) {
    expect(allowedTags, `<${tag.name}> in ${html}`).toContain(tag.name);
    for (const [name, value] of Object.entries(tag.attributes)) {
      expect(name, `attribute ${name} in ${html}`).not.toMatch(/^on/);
      if (name === "style") {
        expect(["th", "td"], `style on <${tag.name}>`).toContain(tag.name);
        expect(value).toMatch(/^text-align:(left|right|center)$/);
      }
      if (name === "href" || name === "src") {
        const url = decodeEntities(value)
          .replace(/[\s\u0000-\u001f]/g, "")
          .toLowerCase();
        expect(url, `${name} in ${html}`).toMatch(name === "src" ? /^https:\/\// : /^(https?:\/\/|mailto:)/);
      }
    }
  }
}

describe("renderMarkdown: nothing executable survives", () => {
  it.each([
    ["script tag", "<script>alert(1)</script>"],
    ["script tag mid-paragraph", "Hello <script src=https://evil.example/x.js></script> world"],
    ["img onerror", '<img src=x onerror="alert(1)">'],
    ["svg onload", "<svg onload=alert(1)></svg>"],
    ["iframe", '<iframe src="https://evil.example"></iframe>'],
    ["style attribute", '<p style="background:url(javascript:alert(1))">x</p>'],
    ["style tag", "<style>body{display:none}</style>"],
    ["inline handler on a link", '<a href="https://example.com" onclick="alert(1)">x</a>'],
    ["javascript: link", "[click](javascript:alert(1))"],
    ["JavaScript: link, mixed case", "[click](JaVaScRiPt:alert(1))"],
    ["entity-encoded javascript: link", "[click](jav&#x61;script:alert(1))"],
    ["decimal-entity javascript: link", "[click](&#106;avascript:alert(1))"],
    ["&colon; javascript link", "[click](javascript&colon;alert(1))"],
    ["angle-bracket javascript: link", "[click](<javascript:alert(1)>)"],
    ["javascript: autolink", "<javascript:alert(1)>"],
    ["reference-style javascript: link", "[click][x]\n\n[x]: javascript:alert(1)"],
    ["data: link", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["data:image link (markdown-it allows these)", "[click](data:image/png;base64,iVBORw0KGgo=)"],
    ["data:image image", "![x](data:image/png;base64,iVBORw0KGgo=)"],
    ["vbscript: link", "[click](vbscript:msgbox(1))"],
    ["javascript: image", "![x](javascript:alert(1))"],
    ["attribute breakout in a link", '[x](https://example.com" onmouseover="alert(1))'],
    ["attribute breakout in a title", '[x](https://example.com "a\\" onmouseover=\\"alert(1)")'],
  ])("%s", (_label, source) => {
    const html = renderMarkdown(source);
    expectInert(html);
    expect(html).not.toMatch(/href="\s*(javascript|vbscript|data):/i);
    expect(html).not.toMatch(/src="\s*(javascript|vbscript|data|http):/i);
  });

  it("escapes raw HTML to visible text instead of dropping it", () => {
    expect(renderMarkdown("<script>alert(1)</script>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
  });

  it("keeps only https images", () => {
    expect(tagsOf(renderMarkdown("![a](https://example.com/a.png)"))).toEqual([
      { name: "p", attributes: {} },
      { name: "img", attributes: { src: "https://example.com/a.png", alt: "a" } },
    ]);
    expect(renderMarkdown("![a](http://example.com/a.png)")).not.toContain("example.com");
  });
});

describe("renderMarkdown: ordinary Markdown", () => {
  it("renders emphasis, code and quotes", () => {
    expect(renderMarkdown("**bold** and _em_ and ~~gone~~ and `x < y`")).toBe(
      "<p><strong>bold</strong> and <em>em</em> and <s>gone</s> and <code>x &lt; y</code></p>\n",
    );
    expect(renderMarkdown("> quoted")).toBe("<blockquote>\n<p>quoted</p>\n</blockquote>\n");
    expect(renderMarkdown("```\nconst a = '<b>';\n```")).toBe("<pre><code>const a = '&lt;b&gt;';\n</code></pre>\n");
  });

  it("renders lists, headings, rules and line breaks", () => {
    expect(renderMarkdown("- one\n- two")).toBe("<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n");
    expect(renderMarkdown("3. three\n4. four")).toBe('<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>\n');
    expect(renderMarkdown("## Heading")).toBe("<h2>Heading</h2>\n");
    expect(renderMarkdown("---")).toBe("<hr />\n");
    expect(renderMarkdown("line one\nline two")).toBe("<p>line one<br />\nline two</p>\n");
  });

  it("opens links in a new tab without referrer or opener", () => {
    expect(renderMarkdown('[Herald](https://example.com/a?b=1&c=2 "Home")')).toBe(
      '<p><a href="https://example.com/a?b=1&amp;c=2" title="Home" target="_blank" rel="noopener noreferrer nofollow">Herald</a></p>\n',
    );
    expect(renderMarkdown("[mail](mailto:desk@example.com)")).toContain('href="mailto:desk@example.com"');
    // linkify: bare URLs become the same kind of link
    expect(renderMarkdown("see https://example.com now")).toContain(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">https://example.com</a>',
    );
  });

  it("keeps table alignment but nothing else in style", () => {
    const html = renderMarkdown("| a | b |\n|:-:|--:|\n| 1 | 2 |");
    expect(html).toContain('<th style="text-align:center">a</th>');
    expect(html).toContain('<td style="text-align:right">2</td>');
    expectInert(html);
  });
});

describe("the inertness check itself", () => {
  it.each([
    '<p><a href="jav&#x61;script:alert(1)">x</a></p>',
    '<p><img src="x" onerror="alert(1)" /></p>',
    '<p style="color:red">x</p>',
    "<svg></svg>",
    '<p><img src="http://example.com/a.png" /></p>',
  ])("rejects %s", (html) => {
    expect(() => expectInert(html)).toThrow();
  });
});

describe("renderMarkdown: images with a description, caption and credit", () => {
  const src = "/api/uploads/ev1/abcdefghijklmnopqrstuv.png";

  it("gives an upload of known size its width and height, and nothing else one", () => {
    const sizes = new Map([["ev1/abcdefghijklmnopqrstuv.png", { width: 1200, height: 800 }]]);
    expect(renderMarkdown(`![a](${src} "Pier 4")`, sizes)).toContain(
      `<img src="${src}" alt="a" width="1200" height="800" />`,
    );
    expect(renderMarkdown(`![a](https://example.com/ev1/abcdefghijklmnopqrstuv.png)`, sizes)).toBe(
      '<p><img src="https://example.com/ev1/abcdefghijklmnopqrstuv.png" alt="a" /></p>\n',
    );
    expect(renderMarkdown(`![a](${src})`)).toBe(`<p><img src="${src}" alt="a" /></p>\n`);
    // A post cannot write the attributes itself.
    expect(renderMarkdown(`<img src="${src}" width="9999">`, sizes)).not.toContain("<img");
  });

  it("renders an image alone in its paragraph, with a caption and credit, as a figure", () => {
    expect(renderMarkdown(`![Smoke over the docks](${src} "Fire at pier 4 — Photo: Ana Ruiz")`)).toBe(
      `<figure><img src="${src}" alt="Smoke over the docks" />\n` +
        `<figcaption>Fire at pier 4 <span class="credit">Photo: Ana Ruiz</span></figcaption>\n</figure>\n`,
    );
  });

  it.each([
    ["caption only", `![a](${src} "Pier 4")`, "<figcaption>Pier 4</figcaption>"],
    ["credit only", `![a](${src} "Photo: Ana")`, '<figcaption><span class="credit">Photo: Ana</span></figcaption>'],
    ["an https image", '![a](https://example.com/a.png "Pier 4")', "<figcaption>Pier 4</figcaption>"],
    ["with blank lines around", `Before\n\n![a](${src} "Pier 4")\n\nAfter`, "<figcaption>Pier 4</figcaption>"],
    ["inside a quote", `> ![a](${src} "Pier 4")`, "<blockquote>\n<figure>"],
  ])("%s", (_, source, expected) => {
    const html = renderMarkdown(source);
    expect(html).toContain(expected);
    expect(html).not.toMatch(/<p>\s*<figure|<figure>[^]*<p>[^]*<\/figure>/);
    expect(html).not.toContain("title=");
  });

  it.each([
    ["no caption or credit: today's image", `![a](${src})`, `<p><img src="${src}" alt="a" /></p>\n`],
    [
      "text beside it: an inline image, title kept",
      `See ![a](${src} "Pier") here`,
      `<p>See <img src="${src}" alt="a" title="Pier" /> here</p>\n`,
    ],
    ["a refused image makes no figure", '![a](http://example.com/a.png "Pier")', "<p></p>\n"],
  ])("%s", (_, source, expected) => {
    expect(renderMarkdown(source)).toBe(expected);
  });

  it("in a tight list the image stays inline: a figcaption needs its figure", () => {
    const html = renderMarkdown(`- ![a](${src} "Pier")\n- two`);
    expect(html).not.toContain("figcaption");
    expect(html).toContain('title="Pier"');
  });

  it("renders the decorative marker as an empty alt", () => {
    expect(renderMarkdown(`![(decorative)](${src})`)).toBe(`<p><img src="${src}" alt="" /></p>\n`);
    expect(renderMarkdown(`![(decorative)](${src} "Pier")`)).toContain(`<img src="${src}" alt="" />`);
  });

  it("escapes markup in alt, caption and credit to text", () => {
    const html = renderMarkdown(`![<b>x</b> & "y"](${src} "<i>cap</i> — Photo: <script>alert(1)</script>")`);
    expect(html).toBe(
      `<figure><img src="${src}" alt="&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;" />\n` +
        `<figcaption>&lt;i&gt;cap&lt;/i&gt; <span class="credit">Photo: &lt;script&gt;alert(1)&lt;/script&gt;</span></figcaption>\n</figure>\n`,
    );
  });

  it("keeps no span class but the credit's", () => {
    expect(renderMarkdown(`![a](${src} "Photo: x")`)).toContain('<span class="credit">');
    expect(renderMarkdown('<span class="evil">x</span>')).not.toContain("<span");
  });
});
