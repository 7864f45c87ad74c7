// Processor time as the kernel accounts it (user + system), for the server's processes:
// what each accepted connection and each delivered message costs the server itself,
// apart from the load generators that share the machine's cores.
import fs from "node:fs";
import { childPids } from "./memory";

/** USER_HZ: the unit of /proc/<pid>/stat's times, 100 on every Linux architecture Node runs on. */
const ticksPerSecond = 100;

/** `pid` and every process below it (a cluster primary and its workers; nginx and its workers). */
export function processTree(pid: number): number[] {
  return [pid, ...childPids(pid).flatMap(processTree)];
}

/** CPU seconds the live processes `pids` have used so far. */
export function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / ticksPerSecond;
}

/** Per live process named `name` (as /proc/<pid>/comm says), the CPU seconds it has used so far. */
export function namedCpuSeconds(name: string): Map<number, number> {
  const used = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim() === name) used.set(pid, cpuSeconds([pid]));
    } catch {
      // gone meanwhile
    }
  }
  return used;
}

/**
 * CPU seconds used between two namedCpuSeconds readings: a process new since the first
 * counts from its start; one gone by the second is left out (its last share unknown).
 */
export function cpuUsedBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** CPU seconds the whole machine has been busy so far, all cores summed (/proc/stat). */
export function machineBusySeconds(): number {
  const [, ...ticks] = fs.readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
  return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) / ticksPerSecond;
}
