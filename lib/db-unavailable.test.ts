import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { actionError } from "@/lib/action-error";
import { db } from "@/lib/db";
import { httpError, NotFoundError, ServiceUnavailableError, toAppError } from "@/lib/errors";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { makeUser } from "@/test/factories";
import { freePort } from "@/test/server-process";
import { isDatabaseUnavailable } from "./db-unavailable";

// Real failures, not made-up objects: a Prisma client and a pg client pointed at a port
// where no Postgres listens, and a real constraint violation from the test database.
const offline = async () => {
  const url = `postgresql://herald:herald@127.0.0.1:${await freePort()}/herald`;
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, connectionTimeoutMillis: 2_000 }) });
};
const clients: PrismaClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()));
});

async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("isDatabaseUnavailable", () => {
  it("recognises an unreachable Postgres through Prisma: raw queries, models and transactions", async () => {
    const client = await offline();
    clients.push(client);
    const failures = [
      await errorOf(() => client.$queryRaw`SELECT 1`),
      await errorOf(() => client.user.findFirst()),
      await errorOf(() => client.$transaction(async (tx) => tx.user.findFirst())),
    ];
    for (const failure of failures) expect(isDatabaseUnavailable(failure)).toBe(true);
  });

  it("recognises pg's own connection failure (the LISTEN connection's)", async () => {
    const client = new pg.Client({ host: "127.0.0.1", port: await freePort(), user: "herald", database: "herald" });
    expect(isDatabaseUnavailable(await errorOf(() => client.connect()))).toBe(true);
  });

  it("does not mistake a real query error or a domain error for an outage", async () => {
    const user = await makeUser();
    const duplicate = await errorOf(() =>
      db.user.create({ data: { email: user.email, name: "Twin", passwordHash: "x" } }),
    );
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(isDatabaseUnavailable(await errorOf(() => db.$queryRaw`SELECT nope FROM nowhere`))).toBe(false);
    expect(isDatabaseUnavailable(new NotFoundError())).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe("a lost database as a domain error", () => {
  it("is a 503 JSON error with Retry-After from route handlers", async () => {
    const client = await offline();
    clients.push(client);
    const response = httpError(await errorOf(() => client.post.findFirst()));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    const body = (await response.json()) as { error: string };
    expect(body.error).toMatch(/database is unavailable.*nothing was saved/i);
  });

  it("is a clear form error (keeping what was typed) from server actions", async () => {
    const client = await offline();
    clients.push(client);
    const state = actionError(await errorOf(() => client.post.findFirst()), { body: "Goal!" });
    expect(state).toMatchObject({ ok: false, values: { body: "Goal!" } });
    expect(state.message).toMatch(/database is unavailable/i);
  });

  it("leaves other unknown errors alone: they are bugs, and stay 500s", () => {
    expect(toAppError(new TypeError("x is undefined"))).toBeNull();
    expect(() => httpError(new TypeError("x is undefined"))).toThrow(TypeError);
    expect(toAppError(new ServiceUnavailableError())).toBeInstanceOf(ServiceUnavailableError);
  });
});
