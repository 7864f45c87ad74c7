// BENCH_CPU_PROF=<dir> (bench/README.md): the Node flags that make a server process or a
// load generator write a V8 CPU profile into <dir> when it exits; none without it.
export function cpuProfileFlags(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}
