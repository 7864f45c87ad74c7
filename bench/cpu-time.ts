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
