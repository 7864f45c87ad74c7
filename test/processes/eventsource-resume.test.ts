import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deletePost } from "@/lib/posts/delete-post";
import { editPost } from "@/lib/posts/edit-post";
import { publishPost } from "@/lib/posts/publish-post";
import { EventSourceRecorder } from "@/test/event-source";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { ServerProcess, ssePaths, stopAllServers } from "@/test/server-process";
import { range } from "@/test/sink";
import { sleep } from "@/test/wait";

// A real server process and a real EventSource client: the reader leaves, changes are
// published meanwhile (from this process, into the same Postgres), and a new client that
// says where it stopped gets exactly what it missed.
let server: ServerProcess;
let owner: TestUser;
const clients: EventSourceRecorder[] = [];

describe.each(ssePaths)("$name", ({ mode }) => {
  beforeAll(async () => {
    [server, owner] = await Promise.all([ServerProcess.start({ mode }), makeUser()]);
  }, 120_000);

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await stopAllServers();
  });

  function connect(url: string, options: { lastEventId?: string } = {}) {
    const client = new EventSourceRecorder(url, options);
    clients.push(client);
    return client;
  }

  describe("EventSource against a server process", () => {
    it("resumes a new client from the last id it saw: every change once, in order", async () => {
      const event = await makeEvent(owner);
      const posts = [];
      for (let i = 1; i <= 3; i++) posts.push(await publishPost(owner, event.id, { body: `Before ${i}` }));
      const stream = `${server.url}/api/events/${event.slug}/stream`;

      // The page was rendered at seq 0: the query names the position.
      const first = connect(`${stream}?lastEventId=0`);
      expect(await first.waitForChanges(3)).toEqual([1, 2, 3]);
      await first.waitForOpen();
      for (let i = 4; i <= 5; i++) await publishPost(owner, event.id, { body: `Live ${i}` });
      expect(await first.waitForChanges(5)).toEqual(range(1, 5));
      expect(first.received.every((r) => r.type === "post.published")).toBe(true);
      const lastSeen = first.received.at(-1)!.id;
      first.close();

      // While nobody reads: two posts, an edit and a takedown.
      const missed = [
        await publishPost(owner, event.id, { body: "Missed 6" }),
        await publishPost(owner, event.id, { body: "Missed 7" }),
        await editPost(owner, posts[1]!.post.id, { body: "Before 2, corrected", version: 1 }),
        await deletePost(owner, posts[2]!.post.id),
      ];
      expect(missed.map((m) => m.seq)).toEqual([6, 7, 8, 9]);
      await sleep(300);
      expect(first.ids).toEqual(range(1, 5)); // closed means closed

      // The new client sends Last-Event-ID (a header, as EventSource does on reconnect).
      const second = connect(stream, { lastEventId: lastSeen });
      expect(await second.waitForChanges(4)).toEqual([6, 7, 8, 9]);
      expect(second.requests).toEqual(["5"]);
      expect(second.received.map((r) => [r.id, r.type])).toEqual([
        ["6", "post.published"],
        ["7", "post.published"],
        ["8", "post.updated"],
        ["9", "post.deleted"],
      ]);
      expect(JSON.parse(second.received[2]!.data)).toMatchObject({
        post: { id: posts[1]!.post.id, html: "<p>Before 2, corrected</p>\n" },
      });
      expect(JSON.parse(second.received[3]!.data)).toEqual({ postId: posts[2]!.post.id });

      // …and then it is live.
      await publishPost(owner, event.id, { body: "Live 10" });
      await second.waitForChanges(5);
      await sleep(300); // a duplicate would arrive now
      expect(second.ids).toEqual(range(6, 10));
      expect([...first.ids, ...second.ids]).toEqual(range(1, 10));
      expect(second.opens).toBe(1);
    });
  });
});
