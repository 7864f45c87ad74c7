// The results: bench/results/<date>.json (the figures) and <date>.md (the table, with
// Herald's ratios to the baseline and to nchan, and the targets checked).
import fs from "node:fs";
import path from "node:path";
import type { Figures } from "./measure";
import type { PageSpike } from "./page-spike";
import type { CpuShare, ReactionStorm } from "./reaction-storm";
import { ratio } from "./stats";

export type Outcome = Figures | { unavailable: string } | null;
export type Run = { readers: number; workers: number; herald: Outcome; baseline: Outcome; nchan: Outcome };
export type Results = {
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; generators: number };
  runs: Run[];
  pageSpike: PageSpike | null;
  /** Absent from results written before the storm existed. */
  reactionStorm?: ReactionStorm | null;
  /** The same storm of votes in a poll (docs/polls.md). */
  voteStorm?: ReactionStorm | null;
};

const figures = (o: Outcome): Figures | null => (o && !("unavailable" in o) ? o : null);
const kib = (bytes: number | null) => (bytes === null ? null : Math.round((bytes / 1024) * 10) / 10);
/** Results written before a figure existed lack it: `undefined` shows as "–" too. */
const mb = (bytes: number | null | undefined) => (bytes == null ? null : Math.round(bytes / 1e6));

type Row = [label: string, pick: (f: Figures) => number | null];
/**
 * The connections per second a server's own CPU time per accept allows with every core
 * to itself: on this machine the load generators take much of the CPU, and a server
 * cannot accept faster than they connect (docs/performance.md).
 */
const acceptCapacity = (f: Figures, cores: number) =>
  f.acceptCpuUs ? Math.round((cores * 1e6) / f.acceptCpuUs) : null;
const rowsFor = (cores: number): Row[] => [
  ["Accept rate (new SSE connections/s)", (f) => f.acceptPerSec],
  ["Server CPU per accepted reader (µs)", (f) => f.acceptCpuUs ?? null],
  [`Accept rate its CPU allows on all ${cores} cores (connections/s)`, (f) => acceptCapacity(f, cores)],
  ["Accept rate, a second crowd (/s)", (f) => f.secondCrowdAcceptPerSec],
  ["Server CPU per accepted reader, a second crowd (µs)", (f) => f.secondCrowdAcceptCpuUs],
  ["Memory of the stream processes, idle, PSS after GC (MB)", (f) => mb(f.idleBytes)],
  ["Memory of the stream processes with the readers, PSS after GC (MB)", (f) => mb(f.loadedBytes)],
  ["Memory of every server process, idle (MB)", (f) => mb(f.idleTotalBytes)],
  ["Memory of every server process with the readers (MB)", (f) => mb(f.loadedTotalBytes)],
  ["Memory per reader, PSS after GC (KiB)", (f) => kib(f.bytesPerReader)],
  ["JS heap per reader after GC (KiB)", (f) => kib(f.heapBytesPerReader)],
  ["Fan-out p50 (ms, publish start → last reader)", (f) => f.fanoutP50Ms],
  ["Fan-out p99 (ms)", (f) => f.fanoutP99Ms],
  ["Fan-out max (ms)", (f) => f.fanoutMaxMs],
  ["First reader p50 (ms, publish start → first reader)", (f) => f.firstReaderP50Ms],
  ["Server CPU per delivered message (µs)", (f) => f.deliveryCpuUs ?? null],
  ["Burst of posts at once: start → last reader has all (ms)", (f) => f.burstMs ?? null],
  ["Server CPU per delivered message in the burst (µs)", (f) => f.burstCpuUs ?? null],
  ["Publish p99, readers connected (ms)", (f) => f.steadyPublishP99Ms],
  ["Publish p50 during reconnect storm (ms)", (f) => f.publishP50Ms],
  ["Publish p99 during reconnect storm (ms)", (f) => f.publishP99Ms],
  ["Publish failures", (f) => f.publishFailures],
  ["Deliveries (reader × post)", (f) => f.delivered],
  ["Expected deliveries", (f) => f.expected],
  ["Readers cut off and reconnected", (f) => f.drops],
];

const cell = (value: number | null | undefined) =>
  value === null || value === undefined ? "–" : value.toLocaleString("en-US");

