// Starts ONE embedded Postgres for the whole Vitest run, applies the migrations, and
// hands its URL to the test workers (read by test/setup.ts through inject()).
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type RunningPostgres } from "../runtime/database/embedded-postgres";
import { applyMigrations } from "../runtime/database/schema-engine";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 55_000 + Math.floor(Math.random() * 4_000);
    if (await portIsFree(port)) return port;
  }
  throw new Error("No free port for the test Postgres in 55000–59000.");
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let postgres: RunningPostgres | undefined;
  let dir = "";
  for (let attempt = 1; !postgres; attempt++) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-test-pg-"));
    const port = await freePort();
    try {
      postgres = await startEmbeddedPostgres({ dir, port, persistent: false, database: "herald_test" });
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      // Another process may have taken the port between the check and the start.
      if (attempt >= 3) throw new Error(`Could not start the test Postgres: ${String(error)}`);
    }
  }
  try {
    await applyMigrations(postgres.url);
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  project.provide("databaseUrl", postgres.url);
  keepExitCode();
  // If Vitest exits without running the teardown (killed, broken pipe), embedded-postgres
  // still stops the server on exit; the data directory is removed here.
  const dataDir = dir;
  process.once("exit", () => fs.rmSync(dataDir, { recursive: true, force: true }));

  const running = postgres;
  return async () => {
    await running.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` handler ends the process
 * with process.exit(0) once it has stopped Postgres, replacing the exit code Vitest set
 * (1 when a test failed): `vitest run` would then "pass" whatever happened. Remember the
 * code when the process is about to exit and put it back.
 */
function keepExitCode(): void {
  let code: typeof process.exitCode;
  process.prependListener("beforeExit", () => {
    code ??= process.exitCode;
  });
  process.on("exit", () => {
    if (code !== undefined && code !== 0 && !process.exitCode) process.exitCode = code;
  });
}
