import { describe, expect, it } from "vitest";
import { excerpt, plainText } from "./plain-text";

describe("plainText", () => {
  it.each([
    ["inline markup before punctuation", "<p>It is out <strong>now</strong>.</p>", "It is out now."],
    [
      "a link before a comma",
      '<p>within a <a href="https://x.example/" target="_blank">second</a>, over Server-Sent Events</p>',
      "within a second, over Server-Sent Events",
    ],
    ["markup inside a word", "<p>un<em>believ</em>able</p>", "unbelievable"],
    ["nested inline markup", "<p><strong><em>Goal</em></strong>!</p>", "Goal!"],
    ["code and strikethrough", "<p>Run <code>npm test</code>; <s>old</s> new</p>", "Run npm test; old new"],
    ["paragraphs", "<p>One.</p>\n<p>Two.</p>", "One. Two."],
    ["paragraphs with no newline between them", "<p>One</p><p>Two</p>", "One Two"],
    ["a line break", "<p>Line one<br>\nline two</p>", "Line one line two"],
    ["a self-closed line break", "<p>a<br/>b</p>", "a b"],
    ["headings and lists", "<h2>Score</h2><ul><li>Home 3</li><li>Away 1</li></ul>", "Score Home 3 Away 1"],
    [
      "a table's cells",
      "<table><tr><th>Team</th><th>Goals</th></tr><tr><td>A</td><td>2</td></tr></table>",
      "Team Goals A 2",
    ],
    ["a quotation", "<blockquote><p>We did it.</p></blockquote><p>Said she.</p>", "We did it. Said she."],
    ["a rule", "<p>Before</p><hr><p>after</p>", "Before after"],
    ["preformatted code keeps words apart", "<pre><code>a  =\n  1</code></pre>", "a = 1"],
    [
      "named and numeric entities",
      "<p>Fish &amp; chips &lt;3 &quot;yes&quot; &#39;no&#39; &#x2014; &hellip;</p>",
      "Fish & chips <3 \"yes\" 'no' — …",
    ],
    ["a non-breaking space", "<p>Next&nbsp;up</p>", "Next up"],
    ["an unknown entity stays as written", "<p>&bogus; &amp;amp;</p>", "&bogus; &amp;"],
    ["a numeric entity that names no character", "<p>&#xD800;&#1114112;</p>", "\ufffd\ufffd"],
    ["escaped markup is text, not markup", "<p>&lt;strong&gt;hi&lt;/strong&gt;</p>", "<strong>hi</strong>"],
    ["whitespace collapsed", "<p>  lots \n\t of   space  </p>", "lots of space"],
    ["an image says nothing", '<p>Look<img src="https://x.example/a.png" alt="a cat">here</p>', "Look here"],
    [
      "a YouTube embed says nothing",
      '<p>Watch:</p><div class="embed"><iframe src="https://www.youtube-nocookie.com/embed/abc" title="YouTube video"></iframe></div><p>Done</p>',
      "Watch: Done",
    ],
    [
      "an embed card reads as its URL",
      '<p><a class="embed-card block" href="https://x.com/a/status/1"><span class="embed-card-provider block">X</span><span class="embed-card-url block">https://x.com/a/status/1</span></a></p>',
      "https://x.com/a/status/1",
    ],
    ["scripts and styles say nothing", "<p>a</p><script>alert(1)</script><style>p{}</style><p>b</p>", "a b"],
    ["a quoted attribute holding >", '<p><a title="a > b" href="/">link</a> text</p>', "link text"],
    ["comments", "<p>a<!-- hidden -->b</p>", "ab"],
    ["plain text without markup", "Just words", "Just words"],
    ["nothing", "", ""],
  ])("%s", (_, html, text) => {
    expect(plainText(html)).toBe(text);
  });
});

describe("excerpt", () => {
  it.each([
    ["short text stays whole", "Short", 20, "Short"],
    ["exactly the limit stays whole", "12345", 5, "12345"],
    ["cuts at a word, with an ellipsis", "The quick brown fox jumps over the lazy dog", 20, "The quick brown fox…"],
    ["drops punctuation before the ellipsis", "Goal, and then another goal", 6, "Goal…"],
    ["cuts a very long word where it must", "Supercalifragilistic", 10, "Supercali…"],
    ["never splits an emoji", "ab😀😀😀😀", 4, "ab😀…"],
  ])("%s", (_, text, max, expected) => {
    const result = excerpt(text, max);
    expect(result).toBe(expected);
    expect(Array.from(result).length).toBeLessThanOrEqual(max);
  });
});
