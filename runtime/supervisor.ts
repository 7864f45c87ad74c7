// The process model of `npm start`, in one place:
//   stream tier — runtime/front-door/server.ts, one per core, sharing PORT (node:cluster):
//                 holds the readers' streams, forwards everything else per request;
//   reader      — Next.js (`next start` on a loopback port): public pages, feeds, assets;
//   newsroom    — Next.js: sign-in, the dashboard, publishing, the API.
// Processes share nothing but Postgres. One that dies is replaced, with backoff if it keeps
// dying. A reload replaces every process one at a time, each new one ready before the old
// one stops taking work. Stopping drains the stream tier first (its forwarded requests
// finish), then Next.js.
import type { ChildProcess } from "node:child_process";
import cluster from "node:cluster";
import http from "node:http";
import path from "node:path";
import pino, { type Logger } from "pino";
import type { NextBackend } from "../lib/env";
import { logOptions } from "../lib/observability/log-options";
import { backendsApplied, backendsMessage } from "../lib/observability/process-messages";
import { answerMetricsRequest, send, type Child } from "./process-ipc";
import { freeLoopbackPort, startNextProcess, type NextRole } from "./next-process";

export type Supervised = {
  streamWorkers: number;
  readerWorkers: number;
  newsroomWorkers: number;
  /** The server processes' environment: PORT and HOST say where the stream tier listens. */
  env: NodeJS.ProcessEnv;
  /** Extra Node flags for the stream tier (the benchmark passes --expose-gc). */
  execArgv?: string[];
  /** How long a stopping process may take before it is killed. */
  stopTimeoutMs?: number;
  logLevel?: string;
};

export type Box = {
  /** Replaces every process, one at a time, with no request refused (SIGHUP). */
  reload(): Promise<void>;
  /** Drains and stops every process (SIGTERM, SIGINT). */
  stop(): Promise<void>;
};

/** A Next.js process is given this long to answer its liveness probe after it starts. */
const nextReadyTimeoutMs = 120_000;

/** Starts every process; resolves once the stream tier listens. */
export async function supervise(options: Supervised): Promise<Box> {
  const box = new Supervisor(options);
  await box.start();
  return box;
}

class Supervisor implements Box {
  private readonly log: Logger;
  private readonly children = new Set<Child>();
  private backends: NextBackend[] = [];
  private stopping = false;
  private reloading: Promise<void> | null = null;
  private recentDeaths = 0;

  constructor(private readonly options: Supervised) {
    this.log = pino(logOptions("supervisor", options.logLevel ?? "info"));
    // Each stream-tier process accepts from the shared socket itself rather than the
    // primary accepting and passing every connection over IPC: a reader's stream costs no
    // hop, and a busy process simply accepts less.
    cluster.schedulingPolicy = cluster.SCHED_NONE;
    cluster.setupPrimary({
      exec: path.resolve(import.meta.dirname, "front-door/server.ts"),
      execArgv: ["--conditions=react-server", "--import", "tsx", ...(options.execArgv ?? [])],
    });
  }

  async start(): Promise<void> {
    const { streamWorkers, readerWorkers, newsroomWorkers, env } = this.options;
    const roles: NextRole[] = [
      ...Array.from({ length: readerWorkers }, () => "reader" as const),
      ...Array.from({ length: newsroomWorkers }, () => "newsroom" as const),
    ];
    // Next.js first, each on a loopback port it keeps across restarts (not across reloads).
    this.backends = await Promise.all(
      roles.map(async (role) => ({ role, url: `http://127.0.0.1:${await freeLoopbackPort()}` })),
    );
    for (const backend of this.backends) this.startNext(backend);
    // The stream tier listens at once, and answers 503 + Retry-After to what it would
    // forward until a Next.js process is ready (runtime/front-door/backends.ts).
    await Promise.all(Array.from({ length: streamWorkers }, () => this.startStream().ready));
    const counts = { stream: streamWorkers, reader: readerWorkers, newsroom: newsroomWorkers };
    this.log.info({ port: env.PORT, ...counts }, "supervisor: up");
  }

  reload(): Promise<void> {
    this.reloading ??= this.replaceAll().finally(() => (this.reloading = null));
    return this.reloading;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.reloading?.catch(() => {});
    const timeout = this.options.stopTimeoutMs ?? 30_000;
    this.log.info({ processes: this.children.size }, "supervisor: stopping");
    await Promise.all(this.of("stream").map((child) => stopChild(child, timeout)));
    await Promise.all(this.of("next").map((child) => stopChild(child, timeout)));
  }

