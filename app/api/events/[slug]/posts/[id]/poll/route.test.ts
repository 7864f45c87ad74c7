import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { endEvent } from "@/lib/events/end-event";
import { closePoll } from "@/lib/polls/close-poll";
import { votesPerAddress } from "@/lib/polls/vote";
import { publishPost } from "@/lib/posts/publish-post";
import { readerCookieName } from "@/lib/tally/reader-token";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { xssCorpus } from "@/test/xss-corpus";
import { GET, POST } from "./route";

// The public vote route: anyone may vote (no account), once per poll, from this site's
// pages only; a replayed request counts nothing, and every refusal is a 4xx that says why
// and counts nothing.

let owner: TestUser;
let slug: string;
let eventId: string;
let postId: string;
let pollId: string;
let options: string[];

async function pollPost(labels = ["Yes", "No", "Maybe"], event = eventId) {
  const { post } = await publishPost(owner, event, {
    body: "Vote below.",
    poll: { question: "Well?", options: labels },
  });
  return { postId: post.id, pollId: post.poll!.id, options: post.poll!.options.map((o) => o.id) };
}

beforeAll(async () => {
  owner = await makeUser();
  ({ slug, id: eventId } = await makeEvent(owner));
  ({ postId, pollId, options } = await pollPost());
});

type Call = { body: BodyInit; type?: string; headers?: Record<string, string>; to?: [string, string] };

function request({ body, type = "application/json", headers = {}, to }: Call) {
  const [s, id] = to ?? [slug, postId];
  const req = new Request(`http://localhost/api/events/${s}/posts/${id}/poll`, {
    method: "POST",
    headers: {
      "content-type": type,
      host: "localhost",
      origin: "http://localhost",
      "x-herald-client-ip": "192.0.2.1",
      ...headers,
    },
    body,
  });
  return POST(req, { params: Promise.resolve({ slug: s, id }) });
}
const cast = (value: unknown, call: Omit<Call, "body"> = {}) => request({ body: JSON.stringify(value), ...call });
const votes = (id = pollId) => db.pollVote.count({ where: { pollId: id } });

function read(cookie?: string, to: [string, string] = [slug, postId]) {
  const req = new Request(`http://localhost/api/events/${to[0]}/posts/${to[1]}/poll`, {
    headers: cookie ? { cookie } : {},
  });
  return GET(req, { params: Promise.resolve({ slug: to[0], id: to[1] }) });
}

function cookieOf(response: Response): string {
  const set = response.headers.get("set-cookie") ?? "";
  expect(set).toMatch(new RegExp(`^${readerCookieName(eventId)}=`));
  return set.split(";")[0]!;
}

type Answer = { created: boolean; choice: string; counts: Record<string, number>; reader?: string };

