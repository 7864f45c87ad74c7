import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { publishPost } from "@/lib/posts/publish-post";
import type { ReactionCounts, ReactionKind } from "@/lib/shared/reactions";
import { makeEvent } from "@/test/factories";
import type { ServerProcess } from "@/test/server-process";
import { waitUntil } from "@/test/wait";
import { answered, countsText, postJson, retried, shownIn, stormWithRestart, twoServers } from "./tally-storm";

// Reactions counted across two server processes, one of them restarted in the middle of
// the storm: nothing answered 2xx is lost, nothing is counted twice however often it is
// sent or retried, and readers on both processes end with the counts in the database.
// All the test's readers come from 127.0.0.1.
const cluster = twoServers({ HERALD_REACTIONS_PER_ADDRESS: "100000" });

describe("reactions on two server processes, one restarted mid-storm", () => {
  // Minutes on a machine running the rest of the suite beside it.
  it(
    "counts every acknowledged reaction once, and both processes' readers see the totals",
    { timeout: 300_000 },
    async () => {
      const { a, b, owner } = cluster;
      const event = await makeEvent(owner);
      const { post } = await publishPost(owner, event.id, { body: "React to this" });
      const path = `/api/events/${event.slug}/posts/${post.id}/reactions`;
      const stream = `/api/events/${event.slug}/stream`;
      /** One reaction, as a reader's page sends it (the token it was given, in the body). */
      const react = (server: ServerProcess, kind: ReactionKind, token: string | null) =>
        postJson(server, path, token ? { kind, reader: token } : { kind });
      const onA = cluster.watch(a, stream);
      const onB = cluster.watch(b, stream);
      await Promise.all([onA.waitForOpen(), onB.waitForOpen()]);

      // 120 readers each get their token with a first 👍, half through each process.
      const tokens = await Promise.all(
        Array.from({ length: 120 }, async (_, n) => {
          const sent = await retried(() => react(n % 2 ? a : b, "like", null));
          expect(sent.status).toBe(201);
          return sent.body.reader as string;
        }),
      );

      // The storm: each reader sends ❤️ and 😮, each twice (once to each process).
      const writes = tokens.flatMap((token) => (["love", "wow"] as const).map((kind) => ({ token, kind })));
      const attempts = await stormWithRestart(
        cluster,
        writes,
        (server, { token, kind }) => react(server, kind, token),
        (n, copy) => Math.floor(n / 2) * 25 + copy * 11,
      );

      const key = (token: string, kind: string) => `${token.split(".")[0]}:${kind}`;
      const acknowledged = new Set(
        attempts.filter((x) => answered(x.sent)).map((x) => key(x.write.token, x.write.kind)),
      );
      // The restart was mid-storm: some of B's share found it down (no connection, or an
      // answer that is not 2xx). Such an attempt may or may not have been written.
      expect(attempts.some((x) => !answered(x.sent))).toBe(true);
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
      for (const { write } of attempts) {
        if (!acknowledged.has(key(write.token, write.kind))) pending.set(key(write.token, write.kind), write);
      }
      for (const [k, { token, kind }] of pending) {
        const sent = await retried(() => react(a, kind, token), { again: (s) => !answered(s), waitMs: 500 });
        expect(sent.status, k).toBe(stored.has(k) ? 200 : 201);
      }
      // One row per reader and kind: 👍, ❤️ and 😮 from each of the 120.
      expect((await rows()).size).toBe(120 * 3);

      // Readers on both processes end with the totals: the one on A throughout, and one who
      // opens B's stream after its restart (its first message is the snapshot).
      const lateOnB = cluster.watch(b, stream);
      const expected: ReactionCounts = { like: 120, love: 120, wow: 120 };
      for (const reader of [onA, lateOnB]) {
        const shown = () => countsText(shownIn<ReactionCounts>(reader, "reactions", post.id));
        await waitUntil(() => shown() === countsText(expected), {
          timeoutMs: 60_000,
          message: `a reader to show ${countsText(expected)}, shows ${shown()}`,
        });
      }
    },
  );
});
