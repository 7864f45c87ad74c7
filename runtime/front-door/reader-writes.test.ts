import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { publishPost } from "@/lib/posts/publish-post";
import { readerCookieName } from "@/lib/tally/reader-token";
import { makeEvent, makeUser } from "@/test/factories";
import { answerReaderWrite } from "./reader-writes";

// The stream tier answers readers' writes with the route handlers Next.js runs: what
// crosses from node:http to the handler and back (body, cookies, status, redirects) must
// arrive whole, and what is too large must be refused before it is read.

let server: http.Server;
let base: string;
let slug: string;
let eventId: string;
let postId: string;
let pollId: string;
let options: string[];

beforeAll(async () => {
  const owner = await makeUser();
  ({ slug, id: eventId } = await makeEvent(owner));
  const { post } = await publishPost(owner, eventId, {
    body: "Vote below.",
    poll: { question: "Well?", options: ["Yes", "No"] },
  });
  postId = post.id;
  pollId = post.poll!.id;
  options = post.poll!.options.map((o) => o.id);
  server = http.createServer((request, response) => {
    const pathname = (request.url ?? "/").split("?", 1)[0]!;
    if (answerReaderWrite(request, response, pathname)) return;
    response.writeHead(404).end("not a reader's write\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sameSite = (host: string) => ({ origin: `http://${host}`, "x-herald-client-ip": "192.0.2.7" });

function post(path: string, body: string, type: string, headers: Record<string, string> = {}) {
  const host = new URL(base).host;
  return fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": type, ...sameSite(host), ...headers },
    body,
    redirect: "manual",
  });
}

describe("the stream tier's reader writes", () => {
  it("counts a vote once, and the reader's cookie comes back whole", async () => {
    const path = `/api/events/${slug}/posts/${postId}/poll`;
    const first = await post(path, JSON.stringify({ option: options[0] }), "application/json");
    expect(first.status).toBe(201);
    const cookie = first.headers.getSetCookie();
    expect(cookie).toHaveLength(1);
    expect(cookie[0]).toMatch(new RegExp(`^${readerCookieName(eventId)}=[^;]+; Path=/; .*HttpOnly; SameSite=Lax`));
    const again = await post(path, JSON.stringify({ option: options[1] }), "application/json", {
      cookie: cookie[0]!.split(";")[0]!,
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: false, choice: options[0] });
    expect(await db.pollVote.count({ where: { pollId } })).toBe(1);

    const read = await fetch(`${base}${path}`, { headers: { cookie: cookie[0]!.split(";")[0]! } });
    expect(read.status).toBe(200);
    expect(read.headers.get("cache-control")).toBe("private, no-store");
    expect(await read.json()).toMatchObject({ pollId, closed: false, choice: options[0] });
  });

  it("sends a form post without JavaScript back to the post (303)", async () => {
    const path = `/api/events/${slug}/posts/${postId}/reactions`;
    const answer = await post(path, "kind=love", "application/x-www-form-urlencoded");
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe(`/e/${slug}/p/${postId}#post-${postId}`);
    expect(answer.headers.getSetCookie()).toHaveLength(1);
  });

  it("decodes the path's parameters as Next.js does", async () => {
    const encoded = [...slug].map((c) => `%${c.charCodeAt(0).toString(16)}`).join("");
    const path = `/api/events/${encoded}/posts/${postId}/reactions`;
    const answer = await post(path, JSON.stringify({ kind: "wow" }), "application/json");
    expect(answer.status).toBe(201);
    expect(await db.reaction.count({ where: { postId, kind: "wow" } })).toBe(1);
  });

  it("refuses another site's page, and says why", async () => {
    const path = `/api/events/${slug}/posts/${postId}/reactions`;
    const answer = await post(path, JSON.stringify({ kind: "love" }), "application/json", {
      origin: "https://elsewhere.example",
    });
    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({ error: expect.stringMatching(/another site/) });
  });

  it("refuses a body far over any reader's request unread (413), and counts nothing", async () => {
    const path = `/api/events/${slug}/posts/${postId}/poll`;
    const before = await db.pollVote.count({ where: { pollId } });
    const answer = await post(
      path,
      `option=${options[1]}&x=${"x".repeat(40_000)}`,
      "application/x-www-form-urlencoded",
    );
    expect(answer.status).toBe(413);
    expect(await answer.text()).toMatch(/too large/);
    expect(await db.pollVote.count({ where: { pollId } })).toBe(before);
  });

  it("leaves every other request, and methods the paths do not take, to Next.js", async () => {
    for (const [method, path] of [
      ["POST", `/api/events/${slug}/questions`],
      ["GET", `/api/events/${slug}/posts/${postId}/reactions`],
      ["PUT", `/api/events/${slug}/posts/${postId}/reactions`],
      ["POST", `/api/events/${slug}/posts/${postId}/polls`],
      ["POST", `/api/events/${slug}/posts`],
      ["GET", `/e/${slug}`],
    ] as const) {
      const answer = await fetch(`${base}${path}`, { method });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(await answer.text()).toBe("not a reader's write\n");
    }
  });
});
