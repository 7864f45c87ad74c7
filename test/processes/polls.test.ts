import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { closePoll } from "@/lib/polls/close-poll";
import { publishPost } from "@/lib/posts/publish-post";
import type { PollCounts, PollResults } from "@/lib/shared/polls";
import { newReaderToken } from "@/lib/tally/reader-token";
import { EventSourceRecorder } from "@/test/event-source";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { ServerProcess, stopAllServers } from "@/test/server-process";
import { waitUntil } from "@/test/wait";

// Votes counted across two server processes, one of them restarted in the middle of the
// storm: nothing answered 2xx is lost, no reader is counted twice however often their
// vote is sent, retried or replayed, and readers on both processes end with the counts
// in the database. Then closing freezes it.
let a: ServerProcess | undefined;
let b: ServerProcess | undefined;
let owner: TestUser;
const clients: EventSourceRecorder[] = [];
// All the test's readers come from 127.0.0.1.
const env = { HERALD_VOTES_PER_ADDRESS: "100000" };

beforeAll(async () => {
  [a, b, owner] = await Promise.all([ServerProcess.start({ env }), ServerProcess.start({ env }), makeUser()]);
}, 120_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await stopAllServers();
});

type Sent = { status: number | null; choice: string | null };

/** One vote, as a reader's page sends it (the token as its cookie); a connection that fails is `status: null`. */
async function cast(server: ServerProcess, path: string, cookie: string, option: string): Promise<Sent> {
  try {
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, cookie },
      body: JSON.stringify({ option }),
    });
    const body = (await response.json().catch(() => ({}))) as { choice?: string };
    return { status: response.status, choice: body.choice ?? null };
  } catch {
    return { status: null, choice: null };
  }
}

/** What a reader's page shows for `pollId`: the last polls state that named it. */
function shown(client: EventSourceRecorder, pollId: string): PollCounts | undefined {
  for (let i = client.states.length - 1; i >= 0; i--) {
    const state = client.states[i]!;
    if (state.type === "polls" && (state.data as PollResults)[pollId]) return (state.data as PollResults)[pollId];
  }
  return undefined;
}

const sorted = (counts: PollCounts | undefined) =>
  JSON.stringify(Object.entries(counts ?? {}).sort(([x], [y]) => x.localeCompare(y)));

describe("polls on two server processes, one restarted mid-storm", () => {
  it(
    "counts every reader once, exactly, and both processes' readers see the totals",
    { timeout: 300_000 },
    async () => {
      const event = await makeEvent(owner);
      const { post } = await publishPost(owner, event.id, {
        body: "Vote",
        poll: { question: "Which?", options: ["One", "Two", "Three"] },
      });
      const poll = post.poll!;
      const options = poll.options.map((o) => o.id);
      const path = `/api/events/${event.slug}/posts/${post.id}/poll`;
      const stream = `/api/events/${event.slug}/stream`;
      const onA = new EventSourceRecorder(`${a!.url}${stream}`);
      const onB = new EventSourceRecorder(`${b!.url}${stream}`);
      clients.push(onA, onB);
      await Promise.all([onA.waitForOpen(), onB.waitForOpen()]);

      // 240 readers, each with their signed cookie, each choosing one option.
      const readers = Array.from({ length: 240 }, (_, n) => {
        const { readerId, token } = newReaderToken(event.id);
        return { readerId, cookie: `herald_reader_${event.id}=${token}`, option: options[n % 3]! };
      });

      // The storm: each reader's vote sent to both processes (a replay through the other
      // one), spread over 3 s, while B stops gracefully and comes back on its port.
      const attempts: { reader: (typeof readers)[number]; sent: Sent }[] = [];
      const storm = readers.flatMap((reader, n) =>
        [a!, b!].map(async (server, copy) => {
          await new Promise((resolve) => setTimeout(resolve, (n * 13 + copy * 7) % 3_000));
          attempts.push({ reader, sent: await cast(server, path, reader.cookie, reader.option) });
        }),
      );
      const restart = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await b!.stop();
        await b!.restart();
      })();
      await Promise.all([...storm, restart]);

      const answered = (x: { sent: Sent }) => x.sent.status === 200 || x.sent.status === 201;
      expect(attempts.some((x) => !answered(x))).toBe(true); // the restart was mid-storm
      for (const x of attempts.filter(answered)) expect(x.sent.choice).toBe(x.reader.option);
      const acknowledged = new Set(attempts.filter(answered).map((x) => x.reader.readerId));
      const rows = async () =>
        new Map(
          (await db.pollVote.findMany({ where: { pollId: poll.id }, select: { readerId: true, optionId: true } })).map(
            (row) => [row.readerId, row.optionId],
          ),
        );
      const stored = await rows();
      for (const acked of acknowledged) expect(stored.has(acked), `acknowledged ${acked} is stored`).toBe(true);
      // Exactly one of each reader's 201s: a replay is never counted again.
      const created = attempts.filter((x) => x.sent.status === 201).map((x) => x.reader.readerId);
      expect(new Set(created).size).toBe(created.length);

      // A client retries what it never heard back about, until it hears: "already counted"
      // (200) exactly when it was stored, "counted" (201) otherwise.
      for (const reader of readers.filter((r) => !acknowledged.has(r.readerId))) {
        let sent = await cast(a!, path, reader.cookie, reader.option);
        for (let tries = 1; sent.status !== 200 && sent.status !== 201 && tries < 10; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          sent = await cast(a!, path, reader.cookie, reader.option);
        }
        expect(sent.status, reader.readerId).toBe(stored.has(reader.readerId) ? 200 : 201);
      }
      // A process that sheds load on a busy machine answers 503 + Retry-After (or, while
      // it restarts, does not connect): a single request is retried until it is answered.
      const answer = async (...args: Parameters<typeof cast>) => {
        let sent = await cast(...args);
        for (let tries = 1; (sent.status === null || sent.status === 503) && tries < 10; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          sent = await cast(...args);
        }
        return sent;
      };
      // A replay of a counted request, to either process, counts nothing.
      expect((await answer(b!, path, readers[0]!.cookie, options[2]!)).status).toBe(200);

      // One row per reader, each for the option they chose: totals = distinct accepted voters.
      const final = await rows();
      expect(final.size).toBe(readers.length);
      for (const reader of readers) expect(final.get(reader.readerId)).toBe(reader.option);
      const expected: PollCounts = Object.fromEntries(options.map((o) => [o, 80]));

      // Readers on both processes end with the totals: the one on A throughout, and one who
      // opens B's stream after its restart (its first message is the snapshot).
      const lateOnB = new EventSourceRecorder(`${b!.url}${stream}`);
      clients.push(lateOnB);
      for (const reader of [onA, lateOnB]) {
        await waitUntil(() => sorted(shown(reader, poll.id)) === sorted(expected), {
          timeoutMs: 60_000,
          message: `a reader to show ${sorted(expected)}, shows ${sorted(shown(reader, poll.id))}`,
        });
      }

      // Closing freezes it, on both processes; readers get the post with its closedAt.
      await closePoll(owner, post.id);
      const late = newReaderToken(event.id);
      for (const server of [a!, b!]) {
        expect((await answer(server, path, `herald_reader_${event.id}=${late.token}`, options[0]!)).status).toBe(409);
      }
      expect((await rows()).size).toBe(readers.length);
      await waitUntil(() => onA.received.some((r) => r.type === "post.updated" && r.data.includes('"closedAt":"')), {
        timeoutMs: 60_000,
        message: "the reader on A to get the closed poll",
      });
    },
  );
});
