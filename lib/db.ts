import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { onDatabaseClose, sqlPool } from "./sql";

export type { Prisma } from "./generated/prisma/client";
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// One client per process, kept on globalThis so hot reload and Next's separate module
// graphs (instrumentation, route handlers, pages) share one pool.
const key = Symbol.for("herald.db");
const store = globalThis as unknown as Record<symbol, PrismaClient | undefined>;

function client(): PrismaClient {
  if (store[key]) return store[key];
  // On the process's one pool (lib/sql.ts), which closes after Prisma at shutdown.
  const prisma = new PrismaClient({ adapter: new PrismaPg(sqlPool()) });
  onDatabaseClose(async () => {
    if (store[key] === prisma) store[key] = undefined;
    await prisma.$disconnect();
  });
  return (store[key] = prisma);
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
