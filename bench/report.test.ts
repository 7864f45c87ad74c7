import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chartHtml } from "./chart";
import type { Figures } from "./measure";
import { renderMarkdown, writeResults, type Results } from "./report";

function figures(overrides: Partial<Figures>): Figures {
  return {
    acceptPerSec: 5_000,
    acceptCpuUs: 150,
    secondCrowdAcceptPerSec: 6_000,
    secondCrowdAcceptCpuUs: 120,
    deliveryCpuUs: 12,
    idleBytes: 80_000_000,
    loadedBytes: 100_000_000,
    idleTotalBytes: 80_000_000,
    loadedTotalBytes: 100_000_000,
    bytesPerReader: 10_240,
    heapBytesPerReader: 5_120,
    fanoutP50Ms: 20,
    fanoutP99Ms: 40,
    fanoutMaxMs: 45,
    burstMs: 300,
    burstCpuUs: 10,
    firstReaderP50Ms: 5,
    steadyPublishP50Ms: 5,
    steadyPublishP99Ms: 9,
    publishP50Ms: 6,
    publishP99Ms: 12,
    publishFailures: 0,
    stormArrivals: 6_000,
    delivered: 30_000,
    expected: 30_000,
    subscribed: 2_000,
    connectFailures: 0,
    drops: 0,
    ...overrides,
  };
}

const results: Results = {
  date: "2026-01-02",
  machine: { cpus: 2, cpuModel: "test", node: "v20", generators: 2 },
  runs: [
    {
      readers: 2_000,
      workers: 2,
      herald: figures({
        idleBytes: 240_000_000,
        loadedBytes: 280_000_000,
        idleTotalBytes: 600_000_000,
        loadedTotalBytes: 640_000_000,
        bytesPerReader: 20_480,
        acceptPerSec: 2_500,
        acceptCpuUs: 100,
        burstMs: 150,
      }),
      baseline: figures({}),
      nchan: { unavailable: "apt-get could not install nginx + libnginx-mod-nchan" },
    },
  ],
  pageSpike: {
    requestsPerSec: 1_500,
    p99Ms: 80,
    ok: 12_000,
    failed: 0,
    bytesPerResponse: 6_100,
    queriesPerRequest: 0.002,
  },
};

