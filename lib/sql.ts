import "server-only";
import pg from "pg";
import { env } from "./env";
import { logger } from "./observability/logger";

// One pg pool per process, created on first use. Prisma (lib/db.ts) runs its queries on it;
// the realtime path's few reads and writes (the change log, a stream's event, reader counts,
// the health probe) use it directly with SQL, so a stream-tier process never loads Prisma's
// query compiler (about 50 MB a process: docs/performance.md).
// On globalThis, like lib/db.ts: Next's separate module graphs share one pool.
type Held = { pool?: pg.Pool; beforeClose: Set<() => Promise<void>> };
const key = Symbol.for("herald.sql");
const store = globalThis as unknown as Record<symbol, Held | undefined>;
const held = (): Held => (store[key] ??= { beforeClose: new Set() });

export function sqlPool(): pg.Pool {
  const state = held();
  if (state.pool) return state.pool;
  const pool = new pg.Pool({
    connectionString: env().DATABASE_URL,
    // pg waits for a connection forever by default: an unreachable Postgres (not just a
    // stopped one, which fails at once) would hang a request instead of a clear 503.
    connectionTimeoutMillis: 5_000,
    // Sockets to a vanished server are noticed by the kernel, not left half-open for hours.
    keepAlive: true,
  });
  pool.on("error", (error) => logger().warn({ err: error }, "database: an idle pooled connection failed"));
  return (state.pool = pool);
}

/**
 * A query written as a tagged template: every `${value}` is sent as a parameter ($1, $2, …),
 * never spliced into the SQL text.
 */
export async function sql<Row>(strings: TemplateStringsArray, ...values: unknown[]): Promise<Row[]> {
  const text = strings.reduce((query, part, i) => `${query}$${i}${part}`);
  return (await sqlPool().query(text, values)).rows as Row[];
}

/** What must close before the pool: Prisma, when this process made one (lib/db.ts). */
export function onDatabaseClose(close: () => Promise<void>): void {
  held().beforeClose.add(close);
}

/**
 * Closes Prisma, if this process made one, then the pool: the last step of a shutdown, or
 * of a script. Both are made afresh if used again.
 */
export async function closeDatabase(): Promise<void> {
  const state = store[key];
  store[key] = undefined;
  for (const close of state?.beforeClose ?? []) await close();
  await state?.pool?.end();
}
