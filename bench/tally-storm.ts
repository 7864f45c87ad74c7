// Storms of readers' answers (Herald only, issue 23): with a crowd of readers connected,
// thousands of readers react to one post, or vote in one poll, within 10 s while posts are
// published. Measured in the same run: the publishes of a quiet window first, then of the
// storm. Reports the answers' acceptance and latency, 5xx, whether the stored count equals
// the accepted answers, and how long after an answer the readers' pages show it (the
// `reactions` or `polls` state event, coalesced to at most two a second per event).
import { EventSource } from "eventsource";
import pg from "pg";
import type { Generators } from "./generators";
import { now, ratio, round, summarize } from "./stats";

export type TallyStorm = {
  readers: number;
  sent: number;
  accepted: number;
  acceptanceRate: number | null;
  answerP50Ms: number | null;
  answerP99Ms: number | null;
  serverErrors: number;
  /** Rows in the database for the post or poll after the storm: exact when equal to `accepted`. */
  stored: number;
  exact: boolean;
  /** An answer's response → every watching page shows a count that includes it. */
  lagP50Ms: number | null;
  lagP99Ms: number | null;
  publishEveryMs: number;
  quietPublishP99Ms: number | null;
  stormPublishP99Ms: number | null;
  /** stormPublishP99Ms ÷ quietPublishP99Ms (target ≤ 1.5). */
  publishRatio: number | null;
  publishFailures: number;
};

/** What a storm sends, and where its count shows: reactions to a post, or votes in a poll. */
export type Ballot = {
  /** The post the storm is about, as API v1 takes it. */
  post: Record<string, unknown>;
  /** From the created post (API v1's answer): where to answer, what to send, what to count. */
  aim(post: CreatedPost): Aim;
  publishEveryMs: number;
};
type CreatedPost = { id: string; poll?: { id: string; options: { id: string }[] } | null };
type Aim = {
  path: string;
  body: string;
  /** The SSE state event that carries the count, and the count in it (null: not this target). */
  event: string;
  shown(data: unknown): number | null;
  /** The count in the answer to one request. */
  answered(body: unknown): number;
  /** Rows stored for the target. */
  storedQuery: [sql: string, params: string[]];
};

const likes = (counts: unknown) => ((counts ?? {}) as { like?: number }).like ?? 0;

/** Everyone likes one post; posts published every 250 ms. */
export const reactionBallot: Ballot = {
  post: { body: "React!" },
  publishEveryMs: 250,
  aim: (post) => ({
    path: `posts/${post.id}/reactions`,
    body: '{"kind":"like"}',
    event: "reactions",
    shown: (data) => {
      const counts = (data as Record<string, unknown>)[post.id];
      return counts === undefined ? null : likes(counts);
    },
    answered: (body) => likes((body as { counts?: unknown }).counts),
    storedQuery: [`SELECT count(*) AS n FROM "Reaction" WHERE "postId" = $1`, [post.id]],
  }),
};

/** Everyone votes for the first of three options; a post published every second (the pace). */
export const voteBallot: Ballot = {
  post: { body: "Who wins tonight?", poll: { question: "Who wins tonight?", options: ["Red", "Blue", "Neither"] } },
  publishEveryMs: 1_000,
  aim: (post) => {
    const poll = post.poll;
    if (!poll) throw new Error("the storm's post came back without its poll");
    const option = poll.options[0]!.id;
    const votes = (counts: unknown) => ((counts ?? {}) as Record<string, number>)[option] ?? 0;
    return {
      path: `posts/${post.id}/poll`,
      body: JSON.stringify({ option }),
      event: "polls",
      shown: (data) => {
        const counts = (data as Record<string, unknown>)[poll.id];
        return counts === undefined ? null : votes(counts);
      },
      answered: (body) => votes((body as { counts?: unknown }).counts),
      storedQuery: [`SELECT count(*) AS n FROM "PollVote" WHERE "pollId" = $1`, [poll.id]],
    };
  },
};

