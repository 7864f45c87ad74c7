import { describe, expect, it } from "vitest";
import { xssCorpus } from "@/test/xss-corpus";
import { renderMarkdown, unfold } from "./render-markdown";

const folded = (lead: string, rest: string) =>
  `${lead}<details class="post-fold"><summary>Read more</summary>${rest}</details>`;

describe("the Read more fold", () => {
  it("shows what is above a ---more--- line and folds the rest into <details>", () => {
    expect(renderMarkdown("The lead.\n---more---\nThe **rest**.")).toBe(
      folded("<p>The lead.</p>\n", "<p>The <strong>rest</strong>.</p>\n"),
    );
    expect(renderMarkdown("The lead.\n\n  ---more---  \n\nRest\n---more---\nstill rest")).toBe(
      folded("<p>The lead.</p>\n", "<p>Rest<br />\n—more—<br />\nstill rest</p>\n"),
    );
  });

  it("folds nothing without a marker on a line of its own, or with nothing above or below it", () => {
    expect(renderMarkdown("No fold ---more--- here")).not.toContain("<details");
    expect(renderMarkdown("---more---\nAll of it")).toBe("<p>All of it</p>\n");
    expect(renderMarkdown("All of it\n---more---\n  ")).toBe("<p>All of it</p>\n");
  });

  it("cannot be forged or opened by a post's own text", () => {
    const html = renderMarkdown('<details class="post-fold"><summary>x</summary></details>');
    expect(html).not.toMatch(/<details|<summary/);
    expect(unfold(html)).toBe(html);
  });

  it("opens on the permalink (unfold)", () => {
    const html = renderMarkdown("Lead\n---more---\nRest");
    expect(unfold(html)).toBe(
      '<p>Lead</p>\n<details class="post-fold" open><summary>Read more</summary><p>Rest</p>\n</details>',
    );
  });

  // Each half goes through the same sanitizer as any post (render-markdown.xss.test.ts).
  it.each(xssCorpus.map((payload) => [payload]))("keeps the XSS corpus as safe around a fold: %s", (payload) => {
    expect(renderMarkdown(`Lead\n---more---\n${payload}`)).toBe(folded("<p>Lead</p>\n", renderMarkdown(payload)));
    expect(renderMarkdown(`${payload}\n---more---\nRest`)).toBe(folded(renderMarkdown(payload), "<p>Rest</p>\n"));
  });
});