describe("POST /api/events/[slug]/posts/[id]/poll", () => {
  it("counts a vote (201) and gives a new reader a signed, httpOnly, Lax cookie", async () => {
    const before = await votes();
    const response = await cast({ option: options[0] });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Answer;
    expect(body).toMatchObject({ created: true, choice: options[0] });
    expect(body.counts[options[0]!]).toBe((before ?? 0) + 1);
    const set = response.headers.get("set-cookie")!;
    expect(set).toContain("HttpOnly");
    expect(set).toContain("SameSite=Lax");
    expect(cookieOf(response)).toBe(`${readerCookieName(eventId)}=${body.reader}`);
  });

  it("counts a replayed request once, by cookie or by the token in the body, and shows the reader their vote", async () => {
    const first = await cast({ option: options[1] });
    const cookie = cookieOf(first);
    const { reader } = (await first.json()) as Answer;
    const before = await votes();
    for (const again of [
      await cast({ option: options[1] }, { headers: { cookie } }),
      await cast({ option: options[2] }, { headers: { cookie } }), // a second vote, elsewhere
      await cast({ option: options[2], reader }),
    ]) {
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ created: false, choice: options[1] });
      expect(again.headers.get("set-cookie")).toBeNull();
    }
    expect(await votes()).toBe(before);
    const mine = await read(cookie);
    expect(mine.headers.get("cache-control")).toContain("no-store");
    expect(await mine.json()).toMatchObject({ pollId, closed: false, choice: options[1] });
    expect(await (await read()).json()).toMatchObject({ choice: null });
  });

  it("takes a plain form post and sends the reader back to the post's results (303)", async () => {
    const before = await votes();
    const response = await request({
      body: new URLSearchParams({ option: options[2]! }).toString(),
      type: "application/x-www-form-urlencoded",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/e/${slug}/p/${postId}?voted=1#post-${postId}`);
    expect(response.headers.get("set-cookie")).toContain("HttpOnly");
    expect(await votes()).toBe(before + 1);
    const embed = await request({
      body: new URLSearchParams({ option: options[2]!, from: "embed" }).toString(),
      type: "application/x-www-form-urlencoded",
    });
    expect(embed.headers.get("location")).toBe(`/embed/${slug}?voted=${postId}#post-${postId}`);
  });

  it.each([
    ["no option", () => cast({}), 422],
    ["an option of no poll", () => cast({ option: "nosuchoption" }), 422],
    ["an option that is not text", () => cast({ option: { $ne: null } }), 422],
    ["another site's page", () => cast({ option: options[0] }, { headers: { origin: "https://evil.example" } }), 403],
    ["not JSON", () => request({ body: "{" }), 400],
    ["a JSON array", () => cast([options[0]]), 400],
    ["an unknown content type", () => request({ body: "x", type: "text/plain" }), 400],
    ["an oversized body", () => cast({ option: options[0], pad: "x".repeat(5_000) }), 413],
    ["no such event", () => cast({ option: options[0] }, { to: ["no-such-event-x", "abc"] }), 404],
    ["no such post", () => cast({ option: options[0] }, { to: [slug, "nosuchpost"] }), 404],
    ["a malformed post id", () => cast({ option: options[0] }, { to: [slug, "%00..%2F"] }), 404],
  ])("refuses %s with a message, and counts nothing", async (_label, call, status) => {
    const before = await db.pollVote.count({ where: { eventId } });
    const response = await call();
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toBeTruthy();
    expect(await db.pollVote.count({ where: { eventId } })).toBe(before);
  });

  it("refuses an option of another poll (422) and a post without a poll (404)", async () => {
    const other = await pollPost(["Red", "Green"]);
    expect((await cast({ option: other.options[0] })).status).toBe(422);
    const { post } = await publishPost(owner, eventId, { body: "No poll." });
    const response = await cast({ option: options[0] }, { to: [slug, post.id] });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/no poll/);
  });

  it("refuses a closed poll (409) and an ended event's (409), showing their final results", async () => {
    const poll = await pollPost(["One", "Two"]);
    await cast({ option: poll.options[0] }, { to: [slug, poll.postId] });
    await closePoll(owner, poll.postId);
    const refused = await cast({ option: poll.options[1] }, { to: [slug, poll.postId] });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toMatch(/closed/);
    expect(await (await read(undefined, [slug, poll.postId])).json()).toMatchObject({
      closed: true,
      counts: { [poll.options[0]!]: 1 },
    });
    expect(await votes(poll.pollId)).toBe(1);

    const ended = await makeEvent(owner);
    const endedPoll = await pollPost(["A", "B"], ended.id);
    await endEvent(owner, ended.id);
    const response = await cast({ option: endedPoll.options[0] }, { to: [ended.slug, endedPoll.postId] });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: string }).error).toMatch(/ended/);
    expect(await votes(endedPoll.pollId)).toBe(0);
  });

  it("refuses a poll on a post readers cannot see (404)", async () => {
    const hidden = await makeEvent(owner);
    const poll = await pollPost(["A", "B"], hidden.id);
    await db.event.update({ where: { id: hidden.id }, data: { status: "DRAFT" } });
    expect((await cast({ option: poll.options[0] }, { to: [hidden.slug, poll.postId] })).status).toBe(404);
    const deleted = await pollPost(["C", "D"]);
    await db.post.update({ where: { id: deleted.postId }, data: { status: "DELETED" } });
    expect((await cast({ option: deleted.options[0] }, { to: [slug, deleted.postId] })).status).toBe(404);
  });

  it("answers 429 with Retry-After to an address over its limit", async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 250)}-${unique()}`;
    const headers = { "x-herald-client-ip": address };
    for (let i = 0; i < votesPerAddress().limit; i++)
      expect((await cast({ option: options[0] }, { headers })).status).toBe(201); // a new reader each time
    const before = await votes();
    const response = await cast({ option: options[0] }, { headers });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await votes()).toBe(before);
  });

  it("keeps hostile option labels as plain text data", async () => {
    const labels = xssCorpus.slice(0, 6).map((payload, i) => `${i}${payload}`.slice(0, 80));
    const { post } = await publishPost(owner, eventId, {
      body: "x",
      poll: { question: xssCorpus[0]!.slice(0, 200), options: labels },
    });
    expect(post.poll!.options.map((o) => o.label)).toEqual(labels);
    expect(post.poll!.question).toBe(xssCorpus[0]!.slice(0, 200));
    expect(post.html).not.toContain("<script");
  });
});
