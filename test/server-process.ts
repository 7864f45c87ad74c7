// Real production servers for the process-level tests (test/processes/), on a port of their
// own, against the test run's Postgres, over the production build in .next. Each is either
// the tiers `npm start` runs (runtime/serve.ts: a stream-tier process in front of a Next.js
// process) or Next.js alone (`next start`, where the route handler serves the streams).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect, inject } from "vitest";
import type { SseReader } from "./sse";
import { sleep } from "./wait";

const root = path.resolve(import.meta.dirname, "..");
const startTimeoutMs = 90_000;

/** Fails with the message the brief asks for when there is no production build. */
export function requireBuild(): void {
  if (!fs.existsSync(path.join(root, ".next", "prerender-manifest.json"))) {
    throw new Error("run `npm run build` first");
  }
}

/** A port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The environment of a server process the tests start on `port` (and nothing of the test worker's). */
export function serverEnv(port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    DATABASE_URL: inject("databaseUrl"),
    NEXTAUTH_SECRET: "test-secret-that-is-long-enough",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    PORT: String(port),
    HOST: "127.0.0.1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

const running = new Set<ChildProcess>();
const servers = new Set<ServerProcess>();
// If the test worker dies without its afterAll, its servers must not outlive it.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** `tiers`: runtime/serve.ts, as `npm start` runs it; `next`: `next start` alone. */
export type ServerMode = "tiers" | "next";

/**
 * The two ways a production server serves the SSE stream: the stream tier's plain Node
 * path (lib/realtime/serve-node-stream.ts) and Next's route handler. Process-level tests
 * of the realtime path run against both (`describe.each(ssePaths)`).
 */
export const ssePaths: { name: string; mode: ServerMode }[] = [
  { name: "stream tier", mode: "tiers" },
  { name: "Next.js alone (route handler)", mode: "next" },
];

const nextBin = path.join(root, "node_modules/next/dist/bin/next");

export type ServerOptions = {
  /** Which server; the tiers by default. */
  mode?: ServerMode;
  /** Reuse a port (a restart); a free one by default. */
  port?: number;
  /** Extra environment, e.g. HERALD_MAX_READERS. */
  env?: Record<string, string>;
};

export class ServerProcess {
  private child: ChildProcess | null = null;
  /** The last few KB the process wrote to stdout/stderr, for failure messages. */
  private output = "";

  private constructor(
    readonly port: number,
    private readonly extraEnv: Record<string, string>,
    readonly mode: ServerMode,
  ) {}

  /** Starts a server process and resolves once GET /api/health answers 200. */
  static async start(options: ServerOptions = {}): Promise<ServerProcess> {
    requireBuild();
    const server = new ServerProcess(options.port ?? (await freePort()), options.env ?? {}, options.mode ?? "tiers");
    servers.add(server);
    await server.launch();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process again on the same port (after kill() or stop()). */
  async restart(): Promise<void> {
    if (this.alive) throw new Error(`The server on port ${this.port} is still running.`);
    await this.launch();
  }

  /** What the process wrote last (its JSON log lines), for assertions and failure messages. */
  get log(): string {
    return this.output;
  }

  /** SIGTERM without waiting: resolves with the exit code once the process has exited by itself. */
  terminate(): Promise<number | null> {
    const child = this.child;
    if (!child || !this.alive) throw new Error(`The server on port ${this.port} is not running.`);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    return exited;
  }

  /** SIGKILL: the process dies at once, its connections are reset mid-stream. */
  async kill(): Promise<void> {
    await this.signal("SIGKILL");
  }

  /** SIGTERM (a graceful stop), then SIGKILL if it is still there after 15 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = exitOf(child);
    child.kill("SIGTERM");
    const result = await Promise.race([
      exited.then(() => "exited" as const),
      sleep(15_000).then(() => "slow" as const),
    ]);
    if (result === "slow") await this.signal("SIGKILL");
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = exitOf(child);
    child.kill(signal);
    await exited;
  }

  private async launch(): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: inject("databaseUrl"),
      NEXTAUTH_SECRET: "test-secret-that-is-long-enough",
      NEXTAUTH_URL: this.url,
      PORT: String(this.port),
      HOST: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
      // The test worker logs only warnings; a server's info lines are what tests read in `log`.
      HERALD_LOG_LEVEL: "info",
      // One process of each tier: enough to cross every boundary, light on a 2-core machine.
      HERALD_STREAM_WORKERS: "1",
      HERALD_READER_WORKERS: "1",
      HERALD_NEWSROOM_WORKERS: "1",
      // Every process test signs up from 127.0.0.1 into one database; a worker that ran
      // lib/auth/sign-up.test.ts still has its limit of 3 in process.env.
      HERALD_SIGN_UPS_PER_HOUR: "10000",
    };
    // The test worker's own settings are not the server's; a test's own are.
    delete env.DATABASE_URL_DIRECT;
    for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];
    Object.assign(env, this.extraEnv);

    this.output = "";
    const args =
      this.mode === "tiers"
        ? ["--conditions=react-server", "--import", "tsx", "runtime/serve.ts"]
        : [nextBin, "start", "--port", String(this.port), "--hostname", "127.0.0.1"];
    const child = spawn(process.execPath, args, {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    running.add(child);
    child.once("exit", () => running.delete(child));
    const record = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-32_000);
    };
    child.stdout?.on("data", record);
    child.stderr?.on("data", record);

    const deadline = Date.now() + startTimeoutMs;
    for (;;) {
      if (!this.alive) {
        throw new Error(`The server on port ${this.port} exited while starting:\n${this.output}`);
      }
      const status = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(5_000) }).then(
        async (response) => {
          await response.body?.cancel();
          return response.status;
        },
        () => 0,
      );
      if (status === 200) return;
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(`The server on port ${this.port} was not healthy within ${startTimeoutMs} ms:\n${this.output}`);
      }
      await sleep(200);
    }
  }
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Stops every server this test file started, even one whose start failed (for afterAll). */
export async function stopAllServers(): Promise<void> {
  const all = [...servers];
  servers.clear();
  await Promise.all(all.map((server) => server.stop()));
}

/**
 * SIGTERMs `child` while `reader` holds a stream from it (or from one of its workers): the
 * reader is told to come back elsewhere (a second, jittered retry), its stream ends, and
 * `child` exits 0.
 */
export async function expectReaderSentElsewhere(child: ChildProcess, reader: SseReader): Promise<void> {
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  const { met } = await reader.until((events) => events.filter((e) => e.retry !== null).length === 2, 15_000);
  expect(met).toBe(true);
  await reader.readAll(15_000);
  expect(await exited).toBe(0);
}
