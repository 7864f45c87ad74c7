import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { db } from "@/lib/db";
import { closeDatabase } from "@/lib/sql";
import { startEmbeddedPostgres, type RunningPostgres } from "@/runtime/database/embedded-postgres";
import { applyMigrations } from "@/runtime/database/schema-engine";
import { bearer } from "@/test/api";
import { publishEvery, publishSurely } from "@/test/careful-publisher";
import { EventSourceRecorder } from "@/test/event-source";
import { makeEvent, makeUser } from "@/test/factories";
import { freePort, ServerProcess, stopAllServers } from "@/test/server-process";
import { range } from "@/test/sink";
import { SseReader } from "@/test/sse";
import { sleep, waitUntil } from "@/test/wait";

// Postgres stops for 30 seconds (HERALD_TEST_OUTAGE_MS to change it) in the middle of a
// live event, then comes back on the same port and data directory. This file runs its
// own Postgres so that stopping it touches no other test. Readers stay connected (their
// heartbeats go on); publishing fails with a clear 503 and writes nothing; new readers
// and pollers get 503 + Retry-After, never a 500; once Postgres is back the listener
// reconnects and resyncs, and every reader gets every later post, with no gap. Meanwhile a
// careful client publishes every 100 ms, each post retried with its Idempotency-Key until
// it is taken: when Postgres is back, every post exists once and every reader has it.
const outageMs = Number(process.env.HERALD_TEST_OUTAGE_MS ?? 30_000);
const heartbeatMs = 15_000;

let dir = "";
let pgPort = 0;
let postgres: RunningPostgres | undefined;
let server: ServerProcess | undefined;
const clients: EventSourceRecorder[] = [];
const wireReaders: EventSourceRecorder[] = [];
let raw: SseReader | undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-outage-pg-"));
  pgPort = await freePort();
  postgres = await startEmbeddedPostgres({ dir, port: pgPort, database: "herald_outage" });
  await applyMigrations(postgres.url);
  // This test file's own lib/db (factories, checks) uses that Postgres too: env() reads
  // DATABASE_URL on first use, which is below.
  process.env.DATABASE_URL = postgres.url;
  server = await ServerProcess.start({ env: { DATABASE_URL: postgres.url } });
}, 180_000);

