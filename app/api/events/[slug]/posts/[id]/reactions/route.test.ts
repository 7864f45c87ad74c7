import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { endEvent } from "@/lib/events/end-event";
import { publishPost } from "@/lib/posts/publish-post";
import { reactionsPerAddress } from "@/lib/reactions/react-to-post";
import { readerCookieName } from "@/lib/tally/reader-token";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { DELETE, POST } from "./route";

// The public reaction route: anyone may react (no account), from this site's pages only;
// a replay counts nothing, a reader takes back only their own, and every refusal is a 4xx
// that says why and counts nothing.

let owner: TestUser;
let slug: string;
let eventId: string;
let postId: string;

beforeAll(async () => {
  owner = await makeUser();
  ({ slug, id: eventId } = await makeEvent(owner));
  postId = (await publishPost(owner, eventId, { body: "React to me." })).post.id;
});

type Call = { body: BodyInit; type?: string; headers?: Record<string, string>; to?: [string, string] };

function request(method: "POST" | "DELETE", { body, type = "application/json", headers = {}, to }: Call) {
  const [s, id] = to ?? [slug, postId];
  const req = new Request(`http://localhost/api/events/${s}/posts/${id}/reactions`, {
    method,
    headers: {
      "content-type": type,
      host: "localhost",
      origin: "http://localhost",
      "x-herald-client-ip": "192.0.2.1",
      ...headers,
    },
    body,
  });
  return (method === "POST" ? POST : DELETE)(req, { params: Promise.resolve({ slug: s, id }) });
}
const react = (value: unknown, call: Omit<Call, "body"> = {}) =>
  request("POST", { body: JSON.stringify(value), ...call });
const count = (kind: string, id = postId) => db.reaction.count({ where: { postId: id, kind } });

/** The reader cookie a response set, as a Cookie header value. */
function cookieOf(response: Response): string {
  const set = response.headers.get("set-cookie") ?? "";
  expect(set).toMatch(new RegExp(`^${readerCookieName(eventId)}=`));
  return set.split(";")[0]!;
}

