import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishPost } from "@/lib/posts/publish-post";
import { EventSourceRecorder } from "@/test/event-source";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { ServerProcess, ssePaths, stopAllServers } from "@/test/server-process";
import { range } from "@/test/sink";
import { sleep, waitUntil } from "@/test/wait";

// A server process dies without warning (SIGKILL) while a reader is connected; posts keep
// being published; the process comes back on the same port. The reader's EventSource
// reconnects by itself, sends Last-Event-ID, and misses nothing.
let server: ServerProcess | undefined;
let owner: TestUser;
let client: EventSourceRecorder | undefined;

describe.each(ssePaths)("$name", ({ mode }) => {
  beforeAll(async () => {
    [server, owner] = await Promise.all([ServerProcess.start({ mode }), makeUser()]);
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await stopAllServers();
  });

  describe("a server process killed mid-event", () => {
    it("loses no change for an EventSource reader once it is back", { timeout: 120_000 }, async () => {
      const event = await makeEvent(owner);
      for (let i = 1; i <= 2; i++) await publishPost(owner, event.id, { body: `Before ${i}` });
      client = new EventSourceRecorder(`${server!.url}/api/events/${event.slug}/stream?lastEventId=0`);
      expect(await client.waitForChanges(2)).toEqual([1, 2]);
      await publishPost(owner, event.id, { body: "Live 3" });
      expect(await client.waitForChanges(3)).toEqual([1, 2, 3]);

      const pid = server!.pid;
      await server!.kill();
      expect(server!.alive).toBe(false);
      // The client notices the reset connection and starts retrying on its own.
      await waitUntil(() => client!.errors.length > 0, { message: "the client to see the connection drop" });
      expect(client.source.readyState).toBe(client.source.CONNECTING);

      // Published while no server is up at all.
      for (let i = 4; i <= 6; i++) await publishPost(owner, event.id, { body: `While down ${i}` });
      await sleep(1_000); // retries meet a closed port meanwhile
      expect(client.ids).toEqual([1, 2, 3]);

      await server!.restart();
      expect(server!.pid).not.toBe(pid);
      expect(await client.waitForChanges(6, 30_000)).toEqual(range(1, 6));
      // Every request after the first carried the last id seen before the crash.
      expect(client.requests[0]).toBeNull();
      expect(client.requests.length).toBeGreaterThan(1);
      expect(client.requests.slice(1).every((header) => header === "3")).toBe(true);
      expect(client.opens).toBe(2);

      await publishPost(owner, event.id, { body: "Live again 7" });
      await client.waitForChanges(7);
      await sleep(300); // a duplicate would arrive now
      expect(client.ids).toEqual(range(1, 7));
    });
  });
});
