// Installs scripts/server-only-hook.mjs in the production server process. Imported first
// by scripts/server-worker.ts, so the hook is in place before any lib/ module loads.
import { register } from "node:module";

register("./server-only-hook.mjs", import.meta.url);
