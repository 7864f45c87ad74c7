import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { db } from "@/lib/db";
import { vote } from "@/lib/polls/vote";
import { publishPost } from "@/lib/posts/publish-post";
import { bearer, errorOf, refusedCallers } from "@/test/api";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { POST } from "./route";

// Closing a poll through the publishing API: the console's "Close poll" for a bot.

type Headers = Record<string, string>;
type Closed = { closed: boolean; seq: number | null };

let owner: TestUser;
let event: { id: string; slug: string };
let secret: string;

beforeAll(async () => {
  owner = await makeUser();
  event = await makeEvent(owner);
  secret = (await createApiToken(owner, event.id, { name: "Score bot" })).secret;
});

function close(slug: string, id: string, headers: Headers): Promise<Response> {
  const url = `http://localhost/api/v1/events/${encodeURIComponent(slug)}/posts/${encodeURIComponent(id)}/poll/close`;
  return POST(new Request(url, { method: "POST", headers }), { params: Promise.resolve({ slug, id }) });
}

async function pollPost() {
  const { post } = await publishPost(owner, event.id, {
    body: "Who wins?",
    poll: { question: "Who?", options: ["Home", "Away"] },
  });
  return { postId: post.id, options: post.poll!.options.map((o) => o.id) };
}

const pollState = (postId: string) =>
  db.poll.findUniqueOrThrow({ where: { postId }, select: { closedAt: true } }).then((p) => p.closedAt);

describe("POST /api/v1/events/[slug]/posts/[id]/poll/close", () => {
  it("closes the poll for good: the answer says so, readers get a change, votes are refused", async () => {
    const { postId, options } = await pollPost();
    const before = await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { lastSeq: true } });
    const response = await close(event.slug, postId, bearer(secret));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as Closed;
    expect(body.closed).toBe(true);
    expect(await pollState(postId)).toEqual(expect.any(Date));
    expect(body.seq).toBe(before.lastSeq + 1);
    const change = await db.change.findFirstOrThrow({ where: { eventId: event.id, seq: body.seq! } });
    expect(change).toMatchObject({ type: "POST_UPDATED", postId });

    await expect(
      vote({ slug: event.slug, postId, optionId: options[0], readerToken: () => null, address: "192.0.2.9" }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("answers a second close (a retry) with closed: false and changes nothing", async () => {
    const { postId } = await pollPost();
    await close(event.slug, postId, bearer(secret));
    const closedAt = await pollState(postId);
    const state = await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { lastSeq: true } });
    const again = await close(event.slug, postId, bearer(secret));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ closed: false, seq: null });
    expect(await pollState(postId)).toEqual(closedAt);
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { lastSeq: true } })).lastSeq).toBe(
      state.lastSeq,
    );
  });

  it("replays the first answer to a retry with the same Idempotency-Key", async () => {
    const { postId } = await pollPost();
    const headers = { ...bearer(secret), "Idempotency-Key": crypto.randomUUID() };
    const first = (await (await close(event.slug, postId, headers)).json()) as Closed;
    expect(first.closed).toBe(true);
    const retry = await close(event.slug, postId, headers);
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.json()).toEqual(first);
  });

  it("is 404 for a post without a poll, another event's post, and an unknown id", async () => {
    const { post: plain } = await publishPost(owner, event.id, { body: "No poll here." });
    const other = await makeEvent(owner);
    const { post: elsewhere } = await publishPost(owner, other.id, {
      body: "Elsewhere",
      poll: { question: "?", options: ["A", "B"] },
    });
    for (const id of [plain.id, elsewhere.id, "nosuchpost", "x".repeat(200)]) {
      await errorOf(await close(event.slug, id, bearer(secret)), 404);
    }
    expect(await pollState(elsewhere.id)).toBeNull();
  });

  const callers = refusedCallers(() => ({ owner, eventId: event.id, secret }));

  it.each(callers)("with %s: refused, and the poll stays open", async (_label, headers, status) => {
    const { postId } = await pollPost();
    await errorOf(await close(event.slug, postId, await headers()), status);
    expect(await pollState(postId)).toBeNull();
  });
});
