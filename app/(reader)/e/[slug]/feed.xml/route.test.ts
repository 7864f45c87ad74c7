import { parseDocument } from "htmlparser2";
import type { Element } from "domhandler";
import { beforeAll, describe, expect, it } from "vitest";
import { createEvent } from "@/lib/events/create-event";
import { env } from "@/lib/env";
import { editPost } from "@/lib/posts/edit-post";
import { publishPost } from "@/lib/posts/publish-post";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { GET } from "./route";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser({ name: "Ada <Lovelace> & Co" });
});

function get(slug: string) {
  return GET(new Request(`http://localhost/e/${slug}/feed.xml`), { params: Promise.resolve({ slug }) });
}

// A strict XML parse of the feed: elements by name, their text, their attributes.
function parseFeed(xml: string) {
  const document = parseDocument(xml, { xmlMode: true, decodeEntities: true });
  const feed = document.children.find((n): n is Element => n.type === "tag") as Element;
  const children = (el: Element, name: string) =>
    el.children.filter((n): n is Element => n.type === "tag" && n.name === name);
  const text = (el: Element, name: string) =>
    children(el, name)
      .flatMap((c) => c.children)
      .map((n) => ("data" in n ? n.data : ""))
      .join("");
  return { feed, children, text };
}

describe("GET /e/[slug]/feed.xml", () => {
  it("is an Atom feed of the event's posts, newest first, with permalinks as ids and escaped HTML content", async () => {
    const event = await makeEvent(owner, { title: `Q&A <live> ${unique()}`, description: "Tom & Jerry" });
    const first = await publishPost(owner, event.id, { body: "First **bold** & <b>raw</b>", headline: "" });
    const second = await publishPost(owner, event.id, { body: "Second", headline: "Headline <2>" });
    const edited = await editPost(owner, first.post.id, {
      body: "First, edited within a [second](https://example.com/), over **Server-Sent Events**.",
      headline: "",
      version: 1,
    });

    const response = await get(event.slug);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const { feed, children, text } = parseFeed(await response.text());

    const { publicUrl } = env();
    const pageUrl = `${publicUrl}/e/${event.slug}`;
    expect(feed.name).toBe("feed");
    expect(feed.attribs.xmlns).toBe("http://www.w3.org/2005/Atom");
    expect(text(feed, "id")).toBe(pageUrl);
    expect(text(feed, "title")).toBe(event.title);
    expect(text(feed, "subtitle")).toBe("Tom & Jerry");
    expect(children(feed, "link").map((l) => [l.attribs.rel, l.attribs.href])).toEqual([
      ["self", `${pageUrl}/feed.xml`],
      ["alternate", pageUrl],
    ]);

    const entries = children(feed, "entry");
    const postUrl = (id: string) => `${pageUrl}/p/${id}`;
    expect(entries.map((e) => text(e, "id"))).toEqual([postUrl(second.post.id), postUrl(first.post.id)]);
    expect(entries.map((e) => children(e, "link")[0]!.attribs.href)).toEqual(entries.map((e) => text(e, "id")));
    expect(text(entries[0]!, "title")).toBe("Headline <2>");
    // Inline markup leaves no space before the punctuation after it.
    expect(text(entries[1]!, "title")).toBe("First, edited within a second, over Server-Sent Events.");
    expect(text(children(entries[0]!, "author")[0]!, "name")).toBe("Ada <Lovelace> & Co");

    // `updated`: the feed's is its newest change, an entry's is its last edit.
    expect(text(entries[1]!, "published")).toBe(first.post.publishedAt);
    expect(text(entries[1]!, "updated")).toBe(edited.post.editedAt);
    expect(text(feed, "updated")).toBe(edited.post.editedAt);

    // The content is the post's sanitized HTML, carried as text (escaped) in the XML.
    const content = children(entries[1]!, "content")[0]!;
    expect(content.attribs.type).toBe("html");
    expect(text(entries[1]!, "content")).toBe(edited.post.html);
    expect(text(entries[0]!, "content")).toBe(second.post.html);
  });

  it("has no entries and still a valid head for an event with nothing published", async () => {
    const event = await makeEvent(owner);
    const { feed, children, text } = parseFeed(await (await get(event.slug)).text());
    expect(children(feed, "entry")).toEqual([]);
    expect(text(feed, "updated")).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(text(children(feed, "author")[0]!, "name")).toBe("Herald");
  });

  it("is a 404 for drafts and unknown events", async () => {
    const draft = await createEvent(owner, {
      title: "Secret",
      slug: `secret-${unique()}`,
      description: "",
      draft: true,
    });
    await publishPost(owner, draft.id, { body: "written before the event goes public" });
    expect((await get(draft.slug)).status).toBe(404);
    expect((await get(`nope-${unique()}`)).status).toBe(404);
    expect((await get("Not A Slug!")).status).toBe(404);
  });
});
