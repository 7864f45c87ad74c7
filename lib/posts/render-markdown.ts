import "server-only";
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { isStorageKey } from "@/lib/storage/storage";
import { decorativeAlt, parseImageTitle } from "@/lib/shared/image-markdown";
import { uploadUrlPrefix } from "@/lib/uploads/upload-url";
import { embedLoneLinks } from "./embeds";

// Two layers. markdown-it with `html: false` escapes any raw HTML in the post and refuses
// javascript:/vbscript:/data: links; sanitize-html then allows only the tags and
// attributes Markdown itself produces, so a renderer bug cannot smuggle script through.
// Last, a URL alone in its paragraph becomes an embed (lib/posts/embeds.ts), built from
// the validated URL only, after sanitizing: embeds are our markup, not the post's.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: true });
type CoreRule = Parameters<typeof markdown.core.ruler.push>[1];
type RenderRule = NonNullable<typeof markdown.renderer.rules.image>;
type Token = Parameters<RenderRule>[0][number];

/** Uploaded images' pixel sizes by storage key (lib/uploads/image-sizes.ts). */
export type ImageSizes = ReadonlyMap<string, { width: number; height: number }>;
type RenderEnv = { imageSizes?: ImageSizes };

/**
 * An image alone in its paragraph, with a caption or credit in its title
 * (lib/shared/image-markdown.ts), becomes a <figure>: the paragraph's tags become figure's
 * (a figure may not sit inside a <p>), and the image renders its own <figcaption>.
 */
const figures: CoreRule = (state) => {
  const tokens = state.tokens;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [open, inline, close] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
    if (open.type !== "paragraph_open" || open.hidden || inline.type !== "inline" || close.type !== "paragraph_close")
      continue;
    const parts = (inline.children ?? []).filter(
      (t) => !(t.type === "softbreak" || t.type === "hardbreak" || (t.type === "text" && !t.content.trim())),
    );
    const image = parts.length === 1 && parts[0]!.type === "image" ? parts[0]! : null;
    if (!image || !attr(image, "title").trim() || !isAllowedImageSource(attr(image, "src"))) continue;
    open.tag = close.tag = "figure";
    inline.children = [image];
    image.meta = { ...image.meta, figure: true };
  }
};

const attr = (token: Token, name: string) => String(token.attrGet(name) ?? "");

/**
 * An image: alt as plain text ("(decorative)" is alt=""); an upload of known size carries
 * width and height (its space is kept while it loads); in a figure, its caption and credit
 * after it.
 */
const renderImage: RenderRule = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const alt = self.renderInlineAsText(token.children ?? [], options, {});
  token.attrSet("alt", alt.trim() === decorativeAlt ? "" : alt);
  const src = attr(token, "src");
  const size = src.startsWith(uploadUrlPrefix)
    ? (env as RenderEnv | undefined)?.imageSizes?.get(src.slice(uploadUrlPrefix.length))
    : undefined;
  if (size) {
    token.attrSet("width", String(size.width));
    token.attrSet("height", String(size.height));
  }
  if (!(token.meta as { figure?: boolean } | null)?.figure) return self.renderToken(tokens, idx, options);
  const { caption, credit } = parseImageTitle(attr(token, "title"));
  token.attrs = (token.attrs ?? []).filter(([name]) => name !== "title");
  const escape = markdown.utils.escapeHtml;
  const creditHtml = credit ? `<span class="credit">Photo: ${escape(credit)}</span>` : "";
  const text = [caption && escape(caption), creditHtml].filter(Boolean).join(" ");
  return `${self.renderToken(tokens, idx, options)}\n<figcaption>${text}</figcaption>\n`;
};
markdown.core.ruler.push("figures", figures);
markdown.renderer.rules.image = renderImage;

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
    "figure",
    "figcaption",
    "span",
  ],
  allowedAttributes: {
    a: ["href", "title"],
    // width and height only ever come from renderImage: Markdown cannot write attributes.
    img: ["src", "alt", "title", "width", "height"],
    ol: ["start"],
    th: ["style"],
    td: ["style"],
    span: ["class"],
  },
  // The only span a post has is a figure's credit, written by renderImage above.
  allowedClasses: { span: ["credit"] },
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

/** A line of its own, `---more---`: what is above it shows, the rest waits behind "Read more". */
const foldMarker = /^[ \t]*---more---[ \t]*$/m;

/**
 * A post's sanitized HTML. A fold marker splits it into a lead and a `<details>` (our markup,
 * around two separately sanitized halves) that opens without JavaScript.
 */
export function renderMarkdown(source: string, imageSizes?: ImageSizes): string {
  const env: RenderEnv = { imageSizes };
  const fold = foldMarker.exec(source);
  if (!fold) return renderPart(source, env);
  const lead = source.slice(0, fold.index);
  const rest = source.slice(fold.index + fold[0].length);
  if (!lead.trim() || !rest.trim()) return renderPart(lead + rest, env);
  return `${renderPart(lead, env)}<details class="post-fold"><summary>Read more</summary>${renderPart(rest, env)}</details>`;
}

/** The permalink shows a post whole: its fold open. No post's own HTML can hold `<details`. */
export function unfold(html: string): string {
  return html.replace('<details class="post-fold">', '<details class="post-fold" open>');
}

function renderPart(source: string, env: RenderEnv): string {
  return embedLoneLinks(sanitizeHtml(markdown.render(source, env), allowed));
}
