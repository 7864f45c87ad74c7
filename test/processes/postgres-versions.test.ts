import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { db } from "@/lib/db";
import { closeDatabase } from "@/lib/sql";
import { applyMigrations } from "@/runtime/database/schema-engine";
import { publishSurely } from "@/test/careful-publisher";
import { EventSourceRecorder } from "@/test/event-source";
import { makeEvent, makeUser } from "@/test/factories";
import { freePort, ServerProcess, stopAllServers } from "@/test/server-process";
import { range } from "@/test/sink";
import { startSystemPostgres, systemPostgres, type SystemPostgres } from "@/test/system-postgres";

// The whole suite runs on the embedded Postgres 18; this file runs a box on the oldest
// version Herald supports that the machine has from Debian (15 on bookworm): migrations,
// the change log with its NOTIFY, the listener, a stream, and publishing by key.
const found = systemPostgres();
if (!found && process.env.CI) throw new Error("Debian's postgresql must be installed on CI (.ci/run does it).");
if (!found) console.warn("postgres-versions.test.ts: skipped, no Postgres under /usr/lib/postgresql.");

let postgres: SystemPostgres | undefined;
let box: ServerProcess | undefined;
let reader: EventSourceRecorder | undefined;

beforeAll(async () => {
  if (!found) return;
  postgres = await startSystemPostgres(await freePort());
  await applyMigrations(postgres.url);
  // This file's own lib/db (factories, checks) uses that Postgres: env() reads it on first use.
  process.env.DATABASE_URL = postgres.url;
  box = await ServerProcess.start({ env: { DATABASE_URL: postgres.url } });
}, 180_000);

afterAll(async () => {
  reader?.close();
  await stopAllServers();
  await closeDatabase();
  await postgres?.stop();
}, 60_000);

describe.skipIf(!found)(`Postgres ${found?.major} from Debian`, () => {
  it("migrates, publishes exactly once by key, streams every post and renders the page", async () => {
    const owner = await makeUser();
    const event = await makeEvent(owner);
    const { secret } = await createApiToken(owner, event.id, { name: "Oldest Postgres" });
    const version = await db.$queryRaw<{ server_version_num: string }[]>`SHOW server_version_num`;
    expect(Math.floor(Number(version[0]!.server_version_num) / 10_000)).toBe(found!.major);

    reader = new EventSourceRecorder(`${box!.url}/api/events/${event.slug}/stream?lastEventId=0`);
    for (let n = 1; n <= 3; n++) {
      expect(await publishSurely(box!.url, event.slug, secret, `Update ${n}`)).toMatchObject({ status: 201 });
    }
    expect(await reader.waitForChanges(3, 60_000)).toEqual(range(1, 3));
    expect(await db.post.count({ where: { eventId: event.id } })).toBe(3);

    const page = await fetch(`${box!.url}/e/${event.slug}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Update 3");
  });
});
