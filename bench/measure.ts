// One target at one reader count: accept rate, memory per reader, fan-out latency and
// the publisher under load — the same steps, the same load generator, for every target.
import type { Generators } from "./generators";
import { now, round, summarize } from "./stats";
import { statusOf, type Target } from "./targets";

export type Figures = {
  acceptPerSec: number | null;
  /** The server's own CPU time per accepted reader (µs), whatever the load generators used. */
  acceptCpuUs: number | null;
  /** The same for a second crowd, met by processes that have served the first. */
  secondCrowdAcceptPerSec: number | null;
  secondCrowdAcceptCpuUs: number | null;
  /** The server's own CPU time per delivered message (µs) over the fan-out series. */
  deliveryCpuUs: number | null;
  /**
   * The server's processes' PSS after a full GC, before any reader: what a reader's cost
   * is counted from. A process that has served a crowd (or, for Herald's stream
   * processes, warmed up) keeps compiled code and allocator arenas it never gives back.
   */
  idleBytes: number | null;
  /** PSS of the processes holding the readers, after a full GC, with every reader connected. */
  loadedBytes: number | null;
  /** PSS of every process of the target, idle and with every reader connected. */
  idleTotalBytes: number | null;
  loadedTotalBytes: number | null;
  /** PSS per reader, after a full GC, minus the idle figure. */
  bytesPerReader: number | null;
  heapBytesPerReader: number | null;
  fanoutP50Ms: number | null;
  fanoutP99Ms: number | null;
  fanoutMaxMs: number | null;
  /** A burst of posts published at once: start → the last reader with all of them. */
  burstMs: number | null;
  /** The server's own CPU time per delivered message (µs) in the burst. */
  burstCpuUs: number | null;
  /** Publish start → the first reader: the path before the write-out (publish, commit, NOTIFY). */
  firstReaderP50Ms: number | null;
  /** Publish latency with the readers connected. */
  steadyPublishP50Ms: number | null;
  steadyPublishP99Ms: number | null;
  /** Publish latency during the reconnect storm (the target in issue 6). */
  publishP50Ms: number | null;
  publishP99Ms: number | null;
  publishFailures: number;
  stormArrivals: number;
  delivered: number;
  expected: number;
  subscribed: number;
  connectFailures: number;
  drops: number;
};

export type Plan = {
  readers: number;
  hosts: string[];
  posts: number;
  /** Posts published at once in the burst. */
  burst: number;
  stormPerSecond: number;
  stormSeconds: number;
};

/** Microseconds of CPU per unit, or null with no units (or a clock too coarse to tell). */
const cpuPer = (seconds: number, units: number) => (units > 0 && seconds > 0 ? (seconds * 1e6) / units : null);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Post numbers are unique across the run, so no target's receipts mix with another's. */
let nextPost = 1;

