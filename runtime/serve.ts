// Runs Herald's server processes against an existing, migrated database (DATABASE_URL):
// what a process manager or a container runs in production, and what `npm start` runs
// after it has prepared the database and the build (runtime/start.ts). SIGTERM or SIGINT
// drains and stops every process.
import os from "node:os";
import { inheritedEnvironment, launchEnv } from "../lib/env";
import { supervise } from "./supervisor";

const config = launchEnv();
if (!config.DATABASE_URL) {
  console.error("DATABASE_URL must be set (npm start sets it for the embedded Postgres).");
  process.exit(1);
}
const cores = os.availableParallelism();
const stop = await supervise({
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
    void stop().then(() => process.exit(0));
  });
}