describe("POST /api/events/[slug]/posts/[id]/reactions", () => {
  it("counts a reaction (201) and gives a new reader a signed, httpOnly, Lax cookie", async () => {
    const before = await count("like");
    const response = await react({ kind: "like" });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { created: boolean; counts: Record<string, number>; reader: string };
    expect(body.created).toBe(true);
    expect(body.counts.like).toBe(before + 1);
    const set = response.headers.get("set-cookie")!;
    expect(set).toContain("HttpOnly");
    expect(set).toContain("SameSite=Lax");
    expect(set).toContain("Path=/");
    expect(cookieOf(response)).toBe(`${readerCookieName(eventId)}=${body.reader}`);
  });

  it("counts a replayed request once, by cookie or by the token in the body", async () => {
    const first = await react({ kind: "wow" });
    const cookie = cookieOf(first);
    const { reader } = (await first.json()) as { reader: string };
    const before = await count("wow");
    const again = await react({ kind: "wow" }, { headers: { cookie } });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ created: false, counts: expect.objectContaining({ wow: before }) });
    expect(again.headers.get("set-cookie")).toBeNull(); // the reader is known: no new cookie
    const viaBody = await react({ kind: "wow", reader });
    expect(viaBody.status).toBe(200);
    expect(await count("wow")).toBe(before);
  });

  it("treats a forged or foreign cookie as no cookie: a new reader", async () => {
    const forged = `${readerCookieName(eventId)}=${"a".repeat(22)}.${"b".repeat(43)}`;
    const before = await count("sad");
    const response = await react({ kind: "sad" }, { headers: { cookie: forged } });
    expect(response.status).toBe(201);
    expect(cookieOf(response)).not.toBe(forged);
    expect(await count("sad")).toBe(before + 1);
  });

  it("takes a plain form post and sends the reader back to the post (303)", async () => {
    const before = await count("applause");
    const response = await request("POST", {
      body: new URLSearchParams({ kind: "applause" }).toString(),
      type: "application/x-www-form-urlencoded",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/e/${slug}/p/${postId}#post-${postId}`);
    expect(response.headers.get("set-cookie")).toContain("HttpOnly");
    expect(await count("applause")).toBe(before + 1);
    const embed = await request("POST", {
      body: new URLSearchParams({ kind: "applause", from: "embed" }).toString(),
      type: "application/x-www-form-urlencoded",
    });
    expect(embed.headers.get("location")).toBe(`/embed/${slug}#post-${postId}`);
  });

  it.each([
    ["a kind not in the set", () => react({ kind: "angry" }), 422],
    ["no kind", () => react({}), 422],
    ["another site's page", () => react({ kind: "like" }, { headers: { origin: "https://evil.example" } }), 403],
    ["not JSON", () => request("POST", { body: "{" }), 400],
    ["a JSON array", () => react(["like"]), 400],
    ["an unknown content type", () => request("POST", { body: "like", type: "text/plain" }), 400],
    ["an oversized body", () => react({ kind: "like", pad: "x".repeat(5_000) }), 413],
    ["no such event", () => react({ kind: "like" }, { to: ["no-such-event-x", "abc"] }), 404],
    ["no such post", () => react({ kind: "like" }, { to: [slug, "nosuchpost"] }), 404],
    ["a malformed post id", () => react({ kind: "like" }, { to: [slug, "%00..%2F"] }), 404],
  ])("refuses %s with a message, and counts nothing", async (_label, call, status) => {
    const before = await db.reaction.count({ where: { eventId } });
    const response = await call();
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toBeTruthy();
    expect(await db.reaction.count({ where: { eventId } })).toBe(before);
  });

  it("refuses a post that is not published (404), an unpublished event (404) and an ended one (409)", async () => {
    const draft = await db.post.create({
      data: { eventId, authorId: owner.id, status: "DRAFT", bodyMarkdown: "x", bodyHtml: "<p>x</p>" },
    });
    expect((await react({ kind: "like" }, { to: [slug, draft.id] })).status).toBe(404);

    const hidden = await makeEvent(owner);
    const hiddenPost = (await publishPost(owner, hidden.id, { body: "Not yet." })).post.id;
    await db.event.update({ where: { id: hidden.id }, data: { status: "DRAFT" } });
    expect((await react({ kind: "like" }, { to: [hidden.slug, hiddenPost] })).status).toBe(404);

    const ended = await makeEvent(owner);
    const endedPost = (await publishPost(owner, ended.id, { body: "Final." })).post.id;
    await endEvent(owner, ended.id);
    const response = await react({ kind: "like" }, { to: [ended.slug, endedPost] });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: string }).error).toMatch(/ended/);
    expect(await count("like", endedPost)).toBe(0);
  });

  it("answers 429 with Retry-After to an address over its limit", async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 250)}-${unique()}`;
    const headers = { "x-herald-client-ip": address };
    for (let i = 0; i < reactionsPerAddress().limit; i++)
      expect((await react({ kind: "wow" }, { headers })).status).toBe(201); // a new reader each time
    const before = await db.reaction.count({ where: { eventId } });
    const response = await react({ kind: "love" }, { headers });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await db.reaction.count({ where: { eventId } })).toBe(before);
  });
});

describe("DELETE /api/events/[slug]/posts/[id]/reactions", () => {
  it("takes back the reader's own reaction, once, and nobody else's", async () => {
    const post = (await publishPost(owner, eventId, { body: "Take it back." })).post.id;
    const mine = await react({ kind: "love" }, { to: [slug, post] });
    const cookie = cookieOf(mine);
    await react({ kind: "love" }, { to: [slug, post] }); // another reader
    expect(await count("love", post)).toBe(2);

    const stranger = await request("DELETE", { body: JSON.stringify({ kind: "love" }), to: [slug, post] });
    expect(await stranger.json()).toEqual({ removed: false, counts: { love: 2 } });

    const taken = await request("DELETE", {
      body: JSON.stringify({ kind: "love" }),
      headers: { cookie },
      to: [slug, post],
    });
    expect(taken.status).toBe(200);
    expect(await taken.json()).toEqual({ removed: true, counts: { love: 1 } });
    const replay = await request("DELETE", {
      body: JSON.stringify({ kind: "love" }),
      headers: { cookie },
      to: [slug, post],
    });
    expect(await replay.json()).toEqual({ removed: false, counts: { love: 1 } });
    expect(await count("love", post)).toBe(1);
  });

  it("refuses another site (403) and a bad kind (422)", async () => {
    const crossSite = await request("DELETE", {
      body: JSON.stringify({ kind: "love" }),
      headers: { origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
    expect((await request("DELETE", { body: JSON.stringify({ kind: "nope" }) })).status).toBe(422);
  });
});
