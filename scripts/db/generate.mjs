// `prisma generate`, run after every install. The CLI insists on a native schema engine
// at start-up and downloads one if missing, which fails without internet; generating the
// client never runs it (migrations go through runtime/database/schema-engine.ts), so point the
// CLI at a stand-in unless a real engine is configured.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.platform === "win32" ? "cmd.exe" : "/bin/true";

const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
