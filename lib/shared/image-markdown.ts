import { z } from "./zod";

// How a post carries an image's description, caption and credit, readable in the textarea:
//
//   ![A firefighter on a ladder](/api/uploads/… "Smoke over the docks — Photo: Ana Ruiz")
//
// The alt text is the description for readers who cannot see the image. The title holds the
// caption, then " — Photo: " and the credit (either may be absent). An image alone in its
// paragraph with a caption or credit renders as a <figure> (lib/posts/render-markdown.ts).
// `![(decorative)](…)` marks an image that adds nothing for a reader (alt="" on purpose):
// Markdown cannot tell an empty alt chosen from one forgotten, so the marker says it.

/** The alt text that marks a deliberately decorative image; it renders as alt="". */
export const decorativeAlt = "(decorative)";

const creditSeparator = " — Photo: ";
const creditOnly = "Photo: ";

/** One line of text: whitespace runs (newlines included) collapse to a space. */
const line = (max: number) =>
  z
    .string()
    .max(max * 2)
    .transform((value) => value.replace(/\s+/g, " ").trim())
    .pipe(z.string().max(max, `At most ${max} characters.`));

/** What the uploader says about an image: every field optional, each one line. */
export const imageFieldsSchema = z.object({
  alt: line(500).optional(),
  caption: line(500).optional(),
  credit: line(200).optional(),
  decorative: z.enum(["on", "true", "false", ""]).optional(),
});

export type ImageFields = { alt?: string | null; caption?: string | null; credit?: string | null };

/** The Markdown for an uploaded image with its fields. `alt: ""` is decorative; null/undefined is none given. */
export function imageMarkdown(url: string, { alt, caption, credit }: ImageFields): string {
  const altText = alt === "" ? decorativeAlt : escapeAlt(alt ?? "");
  const title = imageTitle(caption ?? "", credit ?? "");
  return `![${altText}](${url}${title ? ` "${title.replace(/[\\"]/g, "\\$&")}"` : ""})`;
}

/** Caption and credit as a Markdown image title. */
export function imageTitle(caption: string, credit: string): string {
  if (!credit) return caption;
  return caption ? `${caption}${creditSeparator}${credit}` : `${creditOnly}${credit}`;
}

/** A Markdown image title split back into caption and credit. */
export function parseImageTitle(title: string): { caption: string; credit: string } {
  const at = title.lastIndexOf(creditSeparator);
  if (at >= 0) return { caption: title.slice(0, at).trim(), credit: title.slice(at + creditSeparator.length).trim() };
  if (title.startsWith(creditOnly)) return { caption: "", credit: title.slice(creditOnly.length).trim() };
  return { caption: title.trim(), credit: "" };
}

/** Alt text as literal Markdown: the characters that would end it or turn it into markup are escaped. */
function escapeAlt(alt: string): string {
  return alt.replace(/[\\[\]*_`&<]/g, "\\$&");
}

/**
 * The images in a post's Markdown that have no description and are not marked decorative,
 * as their URLs (or references). Code (fenced, indented by a fence, or inline) is not
 * looked at: an image there is shown as text.
 */
export function imagesWithoutAlt(markdown: string): string[] {
  const prose = markdown
    .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[^\n]*$|(?![\s\S]))/gm, "")
    .replace(/(`+)[\s\S]*?\1/g, "");
  const found: string[] = [];
  for (const match of prose.matchAll(/(?<!\\)!\[([^\]\n]*)\](?:\(\s*<?([^\s)>]*)|\[([^\]\n]*)\])/g)) {
    const alt = match[1]!.replace(/\\(.)/g, "$1").trim();
    if (alt) continue;
    found.push(match[2] ?? match[3] ?? "");
  }
  return found;
}