export function renderMarkdown(results: Results): string {
  const lines = [
    `# Benchmark, ${results.date}`,
    "",
    `${results.machine.cpus} cores (${results.machine.cpuModel}), Node ${results.machine.node}, ` +
      `${results.machine.generators} load-generator processes. The machine is shared, so figures are noisy: ` +
      "compare the ratios, measured in the same run. Ratios are Herald ÷ peer (for the accept rate higher is better, " +
      "for everything else lower is better). `npm run bench` wrote this; see bench/README.md for the method.",
  ];
  for (const run of results.runs) {
    const [herald, baseline, nchan] = [figures(run.herald), figures(run.baseline), figures(run.nchan)];
    lines.push(
      "",
      `## ${run.readers.toLocaleString("en-US")} readers (${run.workers} server processes each, ` +
        "and Herald's reader and newsroom processes besides)",
      "",
      "| | Herald | node:http baseline | nginx + nchan | Herald ÷ baseline | Herald ÷ nchan |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const [label, pick] of rowsFor(results.machine.cpus)) {
      const [h, b, n] = [herald, baseline, nchan].map((f) => (f ? pick(f) : null));
      lines.push(
        `| ${label} | ${cell(h)} | ${cell(b)} | ${cell(n)} | ${cell(ratio(h ?? null, b ?? null))} | ${cell(ratio(h ?? null, n ?? null))} |`,
      );
    }
    for (const [name, outcome] of Object.entries({ Herald: run.herald, baseline: run.baseline, nchan: run.nchan })) {
      if (outcome && "unavailable" in outcome) lines.push("", `${name} was not measured: ${outcome.unavailable}.`);
    }
  }
  const spike = results.pageSpike;
  if (spike) {
    lines.push(
      "",
      "## Page spike (Herald, `/e/<slug>` HTML)",
      "",
      `${cell(spike.requestsPerSec)} responses/s (p99 ${cell(spike.p99Ms)} ms, ${cell(spike.failed)} failed), ` +
        `${cell(spike.queriesPerRequest)} database transactions per request, ` +
        `${cell(spike.bytesPerResponse)} bytes per response as sent (asking as a browser does: gzip, deflate, br, zstd).`,
    );
  }
  for (const [storm, title, noun] of [
    [results.reactionStorm, "Reaction storm", "reaction"],
    [results.voteStorm, "Vote storm", "vote"],
  ] as const) {
    if (!storm) continue;
    lines.push(
      "",
      `## ${title} (Herald, ${storm.readers.toLocaleString("en-US")} readers connected, ` +
        `${storm.rounds ?? 1} round${(storm.rounds ?? 1) > 1 ? "s" : ""}, a post every ${storm.publishEveryMs ?? 250} ms)`,
      "",
      `${cell(storm.accepted)} of ${cell(storm.sent)} ${noun}s accepted (${cell(storm.acceptanceRate)}), ` +
        `p50 ${cell(storm.reactP50Ms)} ms, p99 ${cell(storm.reactP99Ms)} ms, ${cell(storm.serverErrors)} 5xx or failed; ` +
        `${cell(storm.stored)} stored (${storm.exact ? "exact" : "**not exact**"}). ` +
        `Readers saw each ${noun} p50 ${cell(storm.lagP50Ms)} ms, p99 ${cell(storm.lagP99Ms)} ms after its answer. ` +
        `Publish p99 ${cell(storm.stormPublishP99Ms)} ms during the storm, ${cell(storm.quietPublishP99Ms)} ms before it ` +
        `(${cell(storm.publishRatio)}×), ${cell(storm.publishFailures)} publishes failed.`,
      ...cpuLine(storm),
      "",
      ...stormTargets(storm, noun),
    );
  }
  lines.push("", "## Issue 19 targets", "", ...targets(results), "");
  return lines.join("\n");
}

