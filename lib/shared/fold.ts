// The "Read more" fold of a long post (lib/posts/render-markdown.ts) is written into the
// post's HTML in English, once. Each page shows its label in the page's language instead,
// so a post reads right whatever language its event has now.
const foldLabel = '<details class="post-fold"><summary>Read more</summary>';
const openFoldLabel = '<details class="post-fold" open><summary>Read more</summary>';

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The post's HTML with its fold's label in the page's language. */
export function localizeFold(html: string, label: string): string {
  if (label === "Read more" || !html.includes('<details class="post-fold"')) return html;
  const summary = `<summary>${escapeHtml(label)}</summary>`;
  return html
    .replace(foldLabel, `<details class="post-fold">${summary}`)
    .replace(openFoldLabel, `<details class="post-fold" open>${summary}`);
}
