import "server-only";
import http from "node:http";
import type { NextBackend } from "@/lib/env";
import type { Tier } from "./choose-tier";

/** How often each Next.js process is asked whether it is up, and how long it has to answer. */
const defaults = { probeEveryMs: 1_000, probeTimeoutMs: 2_000 };
/**
 * Probes in a row that go unanswered (a timeout) before a process leaves the rotation: on
 * a loaded box one slow answer is not an outage, and taking the only process out for it
 * would turn every request into a 503. A refused connection, or an answer other than 200
 * (starting, stopping), takes it out at once.
 */
const missesBeforeDown = 3;

export type Backend = NextBackend & { ready: boolean; misses?: number };
export type ProbeTiming = typeof defaults;

/**
 * The Next.js processes this stream-tier process forwards to. Each is probed (its liveness
 * endpoint) every second: a process still starting, restarting or gone is out of rotation
 * until it answers, so nothing is forwarded to a port that would refuse it.
 */
export class BackendPool {
  all: Backend[];
  private turn = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

  private readonly timing: ProbeTiming;

  constructor(backends: NextBackend[], timing: Partial<ProbeTiming> = {}) {
    this.all = backends.map((backend) => ({ ...backend, ready: false }));
    this.timing = { ...defaults, ...timing };
  }

  /** Starts probing; resolves once every process has answered or failed its first probe. */
  start(): Promise<void> {
    this.timer = setInterval(() => void this.probeAll(), this.timing.probeEveryMs);
    this.timer.unref();
    return this.probeAll();
  }

  /**
   * Where the Next.js processes are now (after a reload, from the supervisor): processes
   * kept keep their state, new ones are probed before this resolves, gone ones get nothing
   * more (requests already forwarded to them finish there).
   */
  async replace(backends: NextBackend[]): Promise<void> {
    const known = new Map(this.all.map((backend) => [backend.url, backend]));
    const next = backends.map((backend) => known.get(backend.url) ?? { ...backend, ready: false });
    await Promise.all(next.filter((backend) => !known.has(backend.url)).map((backend) => this.probe(backend)));
    this.all = next;
  }

  private probeAll(): Promise<void> {
    return Promise.all(this.all.map((backend) => this.probe(backend))).then(() => {});
  }

  stop(): void {
    clearInterval(this.timer);
    this.agent.destroy();
  }

  /** A ready process of `tier`, in turn; with none, a ready one of the other (every Next.js process serves every route). */
  pick(tier: Tier, except?: Backend): Backend | undefined {
    const of = (role: Tier) => this.all.filter((b) => b.ready && b.role === role && b !== except);
    const pool = of(tier).length ? of(tier) : of(tier === "reader" ? "newsroom" : "reader");
    return pool.length ? pool[this.turn++ % pool.length] : undefined;
  }

  readyCount(tier: Tier): number {
    return this.all.filter((b) => b.ready && b.role === tier).length;
  }

  /** A forward to it failed to connect: out of rotation until a probe finds it again. */
  markDown(backend: Backend): void {
    backend.ready = false;
  }

  private probe(backend: Backend): Promise<void> {
    return new Promise((resolve) => {
      const request = http.get(
        `${backend.url}/api/health?probe=live`,
        { agent: this.agent, timeout: this.timing.probeTimeoutMs },
        (response) => {
          backend.ready = response.statusCode === 200;
          if (backend.ready) backend.misses = 0;
          response.resume().on("end", resolve).on("error", resolve);
        },
      );
      request.on("timeout", () => request.destroy(new Error("no answer in time")));
      request.on("error", (error: NodeJS.ErrnoException) => {
        backend.misses = (backend.misses ?? 0) + 1;
        if (error.code === "ECONNREFUSED" || backend.misses >= missesBeforeDown) backend.ready = false;
        resolve();
      });
    });
  }
}