  /**
   * Next.js processes first: a new one on a new port, live, announced to the stream tier
   * (which forwards there from then on), then the old one stops (Next lets its requests
   * in flight finish). Then each stream-tier process: a new one listening on the shared
   * port, then the old one drains (its readers reconnect, to the new one).
   */
  private async replaceAll(): Promise<void> {
    const started = performance.now();
    this.log.info("supervisor: reloading");
    const timeout = this.options.stopTimeoutMs ?? 30_000;
    for (const old of this.of("next")) {
      if (this.stopping) return;
      const backend = { role: old.kind as NextRole, url: `http://127.0.0.1:${await freeLoopbackPort()}` };
      await this.startNext(backend).ready;
      this.backends = this.backends.map((each) => (each.url === old.url ? backend : each));
      await this.announceBackends();
      old.retiring = true;
      await stopChild(old, timeout);
    }
    for (const old of this.of("stream")) {
      if (this.stopping) return;
      await this.startStream().ready;
      old.retiring = true;
      await stopChild(old, timeout);
    }
    this.log.info({ ms: Math.round(performance.now() - started) }, "supervisor: reloaded");
  }

  private of(tier: "stream" | "next"): Child[] {
    return [...this.children].filter((child) => (tier === "stream") === (child.kind === "stream"));
  }

  private startNext(backend: NextBackend): Child {
    const process = startNextProcess(backend.role, Number(new URL(backend.url).port), this.options.env);
    const child: Child = { kind: backend.role, process, url: backend.url, ready: live(backend.url, process) };
    child.ready.catch(() => {}); // a process that dies while starting is replaced below
    this.watch(child, () => {
      // Replaced on the same port, unless a reload has moved its tier elsewhere meanwhile.
      if (this.backends.some((each) => each.url === backend.url)) this.startNext(backend);
    });
    return child;
  }

  private startStream(): Child {
    const worker = cluster.fork({
      ...this.options.env,
      HERALD_PROCESS_ROLE: "stream",
      HERALD_NEXT_BACKENDS: JSON.stringify(this.backends),
    });
    let ready!: () => void;
    const child: Child = { kind: "stream", process: worker.process, ready: new Promise((r) => (ready = r)) };
    worker.on("message", (message: { type?: string }) => {
      if (message?.type === "ready") ready();
    });
    this.watch(child, () => this.startStream());
    return child;
  }

  /** Metrics over IPC, and a replacement when it dies unasked. */
  private watch(child: Child, replacement: () => void): void {
    this.children.add(child);
    child.process.on("message", (message) => answerMetricsRequest(child, message, this.children));
    child.process.once("exit", (code, signal) => {
      this.children.delete(child);
      if (this.stopping || child.retiring) return;
      this.log.error(
        { kind: child.kind, pid: child.process.pid, code, signal },
        "supervisor: a process exited; starting another",
      );
      this.recentDeaths++;
      setTimeout(() => this.recentDeaths--, 60_000).unref();
      setTimeout(replacement, Math.min(10_000, 250 * 2 ** this.recentDeaths)).unref();
    });
  }

  /** Tells every stream-tier process where the Next.js processes are now; resolves once each has probed them. */
  private announceBackends(): Promise<void> {
    const backends = this.backends;
    return Promise.all(
      this.of("stream").map(
        (child) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(done, 10_000);
            function done() {
              clearTimeout(timer);
              child.process.off("message", onMessage);
              resolve();
            }
            function onMessage(message: { type?: string }) {
              if (message?.type === backendsApplied) done();
            }
            child.process.on("message", onMessage);
            if (!send(child, { type: backendsMessage, backends })) done();
          }),
      ),
    ).then(() => {});
  }
}

/** Resolves once `url` answers its liveness probe; rejects if the process exits first or takes too long. */
function live(url: string, process: ChildProcess): Promise<void> {
  const deadline = Date.now() + nextReadyTimeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (process.exitCode !== null || process.signalCode !== null) return reject(new Error("exited while starting"));
      if (Date.now() > deadline) return reject(new Error("not live in time"));
      const request = http.get(`${url}/api/health?probe=live`, { agent: false, timeout: 2_000 }, (response) => {
        response.resume();
        if (response.statusCode === 200) resolve();
        else setTimeout(attempt, 100);
      });
      request.on("timeout", () => request.destroy());
      request.on("error", () => setTimeout(attempt, 100));
    };
    attempt();
  });
}

/** SIGTERM, then SIGKILL if it is still there after `timeoutMs`. */
function stopChild(child: Child, timeoutMs: number): Promise<void> {
  const handle = child.process;
  if (handle.exitCode !== null || handle.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => handle.kill("SIGKILL"), timeoutMs);
    handle.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    handle.kill("SIGTERM");
  });
}