/** Issue 19's targets, checked at 20,000 readers (or the largest count run) and at 50,000. */
function targets(results: Results): string[] {
  const run = results.runs.find((r) => r.readers === 20_000) ?? results.runs.at(-1);
  if (!run) return [];
  const [h, b, n] = [figures(run.herald), figures(run.baseline), figures(run.nchan)];
  const check = (label: string, ok: boolean | null) =>
    `- ${ok === null ? "not measured" : ok ? "met" : "**not met**"}: ${label}`;
  const at = `at ${run.readers.toLocaleString("en-US")} readers`;
  /** value ≤ limit (or ≥ with le = false); null when either is missing. */
  const cmp = (value: number | null | undefined, limit: number | null | undefined, le = true) =>
    value == null || limit == null ? null : le ? value <= limit : value >= limit;
  const times = (value: number | null | undefined, k: number) => (value == null ? null : value * k);
  const everyPost = (f: Figures | null, readers: number) =>
    f ? f.delivered === f.expected && f.subscribed === readers : null;
  const fiftyThousand = results.runs.find((r) => r.readers === 50_000);
  const spike = results.pageSpike;
  return [
    check(`every reader receives every post ${at}`, everyPost(h, run.readers)),
    check(
      `first crowd accept rate ≥ 1.5× the baseline ${at}`,
      cmp(h?.acceptPerSec, times(b?.acceptPerSec, 1.5), false),
    ),
    check(`first crowd accept rate ≥ 0.8× nchan ${at}`, cmp(h?.acceptPerSec, times(n?.acceptPerSec, 0.8), false)),
    check(`second crowd accept rate ≥ nchan ${at}`, cmp(h?.secondCrowdAcceptPerSec, n?.secondCrowdAcceptPerSec, false)),
    check(`fan-out p99 ≤ 250 ms ${at}`, cmp(h?.fanoutP99Ms, 250)),
    check(`fan-out p99 ≤ 1.1× nchan's ${at}`, cmp(h?.fanoutP99Ms, times(n?.fanoutP99Ms, 1.1))),
    check(
      `publish p99 ≤ 100 ms during the reconnect storm ${at}, no publish failed`,
      h ? (h.publishP99Ms ?? Infinity) <= 100 && h.publishFailures === 0 : null,
    ),
    check(
      `the stream tier's total memory ${at} ≤ 1.5× the baseline's total`,
      cmp(h?.loadedBytes, times(b?.loadedBytes, 1.5)),
    ),
    check("page spike ≥ 2,000 HTML responses/s", cmp(spike?.requestsPerSec, 2_000, false)),
    check("page spike: 0 queries per request (≤ 0.01)", cmp(spike?.queriesPerRequest, 0.01)),
    check(
      "50,000 readers, every post delivered (`--full`)",
      fiftyThousand ? everyPost(figures(fiftyThousand.herald), 50_000) : null,
    ),
  ];
}

/** Writes <dir>/<date>.json and <date>.md; returns their paths. */
export function writeResults(dir: string, results: Results): { json: string; markdown: string } {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `${results.date}.json`);
  const markdown = path.join(dir, `${results.date}.md`);
  fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(markdown, renderMarkdown(results));
  return { json, markdown };
}

/**
 * Where the cores went: the load generators share this machine, so a storm's latencies
 * include their share; what is neither Herald nor Postgres is theirs (and the kernel's).
 */
function cpuLine(storm: ReactionStorm): string[] {
  const { stormCpu: during, quietCpu: quiet } = storm;
  if (!during || !quiet) return [];
  const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;
  const rest = (share: CpuShare) => Math.max(0, share.busy - share.herald - share.postgres);
  return [
    "",
    `The machine's cores were ${percent(during.busy)} busy during the storms (${percent(quiet.busy)} in the quiet ` +
      `windows): Herald's processes ${percent(during.herald)} (${percent(quiet.herald)}), Postgres ` +
      `${percent(during.postgres)} (${percent(quiet.postgres)}), the load generators and the rest ` +
      `${percent(rest(during))} (${percent(rest(quiet))}).`,
  ];
}

/** Issue 23's targets for a storm of readers' answers (reactions, or votes). */
function stormTargets(storm: ReactionStorm, noun: string): string[] {
  const check = (label: string, ok: boolean) => `- ${ok ? "met" : "**not met**"}: ${label}`;
  return [
    check(`0 ${noun}s answered 5xx or failed`, storm.serverErrors === 0),
    check(`the stored count equals the accepted ${noun}s`, storm.exact),
    check(`readers see a ${noun} within 1 s (p99)`, storm.lagP99Ms !== null && storm.lagP99Ms <= 1_000),
    check("publish p99 ≤ 250 ms during the storm", storm.stormPublishP99Ms !== null && storm.stormPublishP99Ms <= 250),
    check("publish p99 during the storm ≤ 1.5× without it", storm.publishRatio !== null && storm.publishRatio <= 1.5),
  ];
}
