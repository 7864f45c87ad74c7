import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { editPost } from "@/lib/posts/edit-post";
import { publishPost } from "@/lib/posts/publish-post";
import { EventSourceRecorder } from "@/test/event-source";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { ServerProcess, ssePaths, stopAllServers } from "@/test/server-process";
import { range } from "@/test/sink";
import { sleep } from "@/test/wait";

// Two server processes share nothing but Postgres. A post written by a third party (this
// test process, exactly as another server would) reaches the readers of both.
let a: ServerProcess | undefined;
let b: ServerProcess | undefined;
let owner: TestUser;
const clients: EventSourceRecorder[] = [];

describe.each(ssePaths)("$name", ({ mode }) => {
  beforeAll(async () => {
    [a, b, owner] = await Promise.all([ServerProcess.start({ mode }), ServerProcess.start({ mode }), makeUser()]);
  }, 120_000);

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await stopAllServers();
  });

  function connect(url: string) {
    const client = new EventSourceRecorder(url);
    clients.push(client);
    return client;
  }

  describe("two server processes, one Postgres", () => {
    it("are two processes, each healthy on its own port", async () => {
      expect(a!.port).not.toBe(b!.port);
      expect(a!.pid).not.toBe(b!.pid);
      for (const server of [a!, b!]) {
        const response = await fetch(`${server.url}/api/health`);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ status: "ok", database: true, listener: true });
      }
    });

    it("deliver a post published while readers are connected to both", async () => {
      const event = await makeEvent(owner);
      const path = `/api/events/${event.slug}/stream`;
      const onA = [connect(`${a!.url}${path}`), connect(`${a!.url}${path}`)];
      const onB = [connect(`${b!.url}${path}`)];
      const readers = [...onA, ...onB];
      await Promise.all(readers.map((reader) => reader.waitForOpen()));

      const first = await publishPost(owner, event.id, { body: "To everyone" });
      for (const reader of readers) {
        expect(await reader.waitForChanges(1)).toEqual([1]);
        expect(reader.received[0]!.type).toBe("post.published");
        expect(JSON.parse(reader.received[0]!.data)).toEqual({ post: first.post });
      }

      // A burst from concurrent writers, and an edit: the same order on both processes.
      await Promise.all(range(2, 6).map((n) => publishPost(owner, event.id, { body: `Burst ${n}` })));
      await editPost(owner, first.post.id, { body: "To everyone, edited", version: 1 });
      for (const reader of readers) await reader.waitForChanges(7);
      await sleep(300); // a duplicate would arrive now
      for (const reader of readers) {
        expect(reader.ids).toEqual(range(1, 7));
        expect(reader.received.at(-1)!.type).toBe("post.updated");
        expect(reader.opens).toBe(1);
      }
    });
  });
});
