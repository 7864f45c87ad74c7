import { describe, expect, it } from "vitest";
import { localizeFold } from "./fold";

const folded = '<p>Lead</p><details class="post-fold"><summary>Read more</summary><p>Rest</p></details>';

describe("localizeFold", () => {
  it("puts the page's label on the fold", () => {
    expect(localizeFold(folded, "Weiterlesen")).toBe(
      '<p>Lead</p><details class="post-fold"><summary>Weiterlesen</summary><p>Rest</p></details>',
    );
  });

  it("does the same on an unfolded permalink", () => {
    const open = folded.replace('class="post-fold"', 'class="post-fold" open');
    expect(localizeFold(open, "Lire la suite")).toContain(
      '<details class="post-fold" open><summary>Lire la suite</summary>',
    );
  });

  it("escapes the label and leaves posts without a fold alone", () => {
    expect(localizeFold(folded, "<b>more</b>")).toContain("<summary>&lt;b&gt;more&lt;/b&gt;</summary>");
    expect(localizeFold("<p>Read more</p>", "Weiterlesen")).toBe("<p>Read more</p>");
  });

  it("changes nothing an author wrote that only looks like a fold", () => {
    const text = "<p>&lt;summary&gt;Read more&lt;/summary&gt;</p>";
    expect(localizeFold(text, "Leia mais")).toBe(text);
  });
});
