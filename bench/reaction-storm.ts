// Reaction and vote storms (Herald only): with a crowd of readers connected, 10,000 new
// readers react to one post (or vote in its poll) within 10 s while posts are published
// every 250 ms. Measured in the same run: the publishes of a quiet window first, then of
// the storm. Reports acceptance and latency, 5xx, whether the stored count equals the
// accepted reactions or votes, and how long after an answer the readers' pages show it
// (the `reactions` or `polls` state event, coalesced to at most two a second per event).
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { EventSource } from "eventsource";
import pg from "pg";
import type { Generators } from "./generators";
import { cpuUsedBetween, machineBusySeconds, namedCpuSeconds } from "./cpu-time";
import { now, ratio, round, summarize } from "./stats";

export type ReactionStorm = {
  /** What the storm sent: reactions (the default, for results before votes existed) or votes. */
  tally?: "reactions" | "votes";
  readers: number;
  /** Storms run one after another (each on a new post, after its own quiet window), pooled. */
  rounds?: number;
  sent: number;
  accepted: number;
  acceptanceRate: number | null;
  reactP50Ms: number | null;
  reactP99Ms: number | null;
  serverErrors: number;
  /** Rows in the database for the post after the storm: exact when equal to `accepted`. */
  stored: number;
  exact: boolean;
  /** A reaction's answer → every watching page shows a count that includes it. */
  lagP50Ms: number | null;
  lagP99Ms: number | null;
  /** How often a post was published in both windows (250 ms in results before rounds existed). */
  publishEveryMs?: number;
  quietPublishP99Ms: number | null;
  stormPublishP99Ms: number | null;
  /** stormPublishP99Ms ÷ quietPublishP99Ms (target ≤ 1.5). */
  publishRatio: number | null;
  publishFailures: number;
  /** Where the cores went during the storms' windows, and during the quiet ones (absent before). */
  stormCpu?: CpuShare;
  quietCpu?: CpuShare;
};

/** Fractions of all the machine's cores over a window: busy in all, and by whom. */
export type CpuShare = { busy: number; herald: number; postgres: number };

type Setup = {
  baseUrl: string;
  port: number;
  slug: string;
  token: string;
  databaseUrl: string;
  generators: Generators;
  readers: number;
  hosts: string[];
  reactions: number;
  seconds: number;
  rounds: number;
  /** CPU seconds Herald's processes have used so far (the target's). */
  serverCpuSeconds: () => number;
};

/** How one kind of storm talks to Herald: its post, its request, and where its count shows. */
type Tally = {
  name: "reactions" | "votes";
  post: object;
  /** From the created post: the request's path under it, its body, and the ids counted. */
  target: (post: CreatedPost) => { path: string; body: string; itemId: string; countKey: string };
  stateEvent: string;
  storedQuery: string;
};
type Answer = { status: number; ms: number; at: number; likes: number };
type Publishes = { latencies: number[]; failures: number };
type Round = {
  answers: Answer[];
  accepted: Answer[];
  lags: number[];
  stored: number;
  quiet: Publishes;
  storm: Publishes;
  quietCpu: CpuUse;
  stormCpu: CpuUse;
};

/** CPU seconds used over a window of `wallSeconds`: the whole machine's, Herald's, Postgres's. */
type CpuUse = { wallSeconds: number; busy: number; herald: number; postgres: number };
type CreatedPost = { id: string; poll?: { id: string; options: { id: string }[] } };

