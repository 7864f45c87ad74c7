import { describe, expect, it } from "vitest";
import { xssCorpus } from "@/test/xss-corpus";
import { renderMarkdown } from "./render-markdown";

// The renderer's side of the XSS corpus (the browser's side: e2e/xss.spec.ts). Whatever
// went in, what comes out has only Markdown's own elements, no event handler, no style
// beyond table alignment, and no URL that is not http(s)/mailto or one of our uploads. No
// iframe at all: a social embed is a consent card (button, label, checkbox) until clicked.
const tags = new Set(
  "p br hr h1 h2 h3 h4 h5 h6 blockquote ul ol li strong em s code pre a img table thead tbody tr th td figure figcaption div span button label input".split(
    " ",
  ),
);

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&(quot|amp|lt|gt|apos|colon|tab|newline);/gi, (_, name: string) => {
      const named: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", apos: "'", colon: ":" };
      return named[name.toLowerCase()] ?? " ";
    });
}

function protocolOf(url: string): string {
  try {
    return new URL(url, "https://herald.test/e/x").protocol;
  } catch {
    return "unparseable:";
  }
}

function elements(html: string) {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attributes: [...m[2]!.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map((a) => ({
      name: a[1]!.toLowerCase(),
      value: decodeEntities(a[2] ?? ""),
    })),
  }));
}

describe("renderMarkdown against the XSS corpus", () => {
  it.each(xssCorpus.map((payload) => [payload]))("%s", (payload) => {
    const html = renderMarkdown(payload);
    // Every "<" that starts a tag is one of ours; everything else is escaped text.
    const opened = [...html.matchAll(/<([a-zA-Z!?/][^\s>]*)/g)].map((m) => m[1]!.toLowerCase().replace(/^\//, ""));
    for (const name of opened) expect(tags, `tag <${name}> in ${html}`).toContain(name);

    for (const element of elements(html)) {
      for (const { name, value } of element.attributes) {
        expect(name, `attribute ${name} in ${html}`).not.toMatch(/^on|^srcdoc$|^formaction$|^xmlns/);
        if (name === "style") expect(value).toMatch(/^text-align:(left|right|center);?$/);
        // What the browser would make of the URL (it strips tabs, newlines and leading
        // controls itself); a relative link stays on this site, which is harmless.
        if (name === "href") expect(protocolOf(value), `href in ${html}`).toMatch(/^(https?|mailto):$/);
        if (name === "src") expect(value, `src in ${html}`).toMatch(/^(https:\/\/|\/api\/uploads\/)/);
      }
      // A span is the embed card's or a figure's credit, and carries nothing but its class.
      if (element.name === "span") for (const a of element.attributes) expect(a.name).toMatch(/^(class|hidden)$/);
      // The consent card's controls, exactly as lib/posts/embeds.ts writes them.
      if (element.name === "button")
        expect(element.attributes.map((a) => a.name)).toEqual(["type", "class", "data-embed-load", "hidden"]);
      if (element.name === "input")
        expect(element.attributes.filter((a) => a.name !== "/")).toEqual([
          { name: "type", value: "checkbox" },
          { name: "data-embed-remember", value: "" },
        ]);
    }
  });
});