type Setup = {
  baseUrl: string;
  port: number;
  slug: string;
  token: string;
  databaseUrl: string;
  generators: Generators;
  readers: number;
  hosts: string[];
  /** How many readers answer, evenly over `seconds`. */
  answers: number;
  seconds: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Pages that watch the counts from this process (the crowd's bytes go to the generators). */
const watchers = 20;
const maxInFlight = 256;

export async function measureTallyStorm(setup: Setup, ballot: Ballot): Promise<TallyStorm> {
  const { baseUrl, slug, token } = setup;
  const publishUrl = `${baseUrl}/api/v1/events/${slug}/posts`;
  const auth = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const created = await fetch(publishUrl, { method: "POST", headers: auth, body: JSON.stringify(ballot.post) });
  if (created.status !== 201) throw new Error(`could not publish the storm's post: ${created.status}`);
  const aim = ballot.aim(((await created.json()) as { post: CreatedPost }).post);
  const answerUrl = `${baseUrl}/api/events/${slug}/${aim.path}`;

  const crowd = await setup.generators.connect(setup.readers, setup.hosts, setup.port, `/api/events/${slug}/stream`);
  // What each watching page shows: (time, count) in arrival order.
  const seen: { at: number; count: number }[][] = [];
  const sources: EventSource[] = [];
  for (let i = 0; i < watchers; i++) {
    const log: { at: number; count: number }[] = [];
    seen.push(log);
    const source = new EventSource(`${baseUrl}/api/events/${slug}/stream`);
    source.addEventListener(aim.event, (event) => {
      const count = aim.shown(JSON.parse(event.data as string));
      if (count !== null) log.push({ at: now(), count });
    });
    sources.push(source);
  }
  await sleep(2_000);

  const publishes = async (ms: number) => {
    const latencies: number[] = [];
    let failures = 0;
    const until = now() + ms;
    let n = 0;
    while (now() < until) {
      const start = now();
      const response = await fetch(publishUrl, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ body: `Storm update ${++n}` }),
      }).catch(() => null);
      await response?.text();
      if (response?.status === 201) latencies.push(now() - start);
      else failures++;
      await sleep(Math.max(0, ballot.publishEveryMs - (now() - start)));
    }
    return { latencies, failures };
  };

  try {
    const quiet = await publishes(setup.seconds * 1000);

    // The storm: `answers` new readers (no token: each is issued one), evenly over the window.
    const answers: { status: number; ms: number; at: number; count: number }[] = [];
    let inFlight = 0;
    const answer = async () => {
      inFlight++;
      const start = now();
      try {
        const response = await fetch(answerUrl, {
          method: "POST",
          headers: { "content-type": "application/json", origin: baseUrl },
          body: aim.body,
        });
        const body = await response.json().catch(() => ({}));
        answers.push({ status: response.status, ms: now() - start, at: now(), count: aim.answered(body) });
      } catch {
        answers.push({ status: 0, ms: now() - start, at: now(), count: 0 });
      } finally {
        inFlight--;
      }
    };
    const stormPublishes = publishes(setup.seconds * 1000);
    const sending: Promise<void>[] = [];
    const t0 = now();
    for (let i = 0; i < setup.answers; i++) {
      const due = t0 + (i * setup.seconds * 1000) / setup.answers;
      if (due > now()) await sleep(due - now());
      while (inFlight >= maxInFlight) await sleep(1);
      sending.push(answer());
    }
    await Promise.all(sending);
    const storm = await stormPublishes;

    const accepted = answers.filter((a) => a.status === 201 || a.status === 200);
    const total = Math.max(0, ...accepted.map((a) => a.count));
    const deadline = now() + 30_000;
    while (now() < deadline && !seen.every((log) => log.at(-1)?.count === total)) await sleep(100);
    const lags = accepted.map((a) => {
      // The slowest watching page decides when an answer is seen by all.
      const shown = seen.map((log) => log.find((entry) => entry.count >= a.count)?.at ?? Infinity);
      return Math.max(0, Math.max(...shown) - a.at);
    });

    const client = new pg.Client({ connectionString: setup.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ n: string }>(...aim.storedQuery).finally(() => void client.end());
    const stored = Number(rows[0]!.n);
    const latency = summarize(accepted.map((a) => a.ms));
    const lag = summarize(lags.filter(Number.isFinite));
    const quietP99 = summarize(quiet.latencies).p99;
    const stormP99 = summarize(storm.latencies).p99;
    return {
      readers: crowd.subscribed + watchers,
      sent: answers.length,
      accepted: accepted.length,
      acceptanceRate: ratio(accepted.length, answers.length),
      answerP50Ms: round(latency.p50),
      answerP99Ms: round(latency.p99),
      serverErrors: answers.filter((a) => a.status >= 500 || a.status === 0).length,
      stored,
      exact: stored === accepted.length && lags.every(Number.isFinite),
      lagP50Ms: round(lag.p50),
      lagP99Ms: round(lag.p99),
      publishEveryMs: ballot.publishEveryMs,
      quietPublishP99Ms: round(quietP99),
      stormPublishP99Ms: round(stormP99),
      publishRatio: ratio(stormP99, quietP99),
      publishFailures: quiet.failures + storm.failures,
    };
  } finally {
    for (const source of sources) source.close();
    await setup.generators.close();
  }
}
