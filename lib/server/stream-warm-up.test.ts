import type { Socket } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { broadcaster } from "@/lib/realtime/broadcaster";
import { processId, startReaderCounts } from "@/lib/realtime/reader-counts";
import { serveStreamOnSocket } from "@/lib/server/sse-fast-path";
import { readFirstBytes } from "@/scripts/cluster/first-bytes";
import { makeEvent, makeUser } from "@/test/factories";
import { RecordingSink } from "@/test/sink";
import { sleep, waitUntil } from "@/test/wait";
import { warmUpStreams } from "./stream-warm-up";

// The stream process's front door, as scripts/stream-worker.ts builds it (without the
// hand-off of what is not a stream: the warm-up only asks for streams).
let accepted = 0;
function accept(socket: Socket) {
  accepted++;
  readFirstBytes(socket, (head) => {
    if (!serveStreamOnSocket(socket, head)) socket.destroy();
  });
}

const stops: (() => void)[] = [];
afterAll(() => stops.forEach((stop) => stop()));

describe("warmUpStreams", () => {
  it("serves a crowd of its own through the front door, on a live event, and leaves no reader behind", async () => {
    const owner = await makeUser();
    await makeEvent(owner); // at least one live event exists
    const result = await warmUpStreams(accept, 600);
    if (!("slug" in result)) throw new Error(`skipped: ${result.skipped}`);
    // Every connection was answered by the real path: the lookup found the event, the
    // broadcaster took the reader, the socket got the stream's head.
    expect(result.answered).toEqual({ "200": 600 });
    expect(accepted).toBe(600);
    const event = await db.event.findUniqueOrThrow({ where: { slug: result.slug } });
    expect(event.status).toBe("LIVE");
    await waitUntil(() => broadcaster().readerCount === 0, { message: "the warm-up readers to leave" });
  });

  it("writes no reader counts while its readers are connected; real readers are counted again after", async () => {
    const owner = await makeUser();
    await makeEvent(owner);
    stops.push(startReaderCounts(10));
    const rows = () => db.readerCount.findMany({ where: { processId } });
    let seen = 0;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        seen = Math.max(
          seen,
          (await rows()).reduce((sum, row) => sum + row.readers, 0),
        );
        await sleep(5);
      }
    })();
    const result = await warmUpStreams(accept, 900);
    watching = false;
    await watch;
    expect("answered" in result && result.answered["200"]).toBe(900);
    expect(seen).toBe(0);

    // The writer itself was running all along: a reader who joins now is counted.
    const live = await makeEvent(owner);
    const unsubscribe = await broadcaster().subscribe(live.id, 0, new RecordingSink());
    stops.push(unsubscribe);
    await waitUntil(async () => (await rows()).some((row) => row.eventId === live.id && row.readers === 1), {
      message: "the reader to be counted",
    });
  });

  it("stops at its deadline when the answers do not come, and opens nothing after", async () => {
    const owner = await makeUser();
    await makeEvent(owner);
    const held = new Set<Socket>();
    let arrived = 0;
    const silent = (socket: Socket) => {
      arrived++;
      // Reads (so that it sees the client leave) and never answers.
      held.add(
        socket
          .on("error", () => {})
          .on("close", () => held.delete(socket))
          .resume(),
      );
    };
    const result = await warmUpStreams(silent, 1_000, { deadlineMs: 300 });
    expect("answered" in result && result.answered).toEqual({});
    const atDeadline = arrived;
    expect(atDeadline).toBeGreaterThan(0);
    expect(atDeadline).toBeLessThan(1_000);
    await sleep(300);
    expect(arrived, "no connection opened after the deadline").toBe(atDeadline);
    // Nor tried: its server has stopped listening, and a refused attempt would be counted.
    expect("answered" in result && result.answered).toEqual({});
    await waitUntil(() => held.size === 0, { message: "every connection to be closed" });
  });

  it("does nothing when it is set to 0 connections", async () => {
    const before = accepted;
    expect(await warmUpStreams(accept, 0)).toEqual({ skipped: "HERALD_STREAM_WARM_UP is 0" });
    expect(accepted).toBe(before);
  });
});
