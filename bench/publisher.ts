// Publishes a post every `everyMs` for `ms` through the API and prints each answer's
// latency as JSON: a newsroom's publisher in a process of its own, so that the storm's
// sender (bench/reaction-storm.ts) does not time the publishes on its own busy event loop.
// Usage: tsx bench/publisher.ts <url> <ms> <everyMs> <startAt (epoch ms)>, BENCH_TOKEN in the environment.
const [url, ms, everyMs, startAt] = [process.argv[2]!, ...process.argv.slice(3, 6).map(Number)] as [
  string,
  number,
  number,
  number,
];
const headers = { Authorization: `Bearer ${process.env.BENCH_TOKEN}`, "Content-Type": "application/json" };
import { now } from "./stats";
const sleep = (wait: number) => new Promise((resolve) => setTimeout(resolve, wait));

// A newsroom's publisher is a warm client on an open connection: a fresh process's first
// fetch pays for the connection, undici's start and V8 compiling it, which on a busy box
// can take longer than the publish itself. One request to the same origin first.
await fetch(new URL("/api/health?probe=live", url))
  .then((response) => response.text())
  .catch(() => {});
await sleep(Math.max(0, startAt - Date.now()));
const latencies: number[] = [];
let failures = 0;
const until = now() + ms;
for (let n = 1; now() < until; n++) {
  const start = now();
  const response = await fetch(url, {
    method: "POST",
    headers,
    body: JSON.stringify({ body: `Storm update ${n}` }),
  }).catch(() => null);
  await response?.text();
  if (response?.status === 201) latencies.push(now() - start);
  else failures++;
  await sleep(Math.max(0, everyMs - (now() - start)));
}
process.stdout.write(JSON.stringify({ latencies, failures }));
