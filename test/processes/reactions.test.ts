import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { publishPost } from "@/lib/posts/publish-post";
import type { ReactionCounts, ReactionKind, ReactionTotals } from "@/lib/shared/reactions";
import { EventSourceRecorder } from "@/test/event-source";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { ServerProcess, stopAllServers } from "@/test/server-process";
import { waitUntil } from "@/test/wait";

// Reactions counted across two server processes, one of them restarted in the middle of
// the storm: nothing answered 2xx is lost, nothing is counted twice however often it is
// sent, and the readers on both processes end with the counts in the database.
let a: ServerProcess | undefined;
let b: ServerProcess | undefined;
let owner: TestUser;
const clients: EventSourceRecorder[] = [];
// All the test's readers come from 127.0.0.1.
const env = { HERALD_REACTIONS_PER_ADDRESS: "100000" };

beforeAll(async () => {
  [a, b, owner] = await Promise.all([ServerProcess.start({ env }), ServerProcess.start({ env }), makeUser()]);
}, 120_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await stopAllServers();
});

type Sent = { status: number | null; token: string | null };

/** One reaction, as a reader's page sends it; a connection that fails is `status: null`. */
async function react(server: ServerProcess, path: string, kind: ReactionKind, token: string | null): Promise<Sent> {
  try {
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify(token ? { kind, reader: token } : { kind }),
    });
    const body = (await response.json().catch(() => ({}))) as { reader?: string };
    return { status: response.status, token: body.reader ?? null };
  } catch {
    return { status: null, token: null };
  }
}

/** What a reader's page shows for `postId`: the last reactions state that named it. */
function shown(client: EventSourceRecorder, postId: string): ReactionCounts | undefined {
  for (let i = client.states.length - 1; i >= 0; i--) {
    const totals = client.states[i]!.data as ReactionTotals;
    if (totals[postId]) return totals[postId];
  }
  return undefined;
}

describe("reactions on two server processes, one restarted mid-storm", () => {
  it("counts every acknowledged reaction once, and both processes' readers see the totals", async () => {
    const event = await makeEvent(owner);
    const { post } = await publishPost(owner, event.id, { body: "React to this" });
    const path = `/api/events/${event.slug}/posts/${post.id}/reactions`;
    const stream = `/api/events/${event.slug}/stream`;
    const onA = new EventSourceRecorder(`${a!.url}${stream}`);
    const onB = new EventSourceRecorder(`${b!.url}${stream}`);
    clients.push(onA, onB);
    await Promise.all([onA.waitForOpen(), onB.waitForOpen()]);

    // 120 readers each get their token with a first 👍, half through each process.
    const tokens = await Promise.all(
      Array.from({ length: 120 }, async (_, n) => {
        const sent = await react(n % 2 ? a! : b!, path, "like", null);
        expect(sent.status).toBe(201);
        return sent.token!;
      }),
    );

    // The storm: each reader sends ❤️ and 😮, each twice (once to each process), while B
    // stops gracefully and comes back on its port. Spread over 3 s, so B is down for part.
    const attempts: { token: string; kind: ReactionKind; sent: Sent }[] = [];
    const storm = tokens.flatMap((token, n) =>
      (["love", "wow"] as const).flatMap((kind) =>
        [a!, b!].map(async (server, copy) => {
          await new Promise((resolve) => setTimeout(resolve, (n * 25 + copy * 11) % 3_000));
          attempts.push({ token, kind, sent: await react(server, path, kind, token) });
        }),
      ),
    );
    const restart = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await b!.stop();
      await b!.restart();
    })();
    await Promise.all([...storm, restart]);

    const key = (token: string, kind: string) => `${token.split(".")[0]}:${kind}`;
    const acknowledged = new Set(
      attempts.filter((x) => x.sent.status === 200 || x.sent.status === 201).map((x) => key(x.token, x.kind)),
    );
    const refused = attempts.filter((x) => x.sent.status !== null && x.sent.status !== 200 && x.sent.status !== 201);
    // The restart was mid-storm: some of B's share found it down, which means no connection
    // or "go elsewhere" (503), never a wrong answer.
    expect(attempts.some((x) => x.sent.status === null || x.sent.status === 503)).toBe(true);
    expect(
      refused.every((x) => x.sent.status === 503),
      JSON.stringify(refused.map((x) => x.sent.status)),
    ).toBe(true);
    const rows = async () =>
      new Set(
        (await db.reaction.findMany({ where: { postId: post.id }, select: { readerId: true, kind: true } })).map(
          (row) => `${row.readerId}:${row.kind}`,
        ),
      );
    const stored = await rows();
    for (const acked of acknowledged) expect(stored.has(acked), `acknowledged ${acked} is stored`).toBe(true);
    // Every reader's ❤️ and 😮 reached at least one running process, and was counted once.
    expect(stored.size).toBe(120 * 3);

    // A client retrying what it never heard back about is told it was already counted.
    const unanswered = attempts.filter((x) => x.sent.status !== 200 && x.sent.status !== 201);
    for (const { token, kind } of unanswered) expect((await react(a!, path, kind, token)).status).toBe(200);
    expect((await rows()).size).toBe(120 * 3);

    // Readers on both processes (B's reconnected after the restart) end with the totals.
    const expected: ReactionCounts = { like: 120, love: 120, wow: 120 };
    for (const reader of [onA, onB]) {
      await waitUntil(() => JSON.stringify(shown(reader, post.id)) === JSON.stringify(expected), {
        timeoutMs: 30_000,
        message: `a reader to show ${JSON.stringify(expected)}, shows ${JSON.stringify(shown(reader, post.id))}`,
      });
    }
    expect(onB.opens).toBeGreaterThanOrEqual(2);
  });
});
