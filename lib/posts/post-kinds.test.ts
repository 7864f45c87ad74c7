import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/[slug]/posts/route";
import type { ApiPost } from "@/lib/api/api-posts";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { bearer, errorOf } from "@/test/api";
import { xssCorpus } from "@/test/xss-corpus";
import { eventState, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { editPost } from "./edit-post";
import { publishPost } from "./publish-post";
import { renderPost } from "./render-post";

let owner: TestUser;
let event: { id: string; slug: string };
let secret: string;

beforeAll(async () => {
  owner = await makeUser();
  event = await makeEvent(owner);
  secret = (await createApiToken(owner, event.id, { name: "Wire" })).secret;
});

const quoteHtml = "<blockquote><p>We will win.</p>\n<footer><cite>The coach</cite></footer></blockquote>";

function postJson(json: unknown) {
  const { slug } = event;
  const request = new Request(`http://localhost/api/v1/events/${slug}/posts`, {
    method: "POST",
    headers: { ...bearer(secret), "Content-Type": "application/json" },
    body: JSON.stringify(json),
  });
  return POST(request, { params: Promise.resolve({ slug }) });
}

describe("quote posts", () => {
  it("publishes a quote through the domain: stored with its kind, rendered with its attribution", async () => {
    const { post } = await publishPost(owner, event.id, {
      kind: "quote",
      body: "We will win.",
      quoteBy: " The coach ",
    });
    expect(post.html).toBe(quoteHtml);
    const row = await db.post.findUniqueOrThrow({ where: { id: post.id }, select: { kind: true, quoteBy: true } });
    expect(row).toEqual({ kind: "QUOTE", quoteBy: "The coach" });
  });

  it("keeps a standard post standard, and refuses a quote without attribution or an unknown kind", async () => {
    const { post } = await publishPost(owner, event.id, { body: "Plain", quoteBy: "ignored" });
    expect(post.html).toBe("<p>Plain</p>\n");
    const row = await db.post.findUniqueOrThrow({ where: { id: post.id }, select: { kind: true, quoteBy: true } });
    expect(row).toEqual({ kind: "STANDARD", quoteBy: null });

    const before = await eventState(event.id);
    const noAttribution = publishPost(owner, event.id, { kind: "quote", body: "Who said it?", quoteBy: "  " });
    await expect(noAttribution).rejects.toThrow(ValidationError);
    await expect(noAttribution).rejects.toMatchObject({ fieldErrors: { quoteBy: ["Say who is quoted."] } });
    const badKind = publishPost(owner, event.id, { kind: "poem" as "quote", body: "x" });
    await expect(badKind).rejects.toMatchObject({ fieldErrors: { kind: ["A post's kind is standard or quote."] } });
    expect((await eventState(event.id)).lastSeq).toBe(before.lastSeq);
  });

  it("keeps a quote a quote, with its attribution, when it is edited", async () => {
    const { post } = await publishPost(owner, event.id, { kind: "quote", body: "We will win.", quoteBy: "The coach" });
    const edited = await editPost(owner, post.id, { body: "We *will* win.", version: 1 });
    expect(edited.post.html).toBe(
      "<blockquote><p>We <em>will</em> win.</p>\n<footer><cite>The coach</cite></footer></blockquote>",
    );
  });

  it("escapes the attribution: never markup, never a script", () => {
    const html = renderPost({
      kind: "quote",
      body: "Hi",
      quoteBy: `<img src=x onerror=alert(1)>"</cite><script>x()</script>`,
    });
    expect(html).toBe(
      "<blockquote><p>Hi</p>\n<footer><cite>&lt;img src=x onerror=alert(1)&gt;&quot;&lt;/cite&gt;&lt;script&gt;x()&lt;/script&gt;</cite></footer></blockquote>",
    );
    expect(html).not.toMatch(/<script|<img/i);
  });

  it.each(xssCorpus.map((payload) => [payload]))("keeps the XSS corpus inert in an attribution: %s", (payload) => {
    const html = renderPost({ kind: "quote", body: "Hi", quoteBy: payload });
    const cite = html.match(/<footer><cite>([\s\S]*)<\/cite><\/footer><\/blockquote>$/)?.[1];
    expect(cite).toBeDefined();
    expect(cite).not.toMatch(/[<>"']/);
  });

  it("publishes a quote through API v1 and says its kind; a bad kind is a clear 422", async () => {
    const response = await postJson({ kind: "quote", body: "We will win.", quoteBy: "The coach" });
    expect(response.status).toBe(201);
    const { post } = (await response.json()) as { post: ApiPost };
    expect(post).toMatchObject({ kind: "quote", quoteBy: "The coach", html: quoteHtml, version: 1 });

    const bad = await postJson({ kind: "poem", body: "x" });
    expect(await errorOf(bad, 422)).toMatchObject({
      fieldErrors: { kind: ["`kind` must be one of: standard, quote."] },
    });

    const missing = await postJson({ kind: "quote", body: "x" });
    expect(await errorOf(missing, 422)).toMatchObject({ fieldErrors: { quoteBy: ["Say who is quoted."] } });
  });
});
