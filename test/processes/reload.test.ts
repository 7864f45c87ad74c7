import { execFileSync } from "node:child_process";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { db } from "@/lib/db";
import { bearer } from "@/test/api";
import { EventSourceRecorder } from "@/test/event-source";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { ServerProcess, stopAllServers } from "@/test/server-process";
import { range } from "@/test/sink";
import { sleep, waitUntil } from "@/test/wait";

// A zero-downtime restart (SIGHUP to the supervisor, `npm run reload`): every process of
// the box replaced one at a time while a publisher posts every 100 ms and 500 readers
// hold streams. Nothing refused, nothing lost, nothing delivered twice.
let box: ServerProcess | undefined;
let owner: TestUser;
const readers: EventSourceRecorder[] = [];

beforeAll(async () => {
  [box, owner] = await Promise.all([
    ServerProcess.start({ env: { HERALD_STREAM_WORKERS: "2", HERALD_MAX_READERS: "1000" } }),
    makeUser(),
  ]);
}, 180_000);

afterAll(async () => {
  for (const reader of readers) reader.close();
  await stopAllServers();
});

/** The box's processes (the supervisor's children). */
function children(pid: number): number[] {
  const out = execFileSync("ps", ["--ppid", String(pid), "-o", "pid="], { encoding: "utf8" });
  return out.trim().split(/\s+/).map(Number);
}

/** One publish on a connection of its own; resolves with the status, or the error code. */
function publish(url: string, token: string, body: string): Promise<string> {
  return new Promise((resolve) => {
    const request = http.request(
      url,
      { method: "POST", agent: false, headers: { ...bearer(token), "content-type": "application/json" } },
      (response) => {
        response.resume();
        response.on("end", () => resolve(String(response.statusCode)));
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    request.end(JSON.stringify({ body }));
  });
}

describe("a reload of the whole box", () => {
  it(
    "replaces every process with no publish refused or lost, and no delivery lost or repeated",
    { timeout: 300_000 },
    async () => {
      const event = await makeEvent(owner);
      const { secret } = await createApiToken(owner, event.id, { name: "Every 100 ms" });
      for (let i = 0; i < 500; i++) {
        readers.push(new EventSourceRecorder(`${box!.url}/api/events/${event.slug}/stream?lastEventId=0`));
      }
      await waitUntil(() => readers.every((reader) => reader.open), { timeoutMs: 60_000, message: "500 open readers" });
      const before = children(box!.pid!);

      const outcomes: string[] = [];
      let publishing = true;
      const publisher = (async () => {
        for (let n = 1; publishing; n++) {
          const sent = Date.now();
          outcomes.push(await publish(`${box!.url}/api/v1/events/${event.slug}/posts`, secret, `Update ${n}`));
          await sleep(Math.max(0, 100 - (Date.now() - sent)));
        }
      })();
      await sleep(1_000);
      process.kill(box!.pid!, "SIGHUP");
      await waitUntil(() => box!.log.includes('"msg":"supervisor: reloaded"'), {
        timeoutMs: 240_000,
        message: "the reload to finish",
      });
      await sleep(1_000);
      publishing = false;
      await publisher;

      const after = children(box!.pid!);
      expect(after).toHaveLength(before.length);
      expect(after.filter((pid) => before.includes(pid))).toEqual([]);
      expect(
        outcomes.filter((outcome) => outcome !== "201"),
        JSON.stringify(outcomes),
      ).toEqual([]);
      const published = outcomes.length;
      expect(await db.post.count({ where: { eventId: event.id } })).toBe(published);
      for (const reader of readers) {
        const ids = await reader.waitForChanges(published, 60_000);
        expect(ids).toEqual(range(1, published));
      }
      console.info(`reload: ${published} publishes, none refused, lost or repeated; ${readers.length} readers`);
    },
  );
});
