import { describe, expect, it } from "vitest";
import { limits } from "./limits";
import { slugify, slugPattern } from "./slug";

describe("slugify", () => {
  it.each([
    ["Apple Keynote: WWDC '26!", "apple-keynote-wwdc-26"],
    ["  Election night  ", "election-night"],
    ["Café Zürich — Día 2", "cafe-zurich-dia-2"],
    ["ﬁnal ROUND ①", "final-round-1"], // NFKD folds ligatures and circled digits
    ["already-a-slug", "already-a-slug"],
    ["--Lots   of---dashes--", "lots-of-dashes"],
    ["2026", "2026"],
  ])("%j → %j", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it.each(["", "   ", "!!!", "日本語", "—"])("gives an empty slug for %j (nothing to make one from)", (title) => {
    expect(slugify(title)).toBe("");
  });

  it("caps the length without leaving a trailing dash", () => {
    const long = slugify(`${"a".repeat(limits.slug - 1)} b`);
    expect(long).toBe("a".repeat(limits.slug - 1));
    expect(slugify("word ".repeat(40)).length).toBeLessThanOrEqual(limits.slug);
    expect(slugify("word ".repeat(40))).not.toMatch(/-$/);
    expect(slugify("x".repeat(200))).toBe("x".repeat(limits.slug));
  });

  it("always produces a valid slug or nothing", () => {
    const titles = [
      "Apple Keynote: WWDC '26!",
      "a - b",
      "-a-",
      "Ünïcödé  ---  Tëxt",
      `${"ab-".repeat(30)}end`,
      "x".repeat(79) + "-y",
      "Tab\tand\nnewline",
    ];
    for (const title of titles) {
      const slug = slugify(title);
      expect(slug.length).toBeLessThanOrEqual(limits.slug);
      if (slug !== "") expect(slug, title).toMatch(slugPattern);
    }
  });
});

describe("slugPattern", () => {
  it.each(["a", "a1", "live-2026", "a-b-c"])("accepts %j", (slug) => expect(slugPattern.test(slug)).toBe(true));
  it.each(["", "-a", "a-", "a--b", "A", "a b", "a_b", "é", "a/b", "../x"])("rejects %j", (slug) =>
    expect(slugPattern.test(slug)).toBe(false),
  );
});
