// What the benchmark measures, all black boxes over HTTP: Herald's production cluster,
// the node:http baseline and nginx + nchan. Each starts fresh for every reader count.
import { fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { cpuSeconds, processTree } from "./cpu-time";
import { pssBytes, type MemoryFigure } from "./memory";

export type TargetName = "herald" | "baseline" | "nchan";

export type Target = {
  name: TargetName;
  port: number;
  /** The readers' request path. */
  subscribePath: string;
  /** The page a reader opens before its stream, where there is one (Herald's event page). */
  pagePath?: string;
  /** Publishes one message whose text is `body`; throws unless the server took it. */
  publish(body: string): Promise<void>;
  /** Server memory after a full GC (where there is a GC). */
  memory(): Promise<MemoryFigure>;
  /** CPU seconds the server's processes have used so far (bench/cpu-time.ts). */
  cpuSeconds(): number;
  stop(): Promise<void>;
};

export type HeraldSetup = { databaseUrl: string; slug: string; token: string };

export async function startHerald(setup: HeraldSetup, port: number, workers: number): Promise<Target> {
  const host = await startHost("herald", port, workers, {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: setup.databaseUrl,
    NEXTAUTH_SECRET: "bench-secret-that-is-long-enough",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    HOST: "0.0.0.0",
    // Every reader of the reaction and vote storms comes from 127.0.0.1.
    HERALD_REACTIONS_PER_ADDRESS: "1000000",
    HERALD_VOTES_PER_ADDRESS: "1000000",
  });
  // Listening is not ready: wait until every process has its LISTEN connection.
  for (let i = 0; i < workers * 3; i++) await waitFor(`http://127.0.0.1:${port}/api/health`, 200);
  return {
    name: "herald",
    port,
    subscribePath: `/api/events/${setup.slug}/stream`,
    pagePath: `/e/${setup.slug}`,
    publish: (body) =>
      post(`http://127.0.0.1:${port}/api/v1/events/${setup.slug}/posts`, JSON.stringify({ body }), {
        Authorization: `Bearer ${setup.token}`,
        "Content-Type": "application/json",
      }),
    memory: host.memory,
    cpuSeconds: host.cpuSeconds,
    stop: host.stop,
  };
}

export async function startBaseline(port: number, workers: number): Promise<Target> {
  const host = await startHost("baseline", port, workers, {});
  return {
    name: "baseline",
    port,
    subscribePath: "/sub",
    publish: (body) => post(`http://127.0.0.1:${port}/pub`, body, { "Content-Type": "text/plain" }),
    memory: host.memory,
    cpuSeconds: host.cpuSeconds,
    stop: host.stop,
  };
}

/** A cluster primary (bench/cluster-host.ts) in a child process. */
async function startHost(kind: "herald" | "baseline", port: number, workers: number, env: Record<string, string>) {
  const child = fork(path.join(import.meta.dirname, "cluster-host.ts"), [kind], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env, PORT: String(port), BENCH_WORKERS: String(workers) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`${kind} exited while starting (${code})`)));
  });
  child.removeAllListeners("exit");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    memory: () => hostMemory(child),
    // The primary too: the baseline's accepts every connection and passes it on.
    cpuSeconds: () => cpuSeconds(processTree(child.pid!)),
    stop: async () => {
      child.send({ type: "stop" });
      const late = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(late);
    },
  };
}

function hostMemory(child: ChildProcess): Promise<MemoryFigure> {
  return new Promise((resolve) => {
    child.once("message", (workers: { pid: number; heapUsed: number }[]) =>
      resolve({
        pssBytes: pssBytes(workers.map((w) => w.pid)),
        heapBytes: workers.reduce((sum, w) => sum + w.heapUsed, 0),
        totalPssBytes: pssBytes(processTree(child.pid!)),
      }),
    );
    child.send({ type: "memory" });
  });
}

export async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, { method: "POST", body, headers });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`POST ${url}: ${response.status} ${text.slice(0, 200)}`);
}

/**
 * Polls `url` until it answers `status` (60 s at most). Each poll is a connection of its
 * own, closed after the answer: a pooled keep-alive connection would stay with the
 * process that answered the poll (a reader process, for Herald), and the next request to
 * reuse it, such as the first publish, would be served there instead of where a real
 * publisher's request goes.
 */
export async function waitFor(url: string, status: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const got = await statusOf(url);
    if (got === status) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer ${status} within 60 s (last: ${got})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** GETs `url` on a connection of its own (see waitFor); resolves to the status, 0 on failure. */
export function statusOf(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: 5_000 }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(0));
  });
}
