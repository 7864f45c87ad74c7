import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { closePoll } from "@/lib/polls/close-poll";
import { publishPost } from "@/lib/posts/publish-post";
import type { PollCounts } from "@/lib/shared/polls";
import { newReaderToken } from "@/lib/tally/reader-token";
import { makeEvent } from "@/test/factories";
import type { ServerProcess } from "@/test/server-process";
import { waitUntil } from "@/test/wait";
import { answered, countsText, postJson, retried, shownIn, stormWithRestart, twoServers } from "./tally-storm";

// Votes counted across two server processes, one of them restarted in the middle of the
// storm: nothing answered 2xx is lost, no reader is counted twice however often their
// vote is sent, retried or replayed, and readers on both processes end with the counts
// in the database. Then closing freezes it.
// All the test's readers come from 127.0.0.1.
const cluster = twoServers({ HERALD_VOTES_PER_ADDRESS: "100000" });

describe("polls on two server processes, one restarted mid-storm", () => {
  it(
    "counts every reader once, exactly, and both processes' readers see the totals",
    { timeout: 300_000 },
    async () => {
      const { a, b, owner } = cluster;
      const event = await makeEvent(owner);
      const { post } = await publishPost(owner, event.id, {
        body: "Vote",
        poll: { question: "Which?", options: ["One", "Two", "Three"] },
      });
      const poll = post.poll!;
      const options = poll.options.map((o) => o.id);
      const path = `/api/events/${event.slug}/posts/${post.id}/poll`;
      const stream = `/api/events/${event.slug}/stream`;
      /** One vote, as a reader's page sends it (the token as its cookie). */
      const cast = (server: ServerProcess, cookie: string, option: string) =>
        postJson(server, path, { option }, { cookie });
      const onA = cluster.watch(a, stream);
      const onB = cluster.watch(b, stream);
      await Promise.all([onA.waitForOpen(), onB.waitForOpen()]);

      // 240 readers, each with their signed cookie, each choosing one option.
      const readers = Array.from({ length: 240 }, (_, n) => {
        const { readerId, token } = newReaderToken(event.id);
        return { readerId, cookie: `herald_reader_${event.id}=${token}`, option: options[n % 3]! };
      });

      // The storm: each reader's vote sent to both processes (a replay through the other one).
      const attempts = await stormWithRestart(
        cluster,
        readers,
        (server, reader) => cast(server, reader.cookie, reader.option),
        (n, copy) => n * 13 + copy * 7,
      );

      expect(attempts.some((x) => !answered(x.sent))).toBe(true); // the restart was mid-storm
      for (const x of attempts.filter((x) => answered(x.sent))) expect(x.sent.body.choice).toBe(x.write.option);
      const acknowledged = new Set(attempts.filter((x) => answered(x.sent)).map((x) => x.write.readerId));
      const rows = async () =>
        new Map(
          (await db.pollVote.findMany({ where: { pollId: poll.id }, select: { readerId: true, optionId: true } })).map(
            (row) => [row.readerId, row.optionId],
          ),
        );
      const stored = await rows();
      for (const acked of acknowledged) expect(stored.has(acked), `acknowledged ${acked} is stored`).toBe(true);
      // Exactly one of each reader's 201s: a replay is never counted again.
      const created = attempts.filter((x) => x.sent.status === 201).map((x) => x.write.readerId);
      expect(new Set(created).size).toBe(created.length);

      // A client retries what it never heard back about, until it hears: "already counted"
      // (200) exactly when it was stored, "counted" (201) otherwise.
      for (const reader of readers.filter((r) => !acknowledged.has(r.readerId))) {
        const sent = await retried(() => cast(a, reader.cookie, reader.option), {
          again: (s) => !answered(s),
          waitMs: 500,
        });
        expect(sent.status, reader.readerId).toBe(stored.has(reader.readerId) ? 200 : 201);
      }
      // A replay of a counted request, to either process, counts nothing.
      expect((await retried(() => cast(b, readers[0]!.cookie, options[2]!))).status).toBe(200);

      // One row per reader, each for the option they chose: totals = distinct accepted voters.
      const final = await rows();
      expect(final.size).toBe(readers.length);
      for (const reader of readers) expect(final.get(reader.readerId)).toBe(reader.option);
      const expected: PollCounts = Object.fromEntries(options.map((o) => [o, 80]));

      // Readers on both processes end with the totals: the one on A throughout, and one who
      // opens B's stream after its restart (its first message is the snapshot).
      const lateOnB = cluster.watch(b, stream);
      for (const reader of [onA, lateOnB]) {
        const shown = () => countsText(shownIn<PollCounts>(reader, "polls", poll.id));
        await waitUntil(() => shown() === countsText(expected), {
          timeoutMs: 60_000,
          message: `a reader to show ${countsText(expected)}, shows ${shown()}`,
        });
      }

      // Closing freezes it, on both processes; readers get the post with its closedAt.
      await closePoll(owner, post.id);
      const late = newReaderToken(event.id);
      for (const server of [a, b]) {
        expect((await retried(() => cast(server, `herald_reader_${event.id}=${late.token}`, options[0]!))).status).toBe(
          409,
        );
      }
      expect((await rows()).size).toBe(readers.length);
      await waitUntil(() => onA.received.some((r) => r.type === "post.updated" && r.data.includes('"closedAt":"')), {
        timeoutMs: 60_000,
        message: "the reader on A to get the closed poll",
      });
    },
  );
});
