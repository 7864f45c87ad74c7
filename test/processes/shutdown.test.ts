import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { db } from "@/lib/db";
import { publishPost } from "@/lib/posts/publish-post";
import { bearer } from "@/test/api";
import { Balancer } from "@/test/balancer";
import { EventSourceRecorder } from "@/test/event-source";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { ServerProcess, stopAllServers } from "@/test/server-process";
import { range } from "@/test/sink";
import { SseReader } from "@/test/sse";
import { sleep, waitUntil } from "@/test/wait";

// A rolling deploy: two server processes behind a load balancer, readers on the first.
// SIGTERM to the first: it stops accepting, tells its readers to reconnect (a jittered
// `retry:` and the end of the stream), finishes the publish it is in the middle of,
// closes its Postgres connections and exits 0. The readers' EventSources reconnect
// through the balancer to the second process and miss nothing.
let a: ServerProcess | undefined;
let b: ServerProcess | undefined;
let balancer: Balancer | undefined;
let owner: TestUser;
const clients: EventSourceRecorder[] = [];
let locker: pg.Client | undefined;

beforeAll(async () => {
  [a, b, owner] = await Promise.all([ServerProcess.start(), ServerProcess.start(), makeUser()]);
  // Like a load balancer with health checks: the first process that accepts the connection.
  balancer = await Balancer.start(() => [a!.port, b!.port]);
}, 120_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await locker?.end().catch(() => {});
  await balancer?.close();
  await stopAllServers();
});

/** Holds the event's row lock, so a publish waits inside its transaction until released. */
async function holdEventLock(eventId: string): Promise<() => Promise<void>> {
  locker = new pg.Client({ connectionString: inject("databaseUrl") });
  await locker.connect();
  await locker.query("BEGIN");
  // NO KEY UPDATE: the publish's UPDATE of lastSeq waits on it; its foreign-key checks do not.
  await locker.query(`SELECT 1 FROM "Event" WHERE "id" = $1 FOR NO KEY UPDATE`, [eventId]);
  return async () => {
    await locker!.query("COMMIT");
  };
}

/** True once some session waits for a lock on an UPDATE of "Event" (the publish, blocked). */
async function publishIsWaiting(): Promise<boolean> {
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM pg_stat_activity
    WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE "Event" SET "lastSeq"%'`;
  return Number(rows[0]!.n) > 0;
}

/** Readers connected to one server process, from its readiness probe. */
async function readersOn(server: ServerProcess): Promise<number> {
  const response = await fetch(`${server.url}/api/health`);
  return ((await response.json()) as { readers: number }).readers;
}

describe("SIGTERM during a live event", () => {
  it("moves readers to another process with nothing lost, and finishes the publish in flight", async () => {
    const event = await makeEvent(owner);
    const { secret } = await createApiToken(owner, event.id, { name: "Deploy bot" });
    for (let i = 1; i <= 2; i++) await publishPost(owner, event.id, { body: `Before ${i}` });

    for (let i = 0; i < 3; i++) {
      clients.push(new EventSourceRecorder(`${balancer!.url}/api/events/${event.slug}/stream?lastEventId=0`));
    }
    for (const client of clients) expect(await client.waitForChanges(2)).toEqual([1, 2]);
    // One raw reader straight on the first process, to see the bytes it is sent at the end.
    const raw = await fetch(`${a!.url}/api/events/${event.slug}/stream`, { headers: { "Last-Event-ID": "2" } });
    const rawReader = new SseReader(raw.body);
    await rawReader.until((events) => events.some((e) => e.retry !== null));

    // A publish through the first process, held inside its transaction by the row lock.
    const release = await holdEventLock(event.id);
    const inFlight = fetch(`${a!.url}/api/v1/events/${event.slug}/posts`, {
      method: "POST",
      headers: { ...bearer(secret), "Content-Type": "application/json" },
      body: JSON.stringify({ body: "In flight during the deploy" }),
    });
    await waitUntil(publishIsWaiting, { timeoutMs: 120_000, message: "the publish to wait on the event's row lock" });

    const exited = a!.terminate();
    // The raw reader is told when to come back (its own jittered delay), then the stream ends.
    const body = await rawReader.readAll(60_000);
    const retries = rawReader.events.filter((e) => e.retry !== null).map((e) => e.retry!);
    expect(retries.length).toBe(2); // one on connect, one on the way out
    expect(retries[1]).toBeGreaterThanOrEqual(500);
    expect(retries[1]).toBeLessThanOrEqual(3_500);
    expect(body.trimEnd().endsWith(`retry: ${retries[1]}`)).toBe(true);

    // The readers reconnect through the balancer; the first process accepts nothing now.
    // (A reconnect that reused a kept-alive connection to it is sent away once more.)
    // The server counts a reader before its response head reaches the client, so wait for
    // both: the second process's count and each EventSource's own `open`.
    await waitUntil(
      async () => clients.every((client) => client.opens >= 2) && (await readersOn(b!)) === clients.length,
      { timeoutMs: 60_000, message: "every reader to be connected to the second process" },
    );
    expect(a!.alive).toBe(true); // still finishing the publish

    await sleep(300); // the publish keeps waiting while the process drains
    await release();
    const response = await inFlight;
    expect(response.status).toBe(201);
    const { seq } = (await response.json()) as { seq: number };
    expect(seq).toBe(3);
    expect(await exited).toBe(0);
    expect(a!.log).toMatch(/"msg":"shutdown: in-flight requests finished"/);
    expect(a!.log).toMatch(/"msg":"shutdown: done"/);

    // The publish committed on the first process reaches them on the second, and so does
    // the next one; nobody misses or repeats anything.
    await publishPost(owner, event.id, { body: "After the deploy" });
    for (const client of clients) {
      expect(await client.waitForChanges(4)).toEqual(range(1, 4));
      expect(client.requests.slice(1).every((lastEventId) => lastEventId === "2")).toBe(true);
    }
  });
});
