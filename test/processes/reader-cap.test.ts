import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { ServerProcess, ssePaths, stopAllServers } from "@/test/server-process";
import { SseReader } from "@/test/sse";
import { waitUntil } from "@/test/wait";

// HERALD_MAX_READERS caps the SSE readers of one process; everything else on that process
// (health, pages, the newsroom) keeps answering.
let server: ServerProcess | undefined;
let owner: TestUser;
const open: { controller: AbortController; reader: SseReader }[] = [];

describe.each(ssePaths)("$name", ({ mode }) => {
  beforeAll(async () => {
    [server, owner] = await Promise.all([ServerProcess.start({ mode, env: { HERALD_MAX_READERS: "2" } }), makeUser()]);
  }, 120_000);

  afterEach(async () => {
    for (const { controller, reader } of open.splice(0)) {
      controller.abort();
      await reader.cancel();
    }
  });

  afterAll(async () => {
    await stopAllServers();
  });

  /** Opens a stream with fetch; a 200 is kept open (and read) until the test ends. */
  async function openStream(slug: string) {
    const controller = new AbortController();
    const response = await fetch(`${server!.url}/api/events/${slug}/stream`, { signal: controller.signal });
    if (response.status !== 200) return { response, reader: null };
    const reader = new SseReader(response.body);
    open.push({ controller, reader });
    // The retry line comes first: the reader is subscribed by then.
    const { met } = await reader.until((events) => events.some((e) => e.retry !== null));
    expect(met).toBe(true);
    return { response, reader };
  }

  describe("HERALD_MAX_READERS=2", () => {
    it("answers the third concurrent reader 503 with Retry-After, and health still 200", async () => {
      const [one, two] = [await makeEvent(owner), await makeEvent(owner)];
      expect((await openStream(one.slug)).response.status).toBe(200);
      expect((await openStream(two.slug)).response.status).toBe(200); // the cap is per process, not per event

      const third = await openStream(one.slug);
      expect(third.response.status).toBe(503);
      const retryAfter = third.response.headers.get("retry-after");
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      expect(await third.response.text()).toMatch(/full/);

      const health = await fetch(`${server!.url}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok" });
      // Non-reader routes are not capped either: the polling fallback still answers.
      const poll = await fetch(`${server!.url}/api/events/${one.slug}/updates?since=0`);
      expect(poll.status).toBe(200);

      // A reader who leaves frees its place.
      const leaving = open.shift()!;
      leaving.controller.abort();
      await leaving.reader.cancel();
      let status = 0;
      await waitUntil(
        async () => {
          const next = await openStream(one.slug);
          status = next.response.status;
          if (status !== 200) await next.response.body?.cancel();
          return status === 200;
        },
        { timeoutMs: 10_000, intervalMs: 200, message: "a place to free up after a reader left" },
      );
      expect(status).toBe(200);
    });
  });
});
