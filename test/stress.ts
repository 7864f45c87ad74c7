// `npm run test:stress`: the whole suite (`npm test`) while one busy loop per core keeps
// every core saturated, to prove that no test depends on how busy the machine is.
// Prints the duration and the result; exits with the suite's exit code.
//
//   npm run test:stress                          # hogs stop after at most 90 minutes
//   npm run test:stress -- --limit-minutes=120   # a longer hard limit
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { "limit-minutes": { type: "string", default: "90" } } });
const limitMinutes = Number(values["limit-minutes"]);
if (!Number.isFinite(limitMinutes) || limitMinutes <= 0) {
  console.error("--limit-minutes must be a positive number.");
  process.exit(2);
}

// A busy loop with its own hard deadline, which also stops as soon as its parent is gone:
// however this script ends (even killed), no hog outlives the run for long.
const hogSource = `
  const end = Date.now() + ${Math.round(limitMinutes * 60_000)};
  const parent = process.ppid;
  let next = 0;
  for (;;) {
    const now = Date.now();
    if (now >= end) process.exit(0);
    if (now >= next) {
      if (process.ppid !== parent) process.exit(0);
      next = now + 500;
    }
  }
`;

const cores = os.availableParallelism();
const hogs: ChildProcess[] = Array.from({ length: cores }, () =>
  spawn(process.execPath, ["-e", hogSource], { stdio: "ignore" }),
);
const stopHogs = () => {
  for (const hog of hogs) if (hog.exitCode === null && hog.signalCode === null) hog.kill("SIGKILL");
};
process.on("exit", stopHogs);

console.log(`test:stress: ${cores} busy loop(s) running (hard limit ${limitMinutes} min); running npm test`);
const started = Date.now();
const suite = spawn("npm", ["test"], { stdio: "inherit", env: { ...process.env, HERALD_FAIL_ON_FLAKY: "1" } });

// Ctrl-C or a stop from CI reaches the suite (same process group); the hogs go with us.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopHogs();
    suite.kill(signal);
  });
}

suite.on("exit", (code, signal) => {
  stopHogs();
  const seconds = Math.round((Date.now() - started) / 1000);
  const duration = `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  const result = code === 0 ? "passed" : `FAILED (${signal ? `signal ${signal}` : `exit code ${code}`})`;
  console.log(`test:stress: npm test ${result} in ${duration}, with ${cores} busy loop(s) on ${cores} core(s)`);
  process.exit(code ?? 1);
});
