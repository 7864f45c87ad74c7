import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeEvent, makeUser, unique } from "@/test/factories";
import { bucketOf, pruneReaderSamples, sampleBucketMs, writeReaderSamples } from "./write-reader-samples";

const counts = (page: number, embed: number, polling: number) => ({ page, embed, polling });

async function bucketRows(eventId: string) {
  return db.readerSample.findMany({ where: { eventId }, orderBy: [{ bucket: "asc" }, { processId: "asc" }] });
}

describe("reader samples across processes", () => {
  it("keeps one row per process in a bucket; the bucket's readers are their sum", async () => {
    const event = await makeEvent(await makeUser());
    const [p1, p2] = [`a-${unique()}`, `b-${unique()}`];
    const at = new Date("2026-12-05T20:00:10.000Z");
    await writeReaderSamples(p1, new Map([[event.id, counts(3, 1, 0)]]), at);
    await writeReaderSamples(p2, new Map([[event.id, counts(4, 0, 2)]]), new Date(at.getTime() + 15_000));
    const rows = await bucketRows(event.id);
    expect(rows.map((r) => r.bucket.toISOString())).toEqual(["2026-12-05T20:00:00.000Z", "2026-12-05T20:00:00.000Z"]);
    const sum = rows.reduce(
      (s, r) => ({ page: s.page + r.page, embed: s.embed + r.embed, polling: s.polling + r.polling }),
      counts(0, 0, 0),
    );
    expect(sum).toEqual(counts(7, 1, 2));
  });

  it("a process writing twice in a bucket keeps its sample with the most readers", async () => {
    const event = await makeEvent(await makeUser());
    const p = `p-${unique()}`;
    const at = new Date("2026-12-05T20:01:00.000Z");
    await writeReaderSamples(p, new Map([[event.id, counts(5, 2, 0)]]), at);
    await writeReaderSamples(p, new Map([[event.id, counts(3, 1, 1)]]), new Date(at.getTime() + 5_000));
    expect((await bucketRows(event.id)).map((r) => [r.page, r.embed, r.polling])).toEqual([[5, 2, 0]]);
    await writeReaderSamples(p, new Map([[event.id, counts(6, 0, 4)]]), new Date(at.getTime() + 10_000));
    expect((await bucketRows(event.id)).map((r) => [r.page, r.embed, r.polling])).toEqual([[6, 0, 4]]);
    // The next bucket is a row of its own.
    await writeReaderSamples(p, new Map([[event.id, counts(1, 0, 0)]]), new Date(at.getTime() + sampleBucketMs));
    expect((await bucketRows(event.id)).map((r) => r.page)).toEqual([6, 1]);
  });

  it("writes nothing for no readers, and skips events that no longer exist", async () => {
    const event = await makeEvent(await makeUser());
    const p = `p-${unique()}`;
    const at = new Date("2026-12-05T20:02:00.000Z");
    await writeReaderSamples(
      p,
      new Map([
        [event.id, counts(0, 0, 0)],
        [`gone-${unique()}`, counts(2, 0, 0)],
      ]),
      at,
    );
    expect(await db.readerSample.count({ where: { processId: p } })).toBe(0);
  });

  it("prunes history past the retention only", async () => {
    const event = await makeEvent(await makeUser());
    const p = `p-${unique()}`;
    const old = new Date(Date.now() - 500 * 86_400_000);
    await writeReaderSamples(p, new Map([[event.id, counts(1, 0, 0)]]), old);
    await writeReaderSamples(p, new Map([[event.id, counts(2, 0, 0)]]), new Date());
    expect(await pruneReaderSamples(400)).toBeGreaterThanOrEqual(1);
    expect((await bucketRows(event.id)).map((r) => r.page)).toEqual([2]);
  });

  it("buckets by 30 seconds", () => {
    expect(bucketOf(new Date("2026-12-05T20:00:29.999Z")).toISOString()).toBe("2026-12-05T20:00:00.000Z");
    expect(bucketOf(new Date("2026-12-05T20:00:30.000Z")).toISOString()).toBe("2026-12-05T20:00:30.000Z");
  });
});
