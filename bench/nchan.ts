// The peer: nginx with the nchan module, as an operator would run it — a publisher
// location and an EventSource subscriber location on one channel. Installed from Debian
// when missing (as root); if that fails, the run reports nchan as unavailable.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { cpuSeconds, processTree } from "./cpu-time";
import { childPids, pssBytes } from "./memory";
import { post, waitFor, type Target } from "./targets";

const modulePath = "/usr/lib/nginx/modules/ngx_nchan_module.so";

function nginxBinary(): string | null {
  for (const candidate of ["/usr/sbin/nginx", "/usr/bin/nginx"]) if (fs.existsSync(candidate)) return candidate;
  return null;
}

/** Installs nginx + nchan if missing; returns why it cannot run, or null when it can. */
export function ensureNchan(): string | null {
  if (nginxBinary() && fs.existsSync(modulePath)) return null;
  if (process.getuid?.() !== 0) return "nginx + libnginx-mod-nchan are not installed (and this is not root)";
  console.log("bench: installing nginx and libnginx-mod-nchan from Debian…");
  const apt = (args: string[]) =>
    spawnSync("apt-get", args, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      timeout: 600_000,
    });
  if (apt(["install", "-y", "nginx", "libnginx-mod-nchan"]).status !== 0) {
    apt(["update"]);
    apt(["install", "-y", "nginx", "libnginx-mod-nchan"]);
  }
  return nginxBinary() && fs.existsSync(modulePath) ? null : "apt-get could not install nginx + libnginx-mod-nchan";
}

// error_log at `error`: during the reconnect storm nchan warns once per new subscriber that
// missed an older message, which is expected there and would drown the benchmark's output.
function config(dir: string, port: number, workers: number): string {
  const temp = (name: string) => path.join(dir, "tmp", name);
  return `load_module ${modulePath};
worker_processes ${workers};
worker_rlimit_nofile 20000;
daemon off;
master_process on;
user root;
pid ${path.join(dir, "nginx.pid")};
error_log stderr error;
events { worker_connections 19500; multi_accept on; }
http {
  access_log off;
  client_body_temp_path ${temp("body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};
  server {
    listen 0.0.0.0:${port} backlog=4096;
    location = /pub { nchan_publisher; nchan_channel_id bench; }
    location = /sub { nchan_subscriber eventsource; nchan_channel_id bench; }
  }
}
`;
}

export async function startNchan(workDir: string, port: number, workers: number): Promise<Target> {
  const dir = path.join(workDir, "nginx");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "tmp"), { recursive: true });
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(conf, config(dir, port, workers));
  const master = spawn(nginxBinary()!, ["-p", dir, "-c", conf, "-e", "stderr"], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<void>((resolve) => master.once("exit", () => resolve()));
  // The publisher answers 404 for a channel nobody has published to yet: nginx is up.
  await waitFor(`http://127.0.0.1:${port}/pub`, 404);
  return {
    name: "nchan",
    port,
    subscribePath: "/sub",
    publish: (body) => post(`http://127.0.0.1:${port}/pub`, body, { "Content-Type": "text/plain" }),
    // No garbage collector to ask; PSS counts the shared memory zone once.
    memory: async () => {
      const pss = pssBytes([master.pid!, ...childPids(master.pid!)]);
      return { pssBytes: pss, heapBytes: null, totalPssBytes: pss };
    },
    cpuSeconds: () => cpuSeconds(processTree(master.pid!)),
    stop: async () => {
      // SIGQUIT, nginx's graceful stop: nchan 1.3.6 can crash a worker on the fast one (SIGTERM).
      master.kill("SIGQUIT");
      await exited;
    },
  };
}