export async function measure(target: Target, generators: Generators, plan: Plan, workers: number): Promise<Figures> {
  await warmUp(target, workers);
  const idle = await target.memory();

  const connectStart = now();
  const connectCpu = target.cpuSeconds();
  const connected = await generators.connect(plan.readers, plan.hosts, target.port, target.subscribePath);
  const connectMs = connected.lastSubscribedAt - connectStart;
  const acceptCpuUs = cpuPer(target.cpuSeconds() - connectCpu, connected.subscribed);
  const acceptPerSec = connected.subscribed / (connectMs / 1000);
  const generatorBusy = Math.round((connected.maxCpuMs / connectMs) * 100);
  log(
    target,
    `${connected.subscribed}/${plan.readers} readers at ${Math.round(acceptPerSec)}/s (server CPU ${round(acceptCpuUs)} µs each; busiest generator ${generatorBusy}% CPU)`,
  );
  await sleep(1_000);
  const loaded = await target.memory();
  const per = (a: number | null, b: number | null) =>
    a === null || b === null || connected.subscribed === 0 ? null : (a - b) / connected.subscribed;

  // Fan-out: one post at a time, each until every reader has it (or 10 s).
  const series: { post: number; start: number }[] = [];
  const steadyPublishMs: number[] = [];
  let publishFailures = 0;
  const fanoutCpu = target.cpuSeconds();
  for (let i = 0; i < plan.posts; i++) {
    const post = nextPost++;
    const start = now();
    try {
      await target.publish(`bench-${post}`);
      steadyPublishMs.push(now() - start);
      series.push({ post, start });
      await generators.allGot(post, 10_000);
    } catch (error) {
      publishFailures++;
      log(target, `publish failed: ${String(error)}`);
    }
    await sleep(250);
  }
  const fanoutCpuSeconds = target.cpuSeconds() - fanoutCpu;

  // A burst: several desks publish at the same moment (a goal, a result), which is when
  // a server that writes each post to each reader on its own falls behind.
  const burst = Array.from({ length: plan.burst }, () => nextPost++);
  const burstCpu = target.cpuSeconds();
  const burstStart = now();
  const burstPublished = await Promise.allSettled(burst.map((post) => target.publish(`bench-${post}`)));
  for (const outcome of burstPublished) {
    if (outcome.status === "fulfilled") continue;
    publishFailures++;
    log(target, `publish failed in the burst: ${String(outcome.reason)}`);
  }
  await Promise.all(burst.map((post) => generators.allGot(post, 20_000)));
  const burstCpuSeconds = target.cpuSeconds() - burstCpu;
  await sleep(250);

  const tally = await generators.tally();
  const fanoutMs = series.map(({ post, start }) => (tally.posts.get(post)?.lastAt ?? Number.NaN) - start);
  const delivered = series.reduce((sum, { post }) => sum + (tally.posts.get(post)?.count ?? 0), 0);
  const fanout = summarize(fanoutMs.filter(Number.isFinite));
  const firstMs = series.map(({ post, start }) => (tally.posts.get(post)?.firstAt ?? Number.NaN) - start);
  const first = summarize(firstMs.filter(Number.isFinite));
  const deliveryCpuUs = cpuPer(fanoutCpuSeconds, delivered);
  const burstDelivered = burst.reduce((sum, post) => sum + (tally.posts.get(post)?.count ?? 0), 0);
  const burstLastAt = Math.max(...burst.map((post) => tally.posts.get(post)?.lastAt ?? Number.NaN));
  const burstMs = burst.length > 0 && burstDelivered === plan.readers * burst.length ? burstLastAt - burstStart : null;
  const burstCpuUs = cpuPer(burstCpuSeconds, burstDelivered);
  log(
    target,
    `fan-out p50 ${round(fanout.p50)} ms, p99 ${round(fanout.p99)} ms (first reader p50 ${round(first.p50)} ms); ${delivered}/${plan.readers * plan.posts} deliveries` +
      ` (server CPU ${round(deliveryCpuUs)} µs each)`,
  );
  log(
    target,
    `a burst of ${burst.length} posts at once: the last reader had them all after ${round(burstMs)} ms; ` +
      `${burstDelivered}/${plan.readers * burst.length} deliveries (server CPU ${round(burstCpuUs)} µs each)`,
  );

  // The publisher during a reconnect storm: readers leave and new ones arrive at stormPerSecond.
  const storm = generators.churn(plan.stormPerSecond, plan.stormSeconds);
  let stormOver = false;
  void storm.then(() => (stormOver = true));
  const stormPublishMs: number[] = [];
  while (!stormOver) {
    const start = now();
    try {
      await target.publish(`storm ${nextPost++}`);
      stormPublishMs.push(now() - start);
    } catch (error) {
      publishFailures++;
      log(target, `publish failed during the storm: ${String(error)}`);
    }
    await sleep(Math.max(0, 100 - (now() - start)));
  }
  const churned = await storm;
  const steady = summarize(steadyPublishMs);
  const stormed = summarize(stormPublishMs);
  log(target, `publish p99 ${round(steady.p99)} ms; during ${churned.reopened} arrivals ${round(stormed.p99)} ms`);
  const after = await generators.tally();
  await generators.close();

  // A second crowd: every reader has gone, and as many arrive at once (the next wave of an
  // event, or everyone back after a network blip). The first crowd met processes fresh
  // from a start, whose JIT was still compiling the accept path (docs/performance.md).
  await sleep(2_000);
  const againStart = now();
  const againCpu = target.cpuSeconds();
  const again = await generators.connect(plan.readers, plan.hosts, target.port, target.subscribePath);
  const secondCrowdAcceptCpuUs = cpuPer(target.cpuSeconds() - againCpu, again.subscribed);
  const secondCrowdAcceptPerSec = again.subscribed / ((again.lastSubscribedAt - againStart) / 1000);
  log(
    target,
    `a second crowd: ${again.subscribed}/${plan.readers} readers at ${Math.round(secondCrowdAcceptPerSec)}/s (server CPU ${round(secondCrowdAcceptCpuUs)} µs each)`,
  );
  await generators.close();

  return {
    acceptPerSec: round(acceptPerSec),
    acceptCpuUs: round(acceptCpuUs),
    secondCrowdAcceptPerSec: round(secondCrowdAcceptPerSec),
    secondCrowdAcceptCpuUs: round(secondCrowdAcceptCpuUs),
    deliveryCpuUs: round(deliveryCpuUs),
    idleBytes: idle.pssBytes,
    loadedBytes: loaded.pssBytes,
    idleTotalBytes: idle.totalPssBytes,
    loadedTotalBytes: loaded.totalPssBytes,
    bytesPerReader: round(per(loaded.pssBytes, idle.pssBytes)),
    heapBytesPerReader: round(per(loaded.heapBytes, idle.heapBytes)),
    fanoutP50Ms: round(fanout.p50),
    fanoutP99Ms: round(fanout.p99),
    fanoutMaxMs: round(fanout.max),
    burstMs: round(burstMs),
    burstCpuUs: round(burstCpuUs),
    firstReaderP50Ms: round(first.p50),
    steadyPublishP50Ms: round(steady.p50),
    steadyPublishP99Ms: round(steady.p99),
    publishP50Ms: round(stormed.p50),
    publishP99Ms: round(stormed.p99),
    publishFailures,
    stormArrivals: churned.reopened,
    delivered: delivered + burstDelivered,
    // Every reader asked for should get every post, including any whose publish failed.
    expected: plan.readers * (plan.posts + burst.length),
    subscribed: connected.subscribed,
    connectFailures: connected.failures + churned.failures,
    drops: after.drops,
  };
}

/**
 * A server that has served nothing yet is not what readers meet: each process serves the
 * page readers open first (Herald's reader processes render it through Next, which costs
 * every later accept there a little: docs/performance.md), a few readers connect to every
 * process, and one post per process reaches them (so each has fanned out once), before
 * anything is measured.
 */
async function warmUp(target: Target, workers: number) {
  // Each GET is a new connection, which goes to whichever process accepts it first.
  if (target.pagePath) {
    for (let i = 0; i < workers * 6; i++) await statusOf(`http://127.0.0.1:${target.port}${target.pagePath}`);
  }
  const controller = new AbortController();
  const bodies = await Promise.all(
    Array.from({ length: workers * 8 }, async () => {
      const response = await fetch(`http://127.0.0.1:${target.port}${target.subscribePath}`, {
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      await reader.read();
      return reader;
    }),
  );
  for (let i = 0; i < workers; i++) await target.publish("warm-up");
  await Promise.race([Promise.all(bodies.map((reader) => reader.read().catch(() => null))), sleep(5_000)]);
  controller.abort();
  await sleep(500);
}

function log(target: Target, message: string) {
  console.log(`bench: ${target.name}: ${message}`);
}
