import { describe, expect, it } from "vitest";
import { blogPostingJsonLd, liveBlogJsonLd, serializeJsonLd, type LiveBlogInput } from "./live-blog-json-ld";
import type { PostView } from "./types";

const post = (id: string, publishedAt: string, extra: Partial<PostView> = {}): PostView => ({
  id,
  headline: null,
  html: `<p>Body of ${id}</p>`,
  authorName: "Ada",
  publishedAt,
  editedAt: null,
  pinned: false,
  keyLabel: null,
  ...extra,
});

const input = (overrides: Partial<LiveBlogInput> = {}): LiveBlogInput => ({
  url: "https://herald.example/e/keynote",
  title: "Keynote",
  description: "The big one",
  status: "LIVE",
  startsAt: null,
  createdAt: "2026-01-01T09:00:00.000Z",
  imageUrl: null,
  publisher: "The Daily Herald",
  language: "de",
  posts: [
    post("b", "2026-01-01T10:05:00.000Z", { headline: "Second", editedAt: "2026-01-01T10:30:00.000Z" }),
    post("a", "2026-01-01T10:00:00.000Z", { html: "<p>Fish &amp; chips <strong>now</strong>.</p>" }),
    post("c", "2026-01-01T10:10:00.000Z", { pinned: true }),
  ],
  postUrl: (id) => `https://herald.example/e/keynote/p/${id}`,
  ...overrides,
});

// What a search engine sees: the JSON parsed back out of the script element's text.
const parsed = (data: unknown) => JSON.parse(serializeJsonLd(data)) as Record<string, unknown>;

describe("liveBlogJsonLd", () => {
  it("gives the key points as the abstract, in plain text, and none when there are none", () => {
    const html = "<ul>\n<li>Polls close at <strong>8pm</strong></li>\n<li>Fish &amp; chips</li>\n</ul>\n";
    const ld = parsed(liveBlogJsonLd(input({ summaryHtml: html })));
    expect(ld.abstract).toMatch(/^Polls close at 8pm\s+Fish & chips$/);
    expect(parsed(liveBlogJsonLd(input({ summaryHtml: "" }))).abstract).toBeUndefined();
    expect(parsed(liveBlogJsonLd(input())).abstract).toBeUndefined();
  });

  it("describes the event as a LiveBlogPosting with its coverage start", () => {
    const ld = parsed(liveBlogJsonLd(input()));
    expect(ld).toMatchObject({
      "@context": "https://schema.org",
      "@type": "LiveBlogPosting",
      "@id": "https://herald.example/e/keynote",
      url: "https://herald.example/e/keynote",
      headline: "Keynote",
      description: "The big one",
      inLanguage: "de",
      coverageStartTime: "2026-01-01T09:00:00.000Z",
      datePublished: "2026-01-01T09:00:00.000Z",
      dateModified: "2026-01-01T10:30:00.000Z",
    });
    expect(ld.coverageEndTime).toBeUndefined();
    expect(ld.publisher).toEqual({ "@type": "Organization", name: "The Daily Herald" });
    expect(ld.image).toBeUndefined();
  });

  it("lists every update newest first as a BlogPosting with its permalink", () => {
    const updates = parsed(liveBlogJsonLd(input())).liveBlogUpdate as Record<string, unknown>[];
    expect(updates.map((u) => u["@id"])).toEqual([
      "https://herald.example/e/keynote/p/c",
      "https://herald.example/e/keynote/p/b",
      "https://herald.example/e/keynote/p/a",
    ]);
    for (const u of updates) {
      expect(u["@type"]).toBe("BlogPosting");
      for (const field of ["headline", "datePublished", "dateModified", "articleBody", "url"]) {
        expect(u[field], field).toEqual(expect.any(String));
      }
    }
    expect(updates[1]).toMatchObject({
      headline: "Second",
      datePublished: "2026-01-01T10:05:00.000Z",
      dateModified: "2026-01-01T10:30:00.000Z",
    });
    // No headline: the text stands in, markup gone and entities decoded.
    expect(updates[2]).toMatchObject({ headline: "Fish & chips now.", articleBody: "Fish & chips now." });
  });

  it("ends coverage at the last update once the event has ended, and starts it at the announced time", () => {
    const ld = liveBlogJsonLd(input({ status: "ENDED", startsAt: "2026-01-01T09:30:00.000Z" }));
    expect(ld.coverageStartTime).toBe("2026-01-01T09:30:00.000Z");
    expect(ld.coverageEndTime).toBe("2026-01-01T10:30:00.000Z");
  });

  it("has no updates and a modification time at its start when nothing is published yet", () => {
    const ld = liveBlogJsonLd(input({ posts: [], imageUrl: "https://herald.example/cover.png" }));
    expect(ld.liveBlogUpdate).toEqual([]);
    expect(ld.dateModified).toBe("2026-01-01T09:00:00.000Z");
    expect(ld.image).toEqual(["https://herald.example/cover.png"]);
  });

  it("cannot be broken out of its script element by a post's text", () => {
    const hostile = post("x", "2026-01-01T11:00:00.000Z", { headline: "</script><script>alert(1)</script>" });
    const json = serializeJsonLd(liveBlogJsonLd(input({ posts: [hostile] })));
    expect(json).not.toMatch(/[<>]/);
    expect((JSON.parse(json) as { liveBlogUpdate: { headline: string }[] }).liveBlogUpdate[0]!.headline).toBe(
      "</script><script>alert(1)</script>",
    );
  });
});

describe("blogPostingJsonLd", () => {
  it("describes one update as a BlogPosting that is part of the event's LiveBlogPosting", () => {
    const update = post("a", "2026-01-01T10:00:00.000Z", {
      html: "<p>It is out <strong>now</strong>.</p>",
      editedAt: "2026-01-01T10:20:00.000Z",
    });
    const ld = parsed(
      blogPostingJsonLd({
        url: "https://herald.example/e/keynote/p/a",
        imageUrl: "https://herald.example/e/keynote/p/a/share.png?v=3",
        post: update,
        publisher: "The Daily Herald",
        language: "ar",
        liveBlog: { url: "https://herald.example/e/keynote", title: "Keynote" },
      }),
    );
    expect(ld).toEqual({
      "@context": "https://schema.org",
      "@type": "BlogPosting",
      "@id": "https://herald.example/e/keynote/p/a",
      url: "https://herald.example/e/keynote/p/a",
      mainEntityOfPage: "https://herald.example/e/keynote/p/a",
      inLanguage: "ar",
      headline: "It is out now.",
      articleBody: "It is out now.",
      datePublished: "2026-01-01T10:00:00.000Z",
      dateModified: "2026-01-01T10:20:00.000Z",
      author: { "@type": "Person", name: "Ada" },
      image: ["https://herald.example/e/keynote/p/a/share.png?v=3"],
      publisher: { "@type": "Organization", name: "The Daily Herald" },
      isPartOf: {
        "@type": "LiveBlogPosting",
        "@id": "https://herald.example/e/keynote",
        url: "https://herald.example/e/keynote",
        headline: "Keynote",
      },
    });
  });
});
