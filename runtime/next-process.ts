// One Next.js process of the supervisor's: `next start` (Next's documented production
// server) on a loopback port of its own, serving the pages, the dashboard and the API that
// the stream tier forwards to it. It has an IPC channel to the supervisor (metrics).
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

export type NextRole = "reader" | "newsroom";

/**
 * How long Next keeps an idle keep-alive connection from the stream tier: far longer than
 * the stream tier keeps one unused (runtime/front-door/forward.ts), so the stream tier is
 * always the side that closes it, and never sends a request on a connection Next is closing.
 */
export const nextKeepAliveMs = 600_000;

export function startNextProcess(role: NextRole, port: number, env: NodeJS.ProcessEnv): ChildProcess {
  const args = [
    "start",
    "--port",
    String(port),
    "--hostname",
    "127.0.0.1",
    "--keepAliveTimeout",
    String(nextKeepAliveMs),
  ];
  return spawn(process.execPath, [nextBin, ...args], {
    cwd: root,
    env: { ...env, HERALD_PROCESS_ROLE: role, NODE_ENV: "production" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

/** A loopback port nobody listens on right now (the kernel picks it). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1", exclusive: true }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