afterAll(async () => {
  for (const client of [...clients, ...wireReaders]) client.close();
  await raw?.cancel();
  await stopAllServers();
  await closeDatabase();
  await postgres?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function publish(slug: string, secret: string, body: string): Promise<Response> {
  return fetch(`${server!.url}/api/v1/events/${slug}/posts`, {
    method: "POST",
    headers: { ...bearer(secret), "Content-Type": "application/json" },
    body: JSON.stringify({ body }),
  });
}

async function health(): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server!.url}/api/health`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("Postgres stops during a live event", () => {
  it(
    "keeps readers, refuses publishes clearly, and resumes with nothing lost",
    { timeout: outageMs + 180_000 },
    async () => {
      const owner = await makeUser();
      const event = await makeEvent(owner);
      const { secret } = await createApiToken(owner, event.id, { name: "Wire" });
      for (let i = 1; i <= 2; i++) expect((await publish(event.slug, secret, `Before ${i}`)).status).toBe(201);

      const stream = `${server!.url}/api/events/${event.slug}/stream`;
      for (let i = 0; i < 2; i++) clients.push(new EventSourceRecorder(`${stream}?lastEventId=0`));
      for (const client of clients) expect(await client.waitForChanges(2)).toEqual([1, 2]);
      raw = new SseReader((await fetch(`${stream}?lastEventId=0`)).body);
      expect((await raw.until((events) => events.filter((e) => e.id).length === 2)).met).toBe(true);

      // A wire service on another event publishes every 100 ms right through the outage.
      const wire = await makeEvent(owner);
      const wireToken = (await createApiToken(owner, wire.id, { name: "Retrying wire" })).secret;
      const wireStream = `${server!.url}/api/events/${wire.slug}/stream?lastEventId=0`;
      for (let i = 0; i < 3; i++) wireReaders.push(new EventSourceRecorder(wireStream));
      await waitUntil(() => wireReaders.every((reader) => reader.open), { message: "the wire's readers" });
      const wirePublisher = publishEvery(100, (body) =>
        publishSurely(server!.url, wire.slug, wireToken, body, { maxAttempts: 2_000, timeoutMs: 10_000 }),
      );
      await sleep(1_000);

      // --- Postgres goes away.
      const stoppedAt = Date.now();
      await postgres!.stop();
      const textBefore = raw.text.length;

      // Readiness says so (a load balancer would stop sending new visitors here).
      await waitUntil(async () => (await health()).status === 503, { message: "readiness to report the outage" });
      expect((await health()).body).toMatchObject({ status: "degraded", database: false });
      // Liveness does not: nothing to restart.
      expect((await fetch(`${server!.url}/api/health?probe=live`)).status).toBe(200);

      // Publishing fails with a clear message and says when to try again.
      const refused = await publish(event.slug, secret, "During the outage");
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(((await refused.json()) as { error: string }).error).toMatch(
        /database is unavailable.*nothing was saved/i,
      );

      // A new reader or poller is told to come back later: 503 + Retry-After, not a 500.
      // (Past the stream's one-second event lookup cache, which would rightly let a reader
      // in from memory: lib/realtime/stream-event.ts.)
      await sleep(1_100);
      for (const url of [`${stream}?lastEventId=2`, `${server!.url}/api/events/${event.slug}/updates?since=2`]) {
        const response = await fetch(url);
        expect(response.status).toBe(503);
        expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
        await response.body?.cancel();
      }

      // Connected readers stay connected, and the heartbeat keeps their proxies patient.
      if (outageMs > heartbeatMs + 1_000) {
        const { met } = await raw.until(() => raw!.text.slice(textBefore).includes(":\n\n"), heartbeatMs + 5_000);
        expect(met).toBe(true);
      }
      await sleep(Math.max(0, outageMs - (Date.now() - stoppedAt)));
      for (const client of clients) {
        expect(client.open).toBe(true);
        expect(client.opens).toBe(1);
      }
      expect(raw.done).toBe(false);

      // --- Postgres comes back, same port, same data.
      postgres = await startEmbeddedPostgres({ dir, port: pgPort, database: "herald_outage" });
      await waitUntil(async () => (await health()).status === 200, {
        timeoutMs: 30_000,
        message: "readiness once Postgres is back (listener reconnected)",
      });

      // Nothing half-written: the refused post does not exist and the log has no gap.
      expect(await db.post.count({ where: { eventId: event.id, bodyMarkdown: "During the outage" } })).toBe(0);
      const changes = await db.change.findMany({ where: { eventId: event.id }, select: { seq: true } });
      expect(changes.map((c) => c.seq).sort((x, y) => x - y)).toEqual([1, 2]);

      // The wire's posts, each retried by key through the outage: every one once, in order.
      await sleep(1_000);
      const wireOutcomes = await wirePublisher.stop();
      expect(wireOutcomes.filter((outcome) => outcome.status !== 201)).toEqual([]);
      const wirePosts = await db.post.findMany({ where: { eventId: wire.id }, select: { bodyMarkdown: true } });
      expect(wirePosts.map((post) => post.bodyMarkdown).sort()).toEqual(
        wireOutcomes.map((_, i) => `Update ${i + 1}`).sort(),
      );
      for (const reader of wireReaders) {
        expect(await reader.waitForChanges(wireOutcomes.length, 30_000)).toEqual(range(1, wireOutcomes.length));
      }
      const attempts = wireOutcomes.reduce((sum, outcome) => sum + outcome.attempts, 0);
      console.info(
        `outage of ${outageMs} ms: ${wireOutcomes.length} posts published by key in ${attempts} requests, 0 lost, 0 duplicated`,
      );

      // Everything resumes: every reader gets every post published after recovery.
      for (let i = 3; i <= 5; i++) expect((await publish(event.slug, secret, `After ${i}`)).status).toBe(201);
      for (const client of clients) expect(await client.waitForChanges(5, 30_000)).toEqual(range(1, 5));
      const { met } = await raw.until((events) => events.filter((e) => e.id).length === 5, 30_000);
      expect(met).toBe(true);
      expect(raw.changes.map((e) => Number(e.id))).toEqual(range(1, 5));

      // The reconnect is visible to operators.
      const scrape = await fetch(`${server!.url}/api/metrics`);
      const metrics = await scrape.text();
      expect(scrape.status, metrics).toBe(200);
      const reconnects = /^herald_listener_reconnects_total (\d+)/m.exec(metrics);
      expect(Number(reconnects?.[1]), metrics).toBeGreaterThan(0);
      expect(server!.log).toMatch(/"msg":"listener: reconnected; resyncing"/);
      // Through a proxy, a caller is not "local" (no token is configured here).
      const proxied = await fetch(`${server!.url}/api/metrics`, { headers: { "X-Forwarded-For": "203.0.113.9" } });
      expect(proxied.status).toBe(403);
    },
  );

  it("echoes a sane X-Request-Id and logs the request under it", async () => {
    const response = await fetch(`${server!.url}/api/health?probe=live`, {
      headers: { "X-Request-Id": "lb-trace-42" },
    });
    expect(response.headers.get("x-request-id")).toBe("lb-trace-42");
    const fresh = await fetch(`${server!.url}/api/health?probe=live`, { headers: { "X-Request-Id": "bad id\t" } });
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    await waitUntil(() => server!.log.includes('"reqId":"lb-trace-42"'), { message: "the request's log line" });
    const line = server!.log.split("\n").find((l) => l.includes('"reqId":"lb-trace-42"'))!;
    expect(JSON.parse(line)).toMatchObject({ level: "info", route: "health", status: 200, msg: "request" });
  });
});
