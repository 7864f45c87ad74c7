// Process memory as the kernel sees it. PSS (proportional set size) rather than RSS, so
// that memory several processes share (nginx's shared zone, libraries) counts once.
import fs from "node:fs";

/** PSS of each process, summed, in bytes. */
export function pssBytes(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const kib = /^Pss:\s+(\d+) kB/m.exec(rollup);
    if (!kib) throw new Error(`No Pss in /proc/${pid}/smaps_rollup`);
    total += Number(kib[1]) * 1024;
  }
  return total;
}

/** The direct children of `pid` (nginx's workers). */
export function childPids(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
}

/**
 * What a target reports after a full GC: PSS of the processes that hold the readers, the
 * JS heap where there is one, and PSS of every process the target runs (for Herald, its
 * supervisor and Next.js processes besides the stream tier).
 */
export type MemoryFigure = { pssBytes: number; heapBytes: number | null; totalPssBytes: number };
