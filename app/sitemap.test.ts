import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createEvent } from "@/lib/events/create-event";
import { endEvent } from "@/lib/events/end-event";
import { env } from "@/lib/env";
import { publishPost } from "@/lib/posts/publish-post";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import robots from "./robots";
import sitemap from "./sitemap";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

describe("sitemap", () => {
  it("lists the home page and every public event with its last change, never a draft", async () => {
    const live = await makeEvent(owner);
    await publishPost(owner, live.id, { body: "Started" });
    const ended = await makeEvent(owner);
    await publishPost(owner, ended.id, { body: "Over" });
    await endEvent(owner, ended.id);
    const draft = await createEvent(owner, {
      title: "Secret",
      slug: `secret-${unique()}`,
      description: "",
      draft: true,
    });
    await publishPost(owner, draft.id, { body: "Not public" });

    const { publicUrl } = env();
    const entries = new Map((await sitemap()).map((entry) => [entry.url, entry]));
    expect(entries.has(`${publicUrl}/`)).toBe(true);
    expect(entries.has(`${publicUrl}/e/${draft.slug}`)).toBe(false);
    for (const event of [live, ended]) {
      const last = await db.change.findFirstOrThrow({ where: { eventId: event.id }, orderBy: { seq: "desc" } });
      expect(entries.get(`${publicUrl}/e/${event.slug}`)?.lastModified).toEqual(last.createdAt);
    }
    expect(entries.get(`${publicUrl}/e/${live.slug}`)?.changeFrequency).toBe("always");
  });
});

describe("robots", () => {
  it("names both sitemaps and keeps crawlers out of the newsroom but not the uploads", () => {
    const { publicUrl } = env();
    const rules = robots();
    expect(rules.sitemap).toEqual([`${publicUrl}/sitemap.xml`, `${publicUrl}/news-sitemap.xml`]);
    expect(rules.rules).toMatchObject({
      userAgent: "*",
      allow: expect.arrayContaining(["/", "/api/uploads/"]),
      disallow: expect.arrayContaining(["/api/", "/dashboard"]),
    });
  });
});
