import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeEvent, makeUser, unique } from "@/test/factories";
import { RecordingSink } from "@/test/sink";
import { waitUntil } from "@/test/wait";
import { broadcaster } from "./broadcaster";
import { recordPoll } from "./poll-readers";
import {
  currentReaders,
  currentReadersMany,
  processId,
  pruneReaderCounts,
  publishReaderCounts,
  readersByChannel,
  startReaderCounts,
} from "./reader-counts";

// Event ids need no Event row (ReaderCount has no foreign key): random ids keep this file
// apart from every other test file sharing the database.
describe("reader counts across processes", () => {
  it("sums the counts written by two processes", async () => {
    const [a, b, c] = [`evt-${unique()}`, `evt-${unique()}`, `evt-${unique()}`];
    const [p1, p2] = [`p1-${unique()}`, `p2-${unique()}`];
    await publishReaderCounts(
      p1,
      new Map([
        [a, 3],
        [b, 1],
      ]),
    );
    await publishReaderCounts(p2, new Map([[a, 4]]));
    expect(await currentReaders(a)).toBe(7);
    expect(await currentReadersMany([a, b, c])).toEqual(
      new Map([
        [a, 7],
        [b, 1],
        [c, 0],
      ]),
    );
    expect(await currentReadersMany([])).toEqual(new Map());
  });

  it("replaces a process's counts and deletes its rows for events it no longer has readers on", async () => {
    const [a, b] = [`evt-${unique()}`, `evt-${unique()}`];
    const p1 = `p1-${unique()}`;
    await publishReaderCounts(
      p1,
      new Map([
        [a, 3],
        [b, 2],
      ]),
    );
    await publishReaderCounts(p1, new Map([[a, 5]]));
    expect(await currentReadersMany([a, b])).toEqual(
      new Map([
        [a, 5],
        [b, 0],
      ]),
    );
    expect(await db.readerCount.count({ where: { processId: p1 } })).toBe(1);
    await publishReaderCounts(p1, new Map());
    expect(await db.readerCount.count({ where: { processId: p1 } })).toBe(0);
  });

  it("leaves out a process that stopped writing (stale rows)", async () => {
    const a = `evt-${unique()}`;
    const [live, dead] = [`live-${unique()}`, `dead-${unique()}`];
    await publishReaderCounts(live, new Map([[a, 2]]));
    await publishReaderCounts(dead, new Map([[a, 10]]));
    // Freshness thresholds far larger than the time the test takes, however slow the
    // machine: the live process's row stays fresh while the test runs.
    const freshMs = 10 * 60_000;
    expect(await currentReaders(a, freshMs)).toBe(12);
    // The dead process last wrote an hour ago.
    await db.readerCount.update({
      where: { processId_eventId: { processId: dead, eventId: a } },
      data: { updatedAt: new Date(Date.now() - 60 * 60_000) },
    });
    expect(await currentReaders(a, freshMs)).toBe(2);
    // Rows left by dead processes are cleared now and then.
    await pruneReaderCounts(freshMs);
    expect(await db.readerCount.count({ where: { processId: dead } })).toBe(0);
    expect(await db.readerCount.count({ where: { processId: live } })).toBe(1);
  });
});

describe("this process's reader-count writer", () => {
  it("writes the broadcaster's readers per event, and deletes the row when they leave", async () => {
    const event = await makeEvent(await makeUser());
    const stop = startReaderCounts(50);
    try {
      const off = [
        await broadcaster().subscribe(event.id, 0, new RecordingSink()),
        await broadcaster().subscribe(event.id, 0, new RecordingSink()),
      ];
      expect(broadcaster().readersByEvent().get(event.id)).toBe(2);
      await waitUntil(async () => (await currentReaders(event.id)) === 2, { message: "2 readers counted" });
      for (const unsubscribe of off) unsubscribe();
      await waitUntil(async () => (await db.readerCount.count({ where: { processId, eventId: event.id } })) === 0, {
        message: "the row to be deleted",
      });
      expect(await currentReaders(event.id)).toBe(0);
    } finally {
      stop();
    }
  });

  it("counts readers by channel (page, embed, polling) and keeps them as history", async () => {
    const event = await makeEvent(await makeUser());
    const stop = startReaderCounts(50);
    const off: (() => void)[] = [];
    try {
      off.push(await broadcaster().subscribe(event.id, 0, new RecordingSink()));
      off.push(await broadcaster().subscribe(event.id, 0, new RecordingSink(), "embed"));
      off.push(await broadcaster().subscribe(event.id, 0, new RecordingSink(), "embed"));
      off.push(await broadcaster().subscribe(event.id, 0, new RecordingSink(), "desk"));
      recordPoll(event.id, `poller-${unique()}`);
      expect(readersByChannel().get(event.id)).toEqual({ page: 1, embed: 2, desk: 1, polling: 1 });
      // "N reading now" counts the open console too; the history leaves the desk out.
      await waitUntil(async () => (await currentReaders(event.id)) === 5, { message: "5 readers counted" });
      await waitUntil(
        async () => {
          const row = await db.readerSample.findFirst({ where: { processId, eventId: event.id } });
          return row?.page === 1 && row.embed === 2 && row.polling === 1;
        },
        { message: "a sample by channel" },
      );
    } finally {
      for (const unsubscribe of off) unsubscribe();
      stop();
    }
  });
});
