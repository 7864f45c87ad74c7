/**
 * Text someone else wrote, made literal for Markdown: every ASCII punctuation character is
 * backslash-escaped (CommonMark allows it for all of them), so a reader's words can never
 * become a link, an image, emphasis, a heading, a list or HTML when an editor quotes them.
 * Line breaks are kept; what renders is exactly the text.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~^=&:;"'$%,/?@]/g, "\\$&");
}

/** `text` as a Markdown blockquote of literal lines, for quoting a reader. */
export function quoteLiterally(text: string): string {
  return text
    .split("\n")
    .map((line) => (line.trim() ? `> ${escapeMarkdown(line)}` : ">"))
    .join("\n");
}
