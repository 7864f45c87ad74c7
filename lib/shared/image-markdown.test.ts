import { describe, expect, it } from "vitest";
import { imageMarkdown, imagesWithoutAlt, imageTitle, parseImageTitle } from "./image-markdown";

const url = "/api/uploads/ev/abc.png";

describe("imagesWithoutAlt", () => {
  it.each([
    ["no image", "Just words, [a link](https://example.com).", []],
    ["an image with alt", `![A firefighter](${url})`, []],
    ["an image with empty alt", `![](${url})`, [url]],
    ["an image with blank alt", `![   ](${url} "Caption — Photo: X")`, [url]],
    ["an escaped-only alt is not blank", `![\\*](${url})`, []],
    ["decorative marker", `![(decorative)](${url})`, []],
    [
      "two images, one without alt",
      `![Ok](https://a.example/1.png)\n\n![](https://a.example/2.png)`,
      ["https://a.example/2.png"],
    ],
    ["angle-bracket destination", `![](<${url}>)`, [url]],
    ["reference-style image", `![][pic]\n\n[pic]: ${url}`, ["pic"]],
    ["an escaped image is text", `\\![](${url})`, []],
    ["an image in inline code is text", `\`![](${url})\``, []],
    ["an image in a fenced block is text", `\`\`\`\n![](${url})\n\`\`\``, []],
    ["an image after a fenced block counts", `~~~\ncode\n~~~\n\n![](${url})`, [url]],
    ["an unclosed fence hides the rest", `\`\`\`\n![](${url})`, []],
    ["brackets alone are not an image", "![] and ![alt]", []],
  ] as const)("%s", (_, markdown, expected) => {
    expect(imagesWithoutAlt(markdown)).toEqual(expected);
  });
});

describe("image Markdown", () => {
  it.each([
    [{ alt: "Smoke", caption: "Docks", credit: "Ana" }, `![Smoke](${url} "Docks — Photo: Ana")`],
    [{ alt: "Smoke", caption: "Docks" }, `![Smoke](${url} "Docks")`],
    [{ alt: "Smoke", credit: "Ana" }, `![Smoke](${url} "Photo: Ana")`],
    [{ alt: "" }, `![(decorative)](${url})`],
    [{ alt: null }, `![](${url})`],
    [
      { alt: "a [b] *c* _d_", caption: 'He said "go" \\ now' },
      `![a \\[b\\] \\*c\\* \\_d\\_](${url} "He said \\"go\\" \\\\ now")`,
    ],
  ])("%j", (fields, expected) => {
    expect(imageMarkdown(url, fields)).toBe(expected);
  });

  it.each([
    ["Docks", "Ana"],
    ["Docks", ""],
    ["", "Ana"],
    ["A — B", "C"],
    ["", ""],
  ])("caption %j and credit %j round-trip through the title", (caption, credit) => {
    expect(parseImageTitle(imageTitle(caption, credit))).toEqual({ caption, credit });
  });
});
