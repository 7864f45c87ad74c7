// Runs Herald's server processes against an existing, migrated database (DATABASE_URL):
// what a process manager or a container runs in production, and what `npm start` runs
// after it has prepared the database and the build (runtime/start.ts). SIGTERM or SIGINT
// drains and stops every process; SIGHUP replaces them one at a time.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inheritedEnvironment, launchEnv } from "../lib/env";
import { supervise } from "./supervisor";

const config = launchEnv();
const missing = [
  !config.DATABASE_URL && "DATABASE_URL must be set (npm start sets it for the embedded Postgres).",
  !config.NEXTAUTH_SECRET && "NEXTAUTH_SECRET must be set, the same on every box (npm start makes one for itself).",
  !fs.existsSync(path.resolve(import.meta.dirname, "../.next/BUILD_ID")) &&
    "There is no build: run `npm run build` first.",
].filter(Boolean);
if (missing.length) {
  console.error(missing.join("\n"));
  process.exit(1);
}
const cores = os.availableParallelism();
const box = await supervise({
  streamWorkers: config.HERALD_STREAM_WORKERS ?? cores,
  readerWorkers: config.HERALD_READER_WORKERS ?? Math.max(1, Math.floor(cores / 2)),
  newsroomWorkers: config.HERALD_NEWSROOM_WORKERS,
  env: inheritedEnvironment(),
  logLevel: config.HERALD_LOG_LEVEL,
});
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void box.stop().then(() => process.exit(0));
  });
}
// A zero-downtime restart (after a deploy): every server process replaced, one at a time.
process.on("SIGHUP", () => void box.reload());
fs.mkdirSync(config.HERALD_DATA_DIR, { recursive: true });
fs.writeFileSync(path.join(config.HERALD_DATA_DIR, "herald.pid"), String(process.pid));
