const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/**
 * A post's sanitized HTML as plain text, cut at a word to at most `max` characters: for a
 * permalink's title and description, and anywhere a post is named in one line.
 */
export function postExcerpt(html: string, max: number): string {
  const text = html
    .replace(/<(figure|iframe)[\s\S]*?<\/\1>/gi, " ") // embeds say nothing in text
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => entities[name] ?? "")
    .replace(/\s+/g, " ")
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = text[max - 1] === " " ? cut.length : cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, "")}…`;
}