describe("benchmark report", () => {
  it("tabulates Herald, the peers and Herald's ratios, and checks the targets", () => {
    const markdown = renderMarkdown(results);
    expect(markdown).toContain("| Memory of the stream processes, idle, PSS after GC (MB) | 240 | 80 | – | 3 | – |");
    expect(markdown).toContain("| Memory of every server process with the readers (MB) | 640 | 100 | – | 6.4 | – |");
    expect(markdown).toContain("| Memory per reader, PSS after GC (KiB) | 20 | 10 | – | 2 | – |");
    expect(markdown).toContain("| Accept rate (new SSE connections/s) | 2,500 | 5,000 | – | 0.5 | – |");
    expect(markdown).toContain("nchan was not measured: apt-get could not install");
    expect(markdown).toContain(
      "- **not met**: the stream tier's total memory at 2,000 readers ≤ 1.5× the baseline's total",
    );
    expect(markdown).toContain("- **not met**: first crowd accept rate ≥ 1.5× the baseline at 2,000 readers");
    expect(markdown).toContain("- met: page spike: 0 queries per request");
    expect(markdown).toContain("- **not met**: page spike ≥ 2,000 HTML responses/s");
    expect(markdown).toContain("- not measured: 50,000 readers, every post delivered");
    expect(markdown).toContain("| Server CPU per accepted reader (µs) | 100 | 150 | – | 0.67 | – |");
    // 2 cores ÷ 100 µs: what the server's own cost allows with the cores to itself.
    expect(markdown).toContain("| Accept rate its CPU allows on all 2 cores (connections/s) | 20,000 | 13,333 |");
    expect(markdown).toContain("- not measured: fan-out p99 ≤ 1.1× nchan's");
    expect(markdown).toContain(
      "| Burst of posts at once: start → last reader has all (ms) | 150 | 300 | – | 0.5 | – |",
    );
  });

  it("reports the reaction storm and checks its targets", () => {
    const markdown = renderMarkdown({
      ...results,
      reactionStorm: {
        readers: 2_020,
        rounds: 3,
        sent: 10_000,
        accepted: 10_000,
        acceptanceRate: 1,
        reactP50Ms: 12,
        reactP99Ms: 180,
        serverErrors: 0,
        stored: 10_000,
        exact: true,
        lagP50Ms: 400,
        lagP99Ms: 1_200,
        publishEveryMs: 1_000,
        quietPublishP99Ms: 40,
        stormPublishP99Ms: 90,
        publishRatio: 2.25,
        publishFailures: 0,
        stormCpu: { busy: 0.985, herald: 0.6, postgres: 0.09 },
        quietCpu: { busy: 0.25, herald: 0.15, postgres: 0.01 },
      },
    });
    expect(markdown).toContain("## Reaction storm (Herald, 2,020 readers connected, 3 rounds, a post every 1000 ms)");
    expect(markdown).toContain(
      "The machine's cores were 99% busy during the storms (25% in the quiet windows): Herald's processes 60% (15%), " +
        "Postgres 9% (1%), the load generators and the rest 30% (9%).",
    );
    expect(markdown).toContain("10,000 stored (exact)");
    expect(markdown).toContain("- met: the stored count equals the accepted reactions");
    expect(markdown).toContain("- **not met**: readers see a reaction within 1 s (p99)");
    expect(markdown).toContain("- met: publish p99 ≤ 250 ms during the storm");
    expect(markdown).toContain("- **not met**: publish p99 during the storm ≤ 1.5× without it");
    expect(renderMarkdown(results)).not.toContain("Reaction storm");
  });

  it("reports the vote storm in its own words", () => {
    const storm = {
      tally: "votes" as const,
      readers: 520,
      sent: 2_000,
      accepted: 2_000,
      acceptanceRate: 1,
      reactP50Ms: 20,
      reactP99Ms: 300,
      serverErrors: 0,
      stored: 1_999,
      exact: false,
      lagP50Ms: 300,
      lagP99Ms: 700,
      quietPublishP99Ms: 40,
      stormPublishP99Ms: 50,
      publishRatio: 1.25,
      publishFailures: 0,
    };
    const markdown = renderMarkdown({ ...results, voteStorm: storm });
    expect(markdown).not.toContain("cores were"); // results from before the CPU shares
    // Results from before rounds: one round, a post every 250 ms.
    expect(markdown).toContain("## Vote storm (Herald, 520 readers connected, 1 round, a post every 250 ms)");
    expect(markdown).toContain("2,000 of 2,000 votes accepted");
    expect(markdown).toContain("1,999 stored (**not exact**)");
    expect(markdown).toContain("- **not met**: the stored count equals the accepted votes");
    expect(markdown).toContain("- met: readers see a vote within 1 s (p99)");
    expect(markdown).not.toContain("Reaction storm");
  });

  it("writes the figures as JSON next to the table", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-bench-"));
    try {
      const written = writeResults(dir, results);
      expect(path.basename(written.json)).toBe("2026-01-02.json");
      const json = JSON.parse(fs.readFileSync(written.json, "utf8")) as Results;
      expect(json.runs[0]).toMatchObject({ readers: 2_000, herald: { acceptPerSec: 2_500, delivered: 30_000 } });
      expect(fs.readFileSync(written.markdown, "utf8")).toBe(renderMarkdown(results));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("draws a line per measured target in the chart", () => {
    const html = chartHtml(results);
    expect(html.match(/<polyline/g)).toHaveLength(6); // 3 targets × 2 panels, nchan's empty
    expect(html).toContain("Fan-out p99");
  });
});
