import { parseDocument } from "htmlparser2";
import type { Element } from "domhandler";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createEvent } from "@/lib/events/create-event";
import { endEvent } from "@/lib/events/end-event";
import { env, newsroomName } from "@/lib/env";
import { publishPost } from "@/lib/posts/publish-post";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { GET } from "./route";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

const tags = (el: Element, name: string) =>
  el.children.filter((n): n is Element => n.type === "tag" && n.name === name);
const text = (el: Element, name: string) =>
  tags(el, name)
    .flatMap((c) => c.children)
    .map((n) => ("data" in n ? n.data : ""))
    .join("");

/** The news sitemap as served, parsed strictly: each URL's news block by page URL. */
async function newsSitemap() {
  const response = await GET();
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
  const xml = await response.text();
  const urlset = parseDocument(xml, { xmlMode: true, decodeEntities: true }).children.find(
    (n): n is Element => n.type === "tag",
  )!;
  expect(urlset.name).toBe("urlset");
  expect(urlset.attribs.xmlns).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
  expect(urlset.attribs["xmlns:news"]).toBe("http://www.google.com/schemas/sitemap-news/0.9");
  return { xml, urls: new Map(tags(urlset, "url").map((url) => [text(url, "loc"), url])) };
}

const pageUrl = (slug: string) => `${env().publicUrl}/e/${slug}`;

describe("GET /news-sitemap.xml", () => {
  it("lists live and ended events changed in the last two days, titles escaped", async () => {
    const live = await makeEvent(owner, { title: `Q&A <live> "now" ${unique()}` });
    await publishPost(owner, live.id, { body: "Started" });
    const ended = await makeEvent(owner);
    await endEvent(owner, ended.id);

    const { xml, urls } = await newsSitemap();
    expect(xml).toContain("Q&amp;A &lt;live&gt; &quot;now&quot;");
    const entry = urls.get(pageUrl(live.slug));
    expect(entry).toBeDefined();
    const news = tags(entry!, "news:news")[0]!;
    const publication = tags(news, "news:publication")[0]!;
    expect(text(publication, "news:name")).toBe(newsroomName());
    expect(text(publication, "news:language")).toBe("en");
    expect(text(news, "news:title")).toBe(live.title);
    const created = await db.event.findUniqueOrThrow({ where: { id: live.id }, select: { createdAt: true } });
    expect(text(news, "news:publication_date")).toBe(created.createdAt.toISOString());
    const last = await db.change.findFirstOrThrow({ where: { eventId: live.id }, orderBy: { seq: "desc" } });
    expect(text(entry!, "lastmod")).toBe(last.createdAt.toISOString());
    expect(urls.has(pageUrl(ended.slug))).toBe(true);
  });

  it("never lists a draft, nor an event quiet for more than two days", async () => {
    const draft = await createEvent(owner, {
      title: "Secret",
      slug: `secret-${unique()}`,
      description: "",
      draft: true,
    });
    await publishPost(owner, draft.id, { body: "Not public" });
    const stale = await makeEvent(owner);
    await publishPost(owner, stale.id, { body: "Old news" });
    await db.$executeRaw`UPDATE "Change" SET "createdAt" = now() - interval '3 days' WHERE "eventId" = ${stale.id}`;

    const { urls } = await newsSitemap();
    expect(urls.has(pageUrl(draft.slug))).toBe(false);
    expect(urls.has(pageUrl(stale.slug))).toBe(false);
  });
});
