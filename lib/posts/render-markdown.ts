import "server-only";
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

// Two layers. markdown-it with `html: false` escapes any raw HTML in the post and refuses
// javascript:/vbscript:/data: links; sanitize-html then allows only the tags and
// attributes Markdown itself produces, so a renderer bug cannot smuggle script through.
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
  transformTags: {
    // Links leave the liveblog in a new tab and pass no referrer or opener.
    a: sanitizeHtml.simpleTransform("a", { target: "_blank", rel: "noopener noreferrer nofollow" }),
  },
};
allowed.allowedAttributes = { ...allowed.allowedAttributes, a: ["href", "title", "target", "rel"] };

export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), allowed);
}
