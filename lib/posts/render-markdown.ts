import "server-only";
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { isStorageKey } from "@/lib/storage/storage";
import { uploadUrlPrefix } from "@/lib/uploads/upload-url";
import { embedLoneLinks } from "./embeds";

// Two layers. markdown-it with `html: false` escapes any raw HTML in the post and refuses
// javascript:/vbscript:/data: links; sanitize-html then allows only the tags and
// attributes Markdown itself produces, so a renderer bug cannot smuggle script through.
// Last, a URL alone in its paragraph becomes an embed (lib/posts/embeds.ts), built from
// the validated URL only, after sanitizing: embeds are our markup, not the post's.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: true });

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
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
  ],
  allowedAttributes: {
    a: ["href", "title"],
    img: ["src", "alt", "title"],
    ol: ["start"],
    th: ["style"],
    td: ["style"],
  },
  allowedStyles: { "*": { "text-align": [/^(left|right|center)$/] } },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["https"] },
  allowProtocolRelative: false,
  // sanitize-html lets any relative URL through; the only relative images are our uploads.
  exclusiveFilter: (frame) => frame.tag === "img" && !isAllowedImageSource(frame.attribs.src ?? ""),
  transformTags: {
    // Links leave the liveblog in a new tab and pass no referrer or opener.
    a: sanitizeHtml.simpleTransform("a", { target: "_blank", rel: "noopener noreferrer nofollow" }),
  },
};
allowed.allowedAttributes = { ...allowed.allowedAttributes, a: ["href", "title", "target", "rel"] };

/** https images from anywhere, or an image uploaded here (`/api/uploads/<eventId>/<name>.<ext>`). */
function isAllowedImageSource(src: string): boolean {
  if (/^https:\/\//i.test(src.trim())) return true;
  return src.startsWith(uploadUrlPrefix) && isStorageKey(src.slice(uploadUrlPrefix.length));
}

export function renderMarkdown(source: string): string {
  return embedLoneLinks(sanitizeHtml(markdown.render(source), allowed));
}
