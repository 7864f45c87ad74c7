// The oldest Postgres the machine has from Debian's packages (/usr/lib/postgresql/<major>),
// started on a temporary cluster as the `postgres` user: Herald supports Postgres 15 to 18,
// the tests' embedded Postgres is 18, and this is how the suite meets the oldest one.
// `.ci/run` installs Debian's `postgresql` when no version is there.
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { sleep } from "./wait";

const packages = "/usr/lib/postgresql";

/** The bin folder of the oldest installed major version, or null. */
export function systemPostgres(): { major: number; bin: string } | null {
  if (!fs.existsSync(packages)) return null;
  const majors = fs
    .readdirSync(packages)
    .map(Number)
    .filter((major) => Number.isInteger(major) && fs.existsSync(path.join(packages, String(major), "bin/postgres")))
    .sort((a, b) => a - b);
  return majors.length ? { major: majors[0]!, bin: path.join(packages, String(majors[0]), "bin") } : null;
}

export type SystemPostgres = { major: number; url: string; stop: () => Promise<void> };

/** initdb + postgres on `port` in a temporary folder, with a `herald` database; password auth. */
export async function startSystemPostgres(port: number): Promise<SystemPostgres> {
  const found = systemPostgres();
  if (!found) throw new Error(`No Postgres under ${packages}: apt-get install postgresql`);
  // Postgres refuses to run as root: the cluster belongs to the packages' own user.
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `herald-pg${found.major}-`));
  fs.chownSync(dir, uid, gid);
  const as = { uid, gid, cwd: dir };
  const passwordFile = path.join(dir, "password");
  fs.writeFileSync(passwordFile, "herald\n");
  fs.chownSync(passwordFile, uid, gid);
  const data = path.join(dir, "data");
  execFileSync(
    path.join(found.bin, "initdb"),
    ["-D", data, "-U", "herald", `--pwfile=${passwordFile}`, "-A", "scram-sha-256", "-E", "UTF8", "--no-sync"],
    { ...as, stdio: "ignore" },
  );
  const server = spawn(
    path.join(found.bin, "postgres"),
    ["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
    { ...as, stdio: "ignore" },
  );
  const exited = new Promise((resolve) => server.once("exit", resolve));
  const admin = { host: "127.0.0.1", port, user: "herald", password: "herald", database: "postgres" };
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client(admin);
    try {
      await client.connect();
      await client.query('CREATE DATABASE "herald"');
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (server.exitCode !== null || attempt > 300) throw new Error(`Postgres ${found.major} did not start: ${error}`);
      await sleep(100);
    }
  }
  return {
    major: found.major,
    url: `postgresql://herald:herald@127.0.0.1:${port}/herald`,
    stop: async () => {
      if (server.exitCode === null) {
        server.kill("SIGINT"); // fast shutdown
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
