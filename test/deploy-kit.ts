// Debian's nginx and PgBouncer, started by a test with the deploy kit's own configuration
// (deploy/nginx/herald.conf, deploy/pgbouncer/pgbouncer.ini): only addresses and ports are
// filled in. `.ci/run` installs both when missing.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { sleep } from "./wait";

const root = path.resolve(import.meta.dirname, "..");
const binaries = { nginx: "/usr/sbin/nginx", pgbouncer: "/usr/sbin/pgbouncer" };

export function kitInstalled(): boolean {
  return Object.values(binaries).every((binary) => fs.existsSync(binary));
}

export type Running = { url: string; stop: () => Promise<void> };

function workDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `herald-${name}-`));
  fs.chmodSync(dir, 0o777); // both drop root for an unprivileged user, who writes logs here
  return dir;
}

/** Resolves once something accepts connections on `port` (30 s at most). */
async function waitFor(port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`Nothing listens on port ${port}.`);
    await sleep(100);
  }
}

function stopper(child: ChildProcess, dir: string): () => Promise<void> {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

/** nginx on `port` in front of the boxes on `upstreamPorts`, with deploy/nginx/herald.conf. */
export async function startNginx(port: number, upstreamPorts: number[]): Promise<Running> {
  const dir = workDir("nginx");
  const kit = fs.readFileSync(path.join(root, "deploy/nginx/herald.conf"), "utf8");
  const servers = upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join("\n");
  const site = kit
    .replace(/^ {4}server 10\.0\.0\.\d+:3000 [^\n]*\n(?: {4}server 10\.0\.0\.\d+:3000 [^\n]*\n)*/m, `${servers}\n`)
    .replace(/^ {4}listen 80;$/m, `    listen 127.0.0.1:${port};`);
  if (site === kit) throw new Error("deploy/nginx/herald.conf no longer has the lines this test fills in");
  fs.writeFileSync(path.join(dir, "herald.conf"), site);
  fs.writeFileSync(
    path.join(dir, "nginx.conf"),
    [
      "daemon off;",
      "worker_processes 1;",
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      "events { worker_connections 4096; }",
      "http {",
      "  access_log off;",
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `  ${t}_temp_path ${dir}/${t};`),
      `  include ${dir}/herald.conf;`,
      "}",
    ].join("\n"),
  );
  const child = spawn(binaries.nginx, ["-p", dir, "-c", `${dir}/nginx.conf`], { stdio: "ignore" });
  await waitFor(port);
  return { url: `http://127.0.0.1:${port}`, stop: stopper(child, dir) };
}

/** PgBouncer on `port`, transaction mode, in front of the test Postgres at `databaseUrl`. */
export async function startPgbouncer(port: number, databaseUrl: string): Promise<Running> {
  const dir = workDir("pgbouncer");
  const target = new URL(databaseUrl);
  const database = target.pathname.slice(1);
  const user = decodeURIComponent(target.username);
  const password = decodeURIComponent(target.password);
  const kit = fs.readFileSync(path.join(root, "deploy/pgbouncer/pgbouncer.ini"), "utf8");
  const ini = kit
    .replace(/^herald = .*$/m, `${database} = host=${target.hostname} port=${target.port} dbname=${database}`)
    .replace(/^listen_addr = .*$/m, "listen_addr = 127.0.0.1")
    .replace(/^listen_port = .*$/m, `listen_port = ${port}`)
    .replace(/^auth_file = .*$/m, `auth_file = ${dir}/userlist.txt`)
    .replace(/^auth_type = .*$/m, "auth_type = plain")
    .concat(`\nunix_socket_dir =\nlogfile = ${dir}/pgbouncer.log\npidfile = ${dir}/pgbouncer.pid\n`);
  fs.writeFileSync(path.join(dir, "pgbouncer.ini"), ini);
  fs.writeFileSync(path.join(dir, "userlist.txt"), `"${user}" "${password}"\n`);
  for (const file of ["pgbouncer.ini", "userlist.txt"]) fs.chmodSync(path.join(dir, file), 0o644);
  const child = spawn(binaries.pgbouncer, ["-u", "nobody", `${dir}/pgbouncer.ini`], { stdio: "ignore" });
  await waitFor(port);
  const url = new URL(databaseUrl);
  url.port = String(port);
  return { url: url.toString(), stop: stopper(child, dir) };
}
