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
// sent or retried, and readers on both processes end with the counts in the database.
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
  // Minutes on a machine running the rest of the suite beside it.
  it(
    "counts every acknowledged reaction once, and both processes' readers see the totals",
    { timeout: 300_000 },
    async () => {
      const event = await makeEvent(owner);
      const { post } = await publishPost(owner, event.id, { body: "React to this" });
      const path = `/api/events/${event.slug}/posts/${post.id}/reactions`;
      const stream = `/api/events/${event.slug}/stream`;
      const onA = new EventSourceRecorder(`${a!.url}${stream}`);
      const onB = new EventSourceRecorder(`${b!.url}${stream}`);
      clients.push(onA, onB);
      await Promise.all([onA.waitForOpen(), onB.waitForOpen()]);

      // 120 readers each get their token with a first 👍, half through each process. On a
      // busy machine a process may shed load with 503 + Retry-After: they try again, as the
      // page lets a reader do.
      const tokens = await Promise.all(
        Array.from({ length: 120 }, async (_, n) => {
          let sent = await react(n % 2 ? a! : b!, path, "like", null);
          for (let tries = 1; sent.status === 503 && tries < 10; tries++) {
            await new Promise((resolve) => setTimeout(resolve, 1_000));
            sent = await react(n % 2 ? a! : b!, path, "like", null);
          }
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
      const answered = (x: { sent: Sent }) => x.sent.status === 200 || x.sent.status === 201;
      const acknowledged = new Set(attempts.filter(answered).map((x) => key(x.token, x.kind)));
      // The restart was mid-storm: some of B's share found it down (no connection, or an
      // answer that is not 2xx). Such an attempt may or may not have been written.
      expect(attempts.some((x) => !answered(x))).toBe(true);
      const rows = async () =>
        new Set(
          (await db.reaction.findMany({ where: { postId: post.id }, select: { readerId: true, kind: true } })).map(
            (row) => `${row.readerId}:${row.kind}`,
          ),
        );
      const stored = await rows();
      for (const acked of acknowledged) expect(stored.has(acked), `acknowledged ${acked} is stored`).toBe(true);

      // A client retries what it never heard back about, until it hears: told "already
      // counted" (200) exactly when it was stored, "counted" (201) otherwise.
      const pending = new Map<string, { token: string; kind: ReactionKind }>();
      for (const x of attempts) if (!acknowledged.has(key(x.token, x.kind))) pending.set(key(x.token, x.kind), x);
      for (const [k, { token, kind }] of pending) {
        let sent = await react(a!, path, kind, token);
        for (let tries = 1; sent.status !== 200 && sent.status !== 201 && tries < 10; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          sent = await react(a!, path, kind, token);
        }
        expect(sent.status, k).toBe(stored.has(k) ? 200 : 201);
      }
      // One row per reader and kind: 👍, ❤️ and 😮 from each of the 120.
      expect((await rows()).size).toBe(120 * 3);

      // Readers on both processes end with the totals: the one on A throughout, and one who
      // opens B's stream after its restart (its first message is the snapshot).
      const lateOnB = new EventSourceRecorder(`${b!.url}${stream}`);
      clients.push(lateOnB);
      const expected: ReactionCounts = { like: 120, love: 120, wow: 120 };
      for (const reader of [onA, lateOnB]) {
        await waitUntil(() => JSON.stringify(shown(reader, post.id)) === JSON.stringify(expected), {
          timeoutMs: 60_000,
          message: `a reader to show ${JSON.stringify(expected)}, shows ${JSON.stringify(shown(reader, post.id))}`,
        });
      }
    },
  );
});
