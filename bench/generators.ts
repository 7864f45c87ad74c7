// The benchmark's side of the load generators: forks them, splits the work between them,
// and merges what they report.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { ChurnResult, Command, ConnectResult, HammerResult, Reply, Tally } from "./protocol";
import { cpuProfileFlags } from "./cpu-profile";

type Pending = Map<number, (result: unknown) => void>;
type Distributed<C> = C extends unknown ? Omit<C, "id"> : never;

export class Generators {
  private nextId = 1;
  private readonly pending: Pending = new Map();
  /** Per post: how many generators report that all their readers have it, and when. */
  private readonly got = new Map<number, number[]>();
  private readonly gotWaiters = new Map<number, () => void>();

  private constructor(private readonly children: ChildProcess[]) {
    for (const child of children) {
      child.on("message", (reply: Reply) => {
        if ("got" in reply) return this.onGot(reply.got, reply.at);
        this.pending.get(reply.id)?.(reply.result);
        this.pending.delete(reply.id);
      });
      child.on("exit", (code, signal) => {
        if (code !== 0 && signal !== "SIGTERM") console.error(`bench: a load generator exited (${signal ?? code})`);
      });
    }
  }

  static start(count: number): Generators {
    const script = path.join(import.meta.dirname, "load-generator.ts");
    const children = Array.from({ length: count }, () =>
      fork(script, [], {
        execArgv: ["--import", "tsx", ...cpuProfileFlags()],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      }),
    );
    return new Generators(children);
  }

  get size(): number {
    return this.children.length;
  }

  private ask<R>(child: ChildProcess, command: Distributed<Command>): Promise<R> {
    const id = this.nextId++;
    return new Promise<R>((resolve) => {
      this.pending.set(id, resolve as (result: unknown) => void);
      child.send({ ...command, id });
    });
  }

  private all<R>(command: (index: number) => Distributed<Command>): Promise<R[]> {
    return Promise.all(this.children.map((child, index) => this.ask<R>(child, command(index))));
  }

  /** Opens `readers` SSE readers, split evenly; resolves when all are subscribed (or gave up). */
  async connect(readers: number, hosts: string[], port: number, path: string) {
    const share = (index: number) => Math.floor(readers / this.size) + (index < readers % this.size ? 1 : 0);
    const results = await this.all<ConnectResult>((i) => ({ cmd: "connect", hosts, port, path, count: share(i) }));
    return {
      subscribed: results.reduce((sum, r) => sum + r.subscribed, 0),
      failures: results.reduce((sum, r) => sum + r.failures, 0),
      lastSubscribedAt: Math.max(...results.map((r) => r.lastSubscribedAt)),
      /** The busiest generator's CPU time. */
      maxCpuMs: Math.max(...results.map((r) => r.cpuMs)),
    };
  }

  async churn(perSecond: number, seconds: number): Promise<ChurnResult> {
    const results = await this.all<ChurnResult>(() => ({ cmd: "churn", perSecond: perSecond / this.size, seconds }));
    return {
      reopened: results.reduce((sum, r) => sum + r.reopened, 0),
      failures: results.reduce((sum, r) => sum + r.failures, 0),
    };
  }

  /** Per post: readers who got it and when the first and the last one did; plus open readers and drops. */
  async tally() {
    const results = await this.all<Tally>(() => ({ cmd: "tally" }));
    const posts = new Map<number, { count: number; firstAt: number; lastAt: number }>();
    for (const { receipts } of results) {
      for (const [post, count, firstAt, lastAt] of receipts) {
        const merged = posts.get(post) ?? { count: 0, firstAt: Infinity, lastAt: 0 };
        posts.set(post, {
          count: merged.count + count,
          firstAt: Math.min(merged.firstAt, firstAt),
          lastAt: Math.max(merged.lastAt, lastAt),
        });
      }
    }
    return {
      open: results.reduce((sum, r) => sum + r.open, 0),
      drops: results.reduce((sum, r) => sum + r.drops, 0),
      posts,
    };
  }

  async close(): Promise<void> {
    await this.all(() => ({ cmd: "close" }));
    this.got.clear();
  }

  async hammer(url: string, concurrency: number, seconds: number): Promise<HammerResult> {
    const per = Math.max(1, Math.round(concurrency / this.size));
    const results = await this.all<HammerResult>(() => ({ cmd: "hammer", url, concurrency: per, seconds }));
    return {
      ok: results.reduce((sum, r) => sum + r.ok, 0),
      failed: results.reduce((sum, r) => sum + r.failed, 0),
      bytes: results.reduce((sum, r) => sum + r.bytes, 0),
      latenciesMs: results.flatMap((r) => r.latenciesMs),
    };
  }

  /** Resolves when every generator has reported that all its readers have `post`, or after `timeoutMs`. */
  allGot(post: number, timeoutMs: number): Promise<void> {
    if ((this.got.get(post)?.length ?? 0) >= this.size) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.gotWaiters.set(post, done);
    });
  }

  private onGot(post: number, at: number) {
    const list = this.got.get(post) ?? [];
    list.push(at);
    this.got.set(post, list);
    if (list.length >= this.size) {
      this.gotWaiters.get(post)?.();
      this.gotWaiters.delete(post);
    }
  }

  stop(): void {
    for (const child of this.children) child.kill("SIGTERM");
  }
}
