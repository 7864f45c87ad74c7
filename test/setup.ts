// Runs in every test worker before the test file is imported: lib/env.ts reads
// process.env on first use, so the database URL and secret must be in place first.
import { afterAll, inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
delete process.env.DATABASE_URL_DIRECT;
process.env.NEXTAUTH_SECRET = "test-secret-that-is-long-enough";
// Publishes and reconnects log at info; a test run shows only what went wrong.
process.env.HERALD_LOG_LEVEL ??= "warn";

// lib/sql.ts, lib/db.ts and lib/realtime/listener.ts keep their connections on globalThis;
// close whatever a test file opened so that its worker can exit (and a later file in the
// same worker starts afresh).
afterAll(async () => {
  const store = globalThis as unknown as Record<symbol, { stop?: () => Promise<void> } | undefined>;
  const listener = Symbol.for("herald.listener");
  const held = store[listener];
  delete store[listener];
  await held?.stop?.();
  if (store[Symbol.for("herald.sql")]) await (await import("@/lib/sql")).closeDatabase();
});
