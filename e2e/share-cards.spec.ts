import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test, unique } from "./fixtures";
import { eventWithPosts, publishViaApi } from "./reader-helpers";

/** The content of a `<meta>` of the page, by property (Open Graph) or name (Twitter, description). */
const meta = (page: Page, key: string) =>
  page.locator(`meta[property="${key}"], meta[name="${key}"]`).first().getAttribute("content");

/** The page's JSON-LD data blocks, parsed. */
async function jsonLd(page: Page): Promise<Record<string, unknown>[]> {
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  return blocks.map((text) => JSON.parse(text) as Record<string, unknown>);
}

/** Fetches an absolute URL the page names, from this server, and expects a PNG. */
async function expectPng(request: APIRequestContext, url: string) {
  const { pathname, search } = new URL(url);
  const response = await request.get(`${pathname}${search}`);
  expect(response.status(), url).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
  expect((await response.body()).subarray(1, 4).toString("latin1")).toBe("PNG");
}

/** Parses XML in the browser, strictly: a document with a parser error is not well-formed. */
async function parseXml(page: Page, xml: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    if (doc.getElementsByTagName("parsererror").length > 0) return null;
    const news = "http://www.google.com/schemas/sitemap-news/0.9";
    return [...doc.getElementsByTagName("url")].map((url) => ({
      loc: url.getElementsByTagName("loc")[0]?.textContent ?? "",
      lastmod: url.getElementsByTagName("lastmod")[0]?.textContent ?? "",
      newsTitle: url.getElementsByTagNameNS(news, "title")[0]?.textContent ?? null,
    }));
  }, xml);
}

test("a permalink carries its own share card, canonical link and BlogPosting", async ({
  editorPage: console,
  request,
  newPerson,
}) => {
  const { slug, token } = await eventWithPosts(console, request, 1, "Share test");
  const post = await publishViaApi(request, slug, token, "It is out **now**, within a [second](https://example.com/).");

  const reader = await newPerson({ javaScriptEnabled: false });
  await reader.goto(`/e/${slug}/p/${post.id}`);
  const permalink = await reader.locator('link[rel="canonical"]').getAttribute("href");
  expect(permalink).toMatch(new RegExp(`^https?://[^/]+/e/${slug}/p/${post.id}$`));
  const eventUrl = permalink!.replace(/\/p\/[^/]+$/, "");

  expect(await meta(reader, "og:type")).toBe("article");
  expect(await meta(reader, "og:url")).toBe(permalink);
  expect(await meta(reader, "og:title")).toMatch(/^It is out now, within a second\. — Share test /);
  expect(await meta(reader, "og:description")).toBe("It is out now, within a second.");
  expect(await meta(reader, "twitter:card")).toBe("summary_large_image");
  const image = await meta(reader, "og:image");
  expect(image).toMatch(new RegExp(`/e/${slug}/p/${post.id}/share\\.png\\?v=\\d+$`));
  expect(await meta(reader, "twitter:image")).toBe(image);
  await expectPng(request, image!);

  const [posting] = await jsonLd(reader);
  expect(posting).toMatchObject({
    "@context": "https://schema.org",
    "@type": "BlogPosting",
    "@id": permalink,
    headline: "It is out now, within a second.",
    articleBody: "It is out now, within a second.",
    image: [image],
    isPartOf: { "@type": "LiveBlogPosting", "@id": eventUrl, url: eventUrl },
  });
});

test("an event without a cover shares a generated card; unknown ones have none", async ({
  editorPage: console,
  request,
  newPerson,
}) => {
  const { slug } = await eventWithPosts(console, request, 1, "Cardless");
  const reader = await newPerson({ javaScriptEnabled: false });
  await reader.goto(`/e/${slug}`);
  const image = await meta(reader, "og:image");
  expect(image).toMatch(new RegExp(`/e/${slug}/share\\.png\\?v=\\d+$`));
  expect(await meta(reader, "twitter:image")).toBe(image);
  expect(await meta(reader, "twitter:card")).toBe("summary_large_image");
  await expectPng(request, image!);
  const [liveBlog] = await jsonLd(reader);
  expect(liveBlog).toMatchObject({ "@type": "LiveBlogPosting", image: [image] });

  expect((await request.get(`/e/nope-${unique()}/share.png`)).status()).toBe(404);
  expect((await request.get(`/e/${slug}/p/nope${unique()}/share.png`)).status()).toBe(404);
});

test("search engines find robots.txt, both sitemaps and the icons", async ({ editorPage: console, request }) => {
  const { slug } = await eventWithPosts(console, request, 1, `Findable & "quoted" <${unique()}>`);

  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  const robotsText = await robots.text();
  expect(robotsText).toMatch(/^Sitemap: https?:\/\/[^/]+\/sitemap\.xml$/m);
  expect(robotsText).toMatch(/^Sitemap: https?:\/\/[^/]+\/news-sitemap\.xml$/m);
  expect(robotsText).toMatch(/^Disallow: \/dashboard$/m);

  for (const path of ["/sitemap.xml", "/news-sitemap.xml"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toMatch(/xml/);
    const urls = await parseXml(console, await response.text());
    expect(urls, `${path} is well-formed`).not.toBeNull();
    const entry = urls!.find((url) => url.loc.endsWith(`/e/${slug}`));
    expect(entry, `${path} lists the event`).toBeDefined();
    expect(entry!.lastmod).toMatch(/^\d{4}-\d\d-\d\dT/);
    if (path === "/news-sitemap.xml") expect(entry!.newsTitle).toMatch(/^Findable & "quoted" </);
  }

  await console.goto("/");
  const icons = await console.locator('link[rel="icon"], link[rel="apple-touch-icon"]').all();
  expect(icons.length).toBeGreaterThanOrEqual(2);
  for (const icon of icons) {
    const href = (await icon.getAttribute("href"))!;
    const response = await request.get(href);
    expect(response.status(), href).toBe(200);
    expect(response.headers()["content-type"], href).toMatch(/^image\/(svg\+xml|png)/);
  }
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toBe("image/png");
});
