// `npm run bench`: Herald against a node:http baseline and nginx + nchan, on this machine,
// with the same load generator. Starts its own Postgres (bench/.work, port 5483), builds
// Herald if the build is stale, and writes bench/results/<date>.{md,json,png}.
// Method and options: bench/README.md.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { startEmbeddedPostgres } from "../runtime/database/embedded-postgres";
import { applyMigrations } from "../runtime/database/schema-engine";
import { buildIsStale } from "../runtime/build-is-stale";
import { writeChart } from "./chart";
import { warmUpGenerators } from "./generator-warm-up";
import { Generators } from "./generators";
import { measure } from "./measure";
import { ensureNchan, startNchan } from "./nchan";
import { generatorsFor, hostsFor, parseOptions, workersFor } from "./options";
import { measurePageSpike } from "./page-spike";
import { measureReactionStorm, measureVoteStorm } from "./reaction-storm";
import { writeResults, type Outcome, type Results, type Run } from "./report";
import { startBaseline, startHerald, type HeraldSetup, type Target, type TargetName } from "./targets";

const root = path.resolve(import.meta.dirname, "..");
const workDir = path.join(import.meta.dirname, ".work");
// BENCH_PORT / BENCH_PG_PORT move the bench off its usual ports (a shared machine).
const base = Number(process.env.BENCH_PORT ?? 3050);
const ports = {
  herald: base,
  baseline: base + 1,
  nchan: base + 2,
  postgres: Number(process.env.BENCH_PG_PORT ?? 5483),
};

const options = parseOptions(process.argv.slice(2));
const resultsDir = path.resolve(options.out ?? path.join(import.meta.dirname, "results"));
const maxReaders = Math.max(...options.readers);
console.log(`bench: readers ${options.readers.join(", ")}; targets ${options.targets.join(", ")}`);

if (options.targets.includes("herald") && buildIsStale()) {
  console.log("bench: the production build is stale; running next build…");
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const built = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) throw new Error("next build failed");
}
const nchanUnavailable = options.targets.includes("nchan") ? ensureNchan() : null;
if (nchanUnavailable) console.log(`bench: nchan is unavailable: ${nchanUnavailable}`);

fs.rmSync(path.join(workDir, "postgres"), { recursive: true, force: true });
fs.mkdirSync(workDir, { recursive: true });
const postgres = await startEmbeddedPostgres({ dir: path.join(workDir, "postgres"), port: ports.postgres });
const generators = Generators.start(generatorsFor(maxReaders, options));
let running: Target | null = null;
const cleanUp = async () => {
  generators.stop();
  await running?.stop().catch(() => {});
  await postgres.stop();
};
process.once("SIGINT", () => void cleanUp().then(() => process.exit(130)));

try {
  await applyMigrations(postgres.url);
  const herald: HeraldSetup = { databaseUrl: postgres.url, ...seed(postgres.url) };

  // 3,000 readers per generator, as many as each stream process warms up on.
  await warmUpGenerators(generators, hostsFor(maxReaders), 3_000 * generators.size);

  const runs: Run[] = [];
  for (const readers of options.readers) {
    const workers = workersFor(readers, options);
    const run: Run = { readers, workers, herald: null, baseline: null, nchan: null };
    const start: Record<TargetName, () => Promise<Target>> = {
      herald: () => startHerald(herald, ports.herald, workers),
      baseline: () => startBaseline(ports.baseline, workers),
      nchan: () => startNchan(workDir, ports.nchan, workers),
    };
    for (const name of options.targets) {
      if (name === "nchan" && nchanUnavailable) {
        run.nchan = { unavailable: nchanUnavailable };
        continue;
      }
      console.log(`bench: ${name}, ${readers} readers, ${workers} server processes`);
      run[name] = await measureOne(start[name], readers);
    }
    runs.push(run);
  }

  let pageSpike: Results["pageSpike"] = null;
  if (options.pageSpike && options.targets.includes("herald")) {
    console.log("bench: herald, page spike");
    running = await startHerald(herald, ports.herald, workersFor(0, options));
    pageSpike = await measurePageSpike({
      url: `http://127.0.0.1:${ports.herald}/e/${herald.slug}`,
      databaseUrl: postgres.url,
      generators,
      seconds: 8,
      concurrency: 64,
    });
    console.log(`bench: page spike: ${JSON.stringify(pageSpike)}`);
    await running.stop();
    running = null;
  }

  // Issue 23's storms: 20,000 readers (or the most this run's generators are sized for).
  const storm = async (label: string, measure: typeof measureReactionStorm) => {
    const readers = Math.min(20_000, maxReaders);
    console.log(`bench: herald, ${label} storm with ${readers} readers`);
    const target = await startHerald(herald, ports.herald, workersFor(readers, options));
    running = target;
    const measured = await measure({
      baseUrl: `http://127.0.0.1:${ports.herald}`,
      port: ports.herald,
      slug: herald.slug,
      token: herald.token,
      databaseUrl: postgres.url,
      generators,
      readers,
      hosts: hostsFor(readers),
      reactions: 10_000,
      seconds: 10,
      rounds: options.stormRounds,
      serverCpuSeconds: () => target.cpuSeconds(),
    });
    console.log(`bench: ${label} storm: ${JSON.stringify(measured)}`);
    await running.stop();
    running = null;
    return measured;
  };
  const heraldRuns = options.targets.includes("herald");
  const reactionStorm = options.reactionStorm && heraldRuns ? await storm("reaction", measureReactionStorm) : null;
  const voteStorm = options.voteStorm && heraldRuns ? await storm("vote", measureVoteStorm) : null;

  const results: Results = {
    date: new Date().toISOString().slice(0, 10),
    machine: {
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
      node: process.version,
      generators: generators.size,
    },
    runs,
    pageSpike,
    reactionStorm,
    voteStorm,
  };
  const written = writeResults(resultsDir, results);
  const png = written.markdown.replace(/\.md$/, ".png");
  await writeChart(results, png);
  console.log(`bench: wrote ${[written.markdown, written.json, png].map((p) => path.relative(root, p)).join(", ")}`);
  console.log(fs.readFileSync(written.markdown, "utf8"));
} finally {
  await cleanUp();
}
process.exit(0);

async function measureOne(start: () => Promise<Target>, readers: number): Promise<Outcome> {
  try {
    running = await start();
    return await measure(
      running,
      generators,
      {
        readers,
        hosts: hostsFor(readers),
        posts: options.posts,
        burst: options.burst,
        stormPerSecond: 1_000,
        stormSeconds: options.stormSeconds,
      },
      workersFor(readers, options),
    );
  } catch (error) {
    console.error("bench: measurement failed", error);
    await generators.close().catch(() => {});
    return { unavailable: `the run failed: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await running?.stop();
    running = null;
  }
}

/** The newsroom (bench/seed.ts), made through Herald's own domain functions. */
function seed(databaseUrl: string): { slug: string; token: string } {
  const out = execFileSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "seed.ts")],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: "bench-secret-that-is-long-enough" },
      encoding: "utf8",
    },
  );
  // The seed's own line, wherever the logger's lines (written asynchronously) fall.
  const line = out.split("\n").find((l) => l.startsWith('{"slug"'));
  if (!line) throw new Error(`bench/seed.ts printed no newsroom:\n${out}`);
  return JSON.parse(line) as { slug: string; token: string };
}
