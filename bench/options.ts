// `npm run bench -- [--readers 2000,5000,10000 | --full] [--targets herald,baseline,nchan]
//   [--posts 15] [--burst 10] [--storm-seconds 6] [--storm-rounds 3] [--workers N] [--generators N] [--no-page-spike] [--no-reaction-storm] [--no-vote-storm] [--out dir]`
import os from "node:os";
import type { TargetName } from "./targets";

export type Options = {
  readers: number[];
  targets: TargetName[];
  posts: number;
  /** Posts published at once in the burst after the fan-out series. */
  burst: number;
  stormSeconds: number;
  /** Vote and reaction storms per kind, pooled (each with its own quiet window). */
  stormRounds: number;
  /** Server processes per target; by default per reader count (see workersFor). */
  workers: number | null;
  generators: number | null;
  pageSpike: boolean;
  reactionStorm: boolean;
  voteStorm: boolean;
  /** Where the results go (bench/results by default). */
  out: string | null;
};

const allTargets: TargetName[] = ["herald", "baseline", "nchan"];

export function parseOptions(argv: string[]): Options {
  const options: Options = {
    readers: [2_000, 5_000, 10_000],
    targets: allTargets,
    posts: 15,
    burst: 10,
    stormSeconds: 6,
    stormRounds: 3,
    workers: null,
    generators: null,
    pageSpike: true,
    reactionStorm: true,
    voteStorm: true,
    out: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    const count = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive whole number`);
      return n;
    };
    if (flag === "--readers") options.readers = value().split(",").map(Number);
    else if (flag === "--full") options.readers = [10_000, 20_000, 50_000];
    else if (flag === "--targets") options.targets = value().split(",") as TargetName[];
    else if (flag === "--posts") options.posts = count();
    else if (flag === "--burst") options.burst = count();
    else if (flag === "--storm-seconds") options.stormSeconds = count();
    else if (flag === "--storm-rounds") options.stormRounds = count();
    else if (flag === "--workers") options.workers = count();
    else if (flag === "--generators") options.generators = count();
    else if (flag === "--no-page-spike") options.pageSpike = false;
    else if (flag === "--no-reaction-storm") options.reactionStorm = false;
    else if (flag === "--no-vote-storm") options.voteStorm = false;
    else if (flag === "--out") options.out = value();
    else throw new Error(`Unknown option ${flag}`);
  }
  if (options.readers.some((n) => !Number.isInteger(n) || n <= 0))
    throw new Error("--readers takes counts, e.g. 2000,5000");
  const unknown = options.targets.filter((t) => !allTargets.includes(t));
  if (unknown.length) throw new Error(`Unknown target ${unknown.join(", ")}; choose from ${allTargets.join(", ")}`);
  options.readers.sort((a, b) => a - b);
  return options;
}

/** One process per core, and enough that none holds more than 12,000 readers (fd limit 20,000). */
export function workersFor(readers: number, options: Options): number {
  return options.workers ?? Math.max(os.availableParallelism(), Math.ceil(readers / 12_000));
}

/** Load generators: at least two, none holding more than 15,000 sockets. */
export function generatorsFor(readers: number, options: Options): number {
  return options.generators ?? Math.max(2, Math.ceil(readers / 15_000));
}

/** Destination addresses 127.0.0.2, 127.0.0.3, …: one per 10,000 readers (and two at least). */
export function hostsFor(readers: number): string[] {
  return Array.from({ length: Math.max(2, Math.ceil(readers / 10_000)) }, (_, i) => `127.0.0.${i + 2}`);
}
