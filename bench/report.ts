// The results: bench/results/<date>.json (the figures) and <date>.md (the table, with
// Herald's ratios to the baseline and to nchan, and the targets checked).
import fs from "node:fs";
import path from "node:path";
import type { Figures } from "./measure";
import type { PageSpike } from "./page-spike";
import { ratio } from "./stats";

export type Outcome = Figures | { unavailable: string } | null;
export type Run = { readers: number; workers: number; herald: Outcome; baseline: Outcome; nchan: Outcome };
export type Results = {
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; generators: number };
  runs: Run[];
  pageSpike: PageSpike | null;
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
  ["Memory of the idle server, PSS after GC (MB)", (f) => mb(f.idleBytes)],
  ["Memory per reader, PSS after GC (KiB)", (f) => kib(f.bytesPerReader)],
  ["JS heap per reader after GC (KiB)", (f) => kib(f.heapBytesPerReader)],
  ["Fan-out p50 (ms, publish start → last reader)", (f) => f.fanoutP50Ms],
  ["Fan-out p99 (ms)", (f) => f.fanoutP99Ms],
  ["Fan-out max (ms)", (f) => f.fanoutMaxMs],
  ["First reader p50 (ms, publish start → first reader)", (f) => f.firstReaderP50Ms],
  ["Server CPU per delivered message (µs)", (f) => f.deliveryCpuUs ?? null],
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
  lines.push("", "## Issue 6 targets", "", ...targets(results), "");
  return lines.join("\n");
}

function targets(results: Results): string[] {
  const largest = results.runs.at(-1);
  if (!largest) return [];
  const [h, b, n] = [figures(largest.herald), figures(largest.baseline), figures(largest.nchan)];
  const check = (label: string, ok: boolean | null) =>
    `- ${ok === null ? "not measured" : ok ? "met" : "**not met**"}: ${label}`;
  const at = `at ${largest.readers.toLocaleString("en-US")} readers`;
  const cmp = (value: number | null | undefined, limit: number | null | undefined, le = true) =>
    value === null || value === undefined || limit === null || limit === undefined
      ? null
      : le
        ? value <= limit
        : value >= limit;
  const spike = results.pageSpike;
  return [
    check(
      `every reader receives every post ${at}`,
      h ? h.delivered === h.expected && h.subscribed === largest.readers : null,
    ),
    check(
      `memory per reader ≤ 1.5× the baseline ${at}`,
      cmp(h?.bytesPerReader, b?.bytesPerReader ? b.bytesPerReader * 1.5 : null),
    ),
    check(
      `accept rate ≥ 0.7× the baseline ${at}`,
      cmp(h?.acceptPerSec, b?.acceptPerSec ? b.acceptPerSec * 0.7 : null, false),
    ),
    check(
      `accept rate ≥ 10,000/s ${at}, with the load generators on the same cores`,
      cmp(h?.acceptPerSec, 10_000, false),
    ),
    check(
      `accept rate ≥ 10,000/s for a second crowd ${at} (processes that have served one), with the load generators on the same cores`,
      cmp(h?.secondCrowdAcceptPerSec, 10_000, false),
    ),
    check(
      `accept rate ≥ 10,000/s with all cores ${at}, from the server's CPU per accept`,
      cmp(h ? acceptCapacity(h, results.machine.cpus) : null, 10_000, false),
    ),
    check(`fan-out p99 ≤ 1.5× nchan's ${at}`, cmp(h?.fanoutP99Ms, n?.fanoutP99Ms ? n.fanoutP99Ms * 1.5 : null)),
    check(`fan-out p99 ≤ 250 ms ${at} (the issue asks at 20,000)`, cmp(h?.fanoutP99Ms, 250)),
    check(
      `publish p99 ≤ 250 ms during the reconnect storm ${at}, no publish failed`,
      h ? (h.publishP99Ms ?? Infinity) <= 250 && h.publishFailures === 0 : null,
    ),
    check("page spike ≥ 1,000 HTML responses/s", cmp(spike?.requestsPerSec, 1_000, false)),
    check("page spike ≤ 0.01 queries per request", cmp(spike?.queriesPerRequest, 0.01)),
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
