// `npm run reload`: asks the running `npm start` (or `npm run serve`) of this data directory
// to replace every server process, one at a time, without refusing a request (SIGHUP).
import fs from "node:fs";
import path from "node:path";
import { launchEnv } from "../lib/env";

const file = path.resolve(launchEnv().HERALD_DATA_DIR, "herald.pid");
let pid: number;
try {
  pid = Number(fs.readFileSync(file, "utf8"));
  process.kill(pid, "SIGHUP");
} catch {
  console.error(`No running Herald found (${file}). Send SIGHUP to its process yourself.`);
  process.exit(1);
}
console.log(`Asked Herald (pid ${pid}) to reload; its log says "supervisor: reloaded" when done.`);
