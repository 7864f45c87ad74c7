import { afterEach, beforeAll, beforeEach, describe, expect, it, inject, vi, type MockInstance } from "vitest";
import pg from "pg";
import { db } from "@/lib/db";
import { publishPost } from "@/lib/posts/publish-post";
import { GET } from "@/app/api/events/[slug]/stream/route";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { range } from "@/test/sink";
import { SseReader } from "@/test/sse";
import { sleep, waitUntil } from "@/test/wait";
import { broadcaster } from "./broadcaster";
import { ensureListener } from "./listener";

// The process listener (started by the stream route, as in production) LISTENs on
// DATABASE_URL_DIRECT. Every test file shares one Postgres, and other files hold LISTEN
// connections of their own (test/listen.ts, which does not reconnect): this file's
// listener gets an application_name, so that killing "the listener's backend" kills this
// process's listener and nobody else's. env() reads process.env on first use, which is
// after this line.
const applicationName = `herald-listener-test-${unique()}`;
process.env.DATABASE_URL_DIRECT = `${inject("databaseUrl")}?application_name=${applicationName}`;

let owner: TestUser;
const cleanups: (() => Promise<void> | void)[] = [];
let consoleError: MockInstance<typeof console.error>;

beforeAll(async () => {
  owner = await makeUser();
});

// The listener reports each lost connection on stderr; those are expected here, and
// nothing else may be reported (a failed fan-out read, say).
beforeEach(() => {
  consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  const unexpected = consoleError.mock.calls.filter(([message]) => !/LISTEN connection lost/.test(String(message)));
  consoleError.mockRestore();
  expect(unexpected).toEqual([]);
});

/** Opens a reader through the stream route; it is aborted after the test. */
async function connect(slug: string, lastEventId: string) {
  const controller = new AbortController();
  cleanups.push(() => controller.abort());
  const request = new Request(`http://localhost/api/events/${slug}/stream`, {
    headers: { "Last-Event-ID": lastEventId },
    signal: controller.signal,
  });
  const response = await GET(request, { params: Promise.resolve({ slug }) });
  expect(response.status).toBe(200);
  const reader = new SseReader(response.body);
  cleanups.push(() => reader.cancel());
  return reader;
}

/** The brief's query, narrowed to this file's listener; returns how many backends it ended. */
async function killListenerBackend(): Promise<number> {
  const rows = await db.$queryRaw<{ terminated: boolean }[]>`
    SELECT pg_terminate_backend(pid) AS "terminated" FROM pg_stat_activity
    WHERE datname = current_database() AND query LIKE 'LISTEN%' AND application_name = ${applicationName}`;
  return rows.filter((row) => row.terminated).length;
}

describe("Listener", () => {
  it("uses its own session, named as this file asked (the kill below cannot hit anyone else)", async () => {
    const event = await makeEvent(owner);
    await connect(event.slug, "0"); // the route starts the listener
    const listener = ensureListener();
    await waitUntil(() => listener.connected, { message: "the listener to connect" });
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    try {
      const { rows } = await client.query<{ query: string }>(
        "SELECT query FROM pg_stat_activity WHERE application_name = $1",
        [applicationName],
      );
      expect(rows).toEqual([{ query: "LISTEN herald_changes" }]);
    } finally {
      await client.end();
    }
  });

  it(
    "loses nothing when its backend is killed again and again during 200 publishes",
    { timeout: 120_000 },
    async () => {
      const event = await makeEvent(owner);
      const before = broadcaster().readerCount;
      const readers = await Promise.all([connect(event.slug, "0"), connect(event.slug, "0"), connect(event.slug, "0")]);
      await waitUntil(() => broadcaster().readerCount === before + 3, { message: "3 subscriptions" });
      const listener = ensureListener();
      await waitUntil(() => listener.connected, { message: "the listener to connect" });
      const reconnectsBefore = listener.reconnects;

      const total = 200;
      let published = 0;
      let next = 0;
      const publishing = Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < total) {
            next++;
            await publishPost(owner, event.id, { body: `Update ${next}` });
            published++;
          }
        }),
      );
      // Every reader reads all the while (a reader that stops would be cut off as stalled).
      const reading = Promise.all(
        readers.map((reader) => reader.until((events) => events.filter((e) => e.id !== null).length >= total, 90_000)),
      );

      // Kill the listener's backend at several points of the run, each time once it is back.
      let kills = 0;
      for (const at of [20, 60, 100, 140, 180]) {
        await waitUntil(() => published >= at, { timeoutMs: 60_000, message: `${at} posts published` });
        await waitUntil(() => listener.connected, { message: "the listener to be back" });
        const reconnects = listener.reconnects;
        expect(await killListenerBackend()).toBe(1);
        kills++;
        await waitUntil(() => listener.reconnects > reconnects, { message: "the listener to notice" });
      }
      await publishing;
      const results = await reading;

      expect(kills).toBe(5);
      expect(listener.reconnects - reconnectsBefore).toBeGreaterThanOrEqual(kills);
      await waitUntil(() => listener.connected, { message: "the listener to be back" });
      for (const [i, result] of results.entries()) {
        expect(result.met, `reader ${i} got all ${total}`).toBe(true);
      }
      await sleep(300); // a duplicate would arrive now
      for (const reader of readers) {
        await reader.until(() => false, 50);
        expect(reader.changes.map((e) => Number(e.id))).toEqual(range(1, total));
        expect(reader.done).toBe(false);
      }
      expect(broadcaster().readerCount).toBe(before + 3);
    },
  );

  it("delivers a change committed while it was down even when no later NOTIFY comes (resync)", async () => {
    const event = await makeEvent(owner);
    const reader = await connect(event.slug, "0");
    const listener = ensureListener();
    await waitUntil(() => listener.connected, { message: "the listener to connect" });
    await publishPost(owner, event.id, { body: "Heard" });
    expect((await reader.until((events) => events.some((e) => e.id === "1"))).met).toBe(true);

    // Kill it and publish before it is back (its first retry waits at least 125 ms). If
    // it came back before the commit (a very slow machine), try again: the point is a
    // change whose notification this process never received.
    let missed = 0;
    for (let attempt = 0; attempt < 5 && missed === 0; attempt++) {
      await waitUntil(() => listener.connected, { message: "the listener to be back" });
      expect(await killListenerBackend()).toBe(1);
      await waitUntil(() => !listener.connected, { message: "the listener to notice" });
      await publishPost(owner, event.id, { body: `Unheard ${attempt}` });
      if (!listener.connected) missed++;
    }
    expect(missed).toBe(1);
    const { lastSeq } = await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { lastSeq: true } });
    // Nothing else is published: only the resync after reconnecting can deliver it.
    const { met } = await reader.until((events) => events.some((e) => e.id === String(lastSeq)), 15_000);
    expect(met).toBe(true);
    expect(reader.changes.map((e) => Number(e.id))).toEqual(range(1, lastSeq));
  });
});