const tallies: Record<Tally["name"], Tally> = {
  reactions: {
    name: "reactions",
    post: { body: "React!" },
    target: (post) => ({ path: "reactions", body: '{"kind":"like"}', itemId: post.id, countKey: "like" }),
    stateEvent: "reactions",
    storedQuery: `SELECT count(*) AS n FROM "Reaction" WHERE "postId" = $1`,
  },
  votes: {
    name: "votes",
    post: { body: "Vote!", poll: { question: "Which?", options: ["This", "That"] } },
    target: (post) => {
      const option = post.poll!.options[0]!.id;
      return { path: "poll", body: JSON.stringify({ option }), itemId: post.poll!.id, countKey: option };
    },
    stateEvent: "polls",
    storedQuery: `SELECT count(*) AS n FROM "PollVote" WHERE "pollId" = $1`,
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Pages that watch the counts from this process (the crowd's bytes go to the generators). */
const watchers = 20;
/** Issue 23's scenario: a post every second while the storm runs. */
const publishEveryMs = 1_000;
const maxInFlight = 256;

export const measureReactionStorm = (setup: Setup) => measureTallyStorm(setup, tallies.reactions);
/** The same storm of votes in a poll: one vote per new reader, counted exactly. */
export const measureVoteStorm = (setup: Setup) => measureTallyStorm(setup, tallies.votes);

async function measureTallyStorm(setup: Setup, tally: Tally): Promise<ReactionStorm> {
  const { baseUrl, slug, token } = setup;
  const publishUrl = `${baseUrl}/api/v1/events/${slug}/posts`;
  const auth = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };

  const crowd = await setup.generators.connect(setup.readers, setup.hosts, setup.port, `/api/events/${slug}/stream`);
  // What each watching page shows of this round's item: (time, count) in arrival order.
  let target = { itemId: "", countKey: "" };
  let seen: { at: number; likes: number }[][] = [];
  const sources: EventSource[] = [];
  for (let i = 0; i < watchers; i++) {
    const source = new EventSource(`${baseUrl}/api/events/${slug}/stream`);
    source.addEventListener(tally.stateEvent, (event) => {
      const counts = (JSON.parse(event.data as string) as Record<string, Record<string, number>>)[target.itemId];
      if (counts) seen[i]?.push({ at: now(), likes: counts[target.countKey] ?? 0 });
    });
    sources.push(source);
  }
  await sleep(2_000);

  // From a process of its own: this one is busy sending the storm (bench/publisher.ts).
  // Both windows start when the publisher is surely running (tsx takes a moment to start).
  const publishes = (ms: number, startAt: number) =>
    new Promise<Publishes>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          path.join(import.meta.dirname, "publisher.ts"),
          publishUrl,
          String(ms),
          String(publishEveryMs),
          String(startAt),
        ],
        { env: { ...process.env, BENCH_TOKEN: token }, stdio: ["ignore", "pipe", "inherit"] },
      );
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.on("error", reject);
      child.on("exit", (code) => {
        if (code !== 0) return reject(new Error(`publisher: exit ${code}`));
        const result = JSON.parse(out) as Publishes;
        console.log(`bench: publishes (ms): ${result.latencies.map((ms) => Math.round(ms)).join(" ")}`);
        resolve(result);
      });
    });

  /** The counters a window's CPU shares come from (bench/cpu-time.ts). */
  const cpuNow = () => ({
    at: now(),
    busy: machineBusySeconds(),
    herald: setup.serverCpuSeconds(),
    postgres: namedCpuSeconds("postgres"),
  });
  const cpuSince = (from: ReturnType<typeof cpuNow>): CpuUse => {
    const to = cpuNow();
    return {
      wallSeconds: (to.at - from.at) / 1000,
      busy: to.busy - from.busy,
      herald: to.herald - from.herald,
      postgres: cpuUsedBetween(from.postgres, to.postgres),
    };
  };

  /** One round: a new post (and poll), a quiet window of publishes, then the storm on it. */
  const runRound = async (): Promise<Round> => {
    const created = await fetch(publishUrl, { method: "POST", headers: auth, body: JSON.stringify(tally.post) });
    if (created.status !== 201) throw new Error(`could not publish the storm's post: ${created.status}`);
    const post = ((await created.json()) as { post: CreatedPost }).post;
    const request = tally.target(post);
    target = request;
    seen = sources.map(() => []);
    const reactUrl = `${baseUrl}/api/events/${slug}/posts/${post.id}/${request.path}`;
    const quietStart = Date.now() + 3_000;
    const quietFrom = sleep(quietStart - Date.now()).then(cpuNow);
    const quiet = await publishes(setup.seconds * 1000, quietStart);
    const quietCpu = cpuSince(await quietFrom);

    // The storm: `reactions` new readers (no token: each is issued one), evenly over the window.
    // `likes` is the count of the item the storm sends (👍, or the poll's first option).
    const answers: Answer[] = [];
    let inFlight = 0;
    const react = async () => {
      inFlight++;
      const start = now();
      try {
        const response = await fetch(reactUrl, {
          method: "POST",
          headers: { "content-type": "application/json", origin: baseUrl },
          body: request.body,
        });
        const body = (await response.json().catch(() => ({}))) as { counts?: Record<string, number> };
        const likes = body.counts?.[request.countKey] ?? 0;
        answers.push({ status: response.status, ms: now() - start, at: now(), likes });
      } catch {
        answers.push({ status: 0, ms: now() - start, at: now(), likes: 0 });
      } finally {
        inFlight--;
      }
    };
    const stormStart = Date.now() + 3_000;
    const stormPublishes = publishes(setup.seconds * 1000, stormStart);
    await sleep(stormStart - Date.now());
    const sending: Promise<void>[] = [];
    const t0 = now();
    const stormFrom = cpuNow();
    for (let i = 0; i < setup.reactions; i++) {
      const due = t0 + (i * setup.seconds * 1000) / setup.reactions;
      if (due > now()) await sleep(due - now());
      while (inFlight >= maxInFlight) await sleep(1);
      sending.push(react());
    }
    await Promise.all(sending);
    const stormCpu = cpuSince(stormFrom);
    const storm = await stormPublishes;

    const accepted = answers.filter((a) => a.status === 201 || a.status === 200);
    const total = Math.max(0, ...accepted.map((a) => a.likes));
    const deadline = now() + 30_000;
    while (now() < deadline && !seen.every((log) => log.at(-1)?.likes === total)) await sleep(100);
    const lags = accepted.map((answer) => {
      // The slowest watching page decides when a reaction is seen by all.
      const shown = seen.map((log) => log.find((entry) => entry.likes >= answer.likes)?.at ?? Infinity);
      return Math.max(0, Math.max(...shown) - answer.at);
    });

    const client = new pg.Client({ connectionString: setup.databaseUrl });
    await client.connect();
    const { rows } = await client
      .query<{ n: string }>(tally.storedQuery, [request.itemId])
      .finally(() => void client.end());
    const stored = Number(rows[0]!.n);
    return { answers, accepted, lags, stored, quiet, storm, quietCpu, stormCpu };
  };

  try {
    const rounds: Round[] = [];
    for (let i = 0; i < setup.rounds; i++) rounds.push(await runRound());
    const all = <T>(pick: (r: Round) => T[]) => rounds.flatMap(pick);
    const accepted = all((r) => r.accepted);
    const sent = all((r) => r.answers).length;
    const lags = all((r) => r.lags);
    const latency = summarize(accepted.map((a) => a.ms));
    const lag = summarize(lags.filter(Number.isFinite));
    const quietP99 = summarize(all((r) => r.quiet.latencies)).p99;
    const stormP99 = summarize(all((r) => r.storm.latencies)).p99;
    const stored = rounds.reduce((sum, r) => sum + r.stored, 0);
    return {
      tally: tally.name,
      readers: crowd.subscribed + watchers,
      rounds: rounds.length,
      sent,
      accepted: accepted.length,
      acceptanceRate: ratio(accepted.length, sent),
      reactP50Ms: round(latency.p50),
      reactP99Ms: round(latency.p99),
      serverErrors: all((r) => r.answers).filter((a) => a.status >= 500 || a.status === 0).length,
      stored,
      // Exact in every round: each round's item holds exactly the votes it accepted.
      exact: rounds.every((r) => r.stored === r.accepted.length) && lags.every(Number.isFinite),
      lagP50Ms: round(lag.p50),
      lagP99Ms: round(lag.p99),
      publishEveryMs,
      quietPublishP99Ms: round(quietP99),
      stormPublishP99Ms: round(stormP99),
      publishRatio: ratio(stormP99, quietP99),
      publishFailures: rounds.reduce((sum, r) => sum + r.quiet.failures + r.storm.failures, 0),
      stormCpu: cpuShare(all((r) => [r.stormCpu])),
      quietCpu: cpuShare(all((r) => [r.quietCpu])),
    };
  } finally {
    for (const source of sources) source.close();
    await setup.generators.close();
  }
}

/** Windows pooled, as fractions of all the machine's cores over their time. */
function cpuShare(windows: CpuUse[]): CpuShare {
  const cores = os.availableParallelism();
  const capacity = windows.reduce((sum, w) => sum + w.wallSeconds, 0) * cores;
  const share = (pick: (w: CpuUse) => number) =>
    Math.round((windows.reduce((sum, w) => sum + pick(w), 0) / capacity) * 1000) / 1000;
  return { busy: share((w) => w.busy), herald: share((w) => w.herald), postgres: share((w) => w.postgres) };
}
