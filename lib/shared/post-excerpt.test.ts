import { describe, expect, it } from "vitest";
import { postExcerpt } from "./post-excerpt";

describe("postExcerpt", () => {
  it("gives the text of the HTML, entities decoded, whitespace collapsed", () => {
    expect(postExcerpt("<p>Goal! <strong>3–1</strong> &amp; counting</p>\n<p>Next&nbsp;up</p>", 100)).toBe(
      "Goal! 3–1 & counting Next up",
    );
  });
  it("cuts at a word with an ellipsis", () => {
    expect(postExcerpt("<p>The quick brown fox jumps over the lazy dog</p>", 20)).toBe("The quick brown fox…");
    expect(postExcerpt("<p>Short</p>", 20)).toBe("Short");
  });
});
