import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";
import { logger } from "./observability/logger";

export type { Prisma } from "./generated/prisma/client";
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// One client per process, kept on globalThis so hot reload and Next's separate module
// graphs (instrumentation, route handlers, pages) share one pool.
const key = Symbol.for("herald.db");
const store = globalThis as unknown as Record<symbol, PrismaClient | undefined>;

// pg waits for a connection forever by default: when Postgres is unreachable (not just
// down, which fails at once), a request would hang instead of failing with a clear 503.
const pool = {
  connectionTimeoutMillis: 5_000,
  // Sockets to a vanished server are noticed by the kernel, not left half-open for hours.
  keepAlive: true,
} as const;

function client(): PrismaClient {
  if (store[key]) return store[key];
  const adapter = new PrismaPg(
    { connectionString: env().DATABASE_URL, ...pool },
    { onPoolError: (error) => logger().warn({ err: error }, "database: an idle pooled connection failed") },
  );
  return (store[key] = new PrismaClient({ adapter }));
}

/**
 * Options for transactions that write to the change log. Writers to one event queue on
 * its row lock, each holding a pooled connection; under a burst, Prisma's default 2 s
 * wait for a connection would fail publishes. The publisher must always get in.
 */
export const writeTransaction = { maxWait: 15_000, timeout: 20_000 } as const;

/** The Prisma client, created on first use (so importing this never needs a database). */
export const db = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property, real) as unknown;
    return typeof value === "function" ? value.bind(real) : value;
  },
});
