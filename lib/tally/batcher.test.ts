import { describe, expect, it } from "vitest";
import { Batcher } from "./batcher";

// The batcher's own rules, with a write the test holds open (the database side is covered by
// lib/polls/polls.test.ts and lib/reactions/reactions.test.ts).

/** A write that records each batch and ends only when the test says so. */
function heldWrite() {
  const batches: number[][] = [];
  const release: (() => void)[] = [];
  const write = (items: number[]) => {
    batches.push(items);
    return new Promise<number[]>((resolve) => release.push(() => resolve(items.map((n) => n * 10))));
  };
  return { batches, release, write };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe("Batcher", () => {
  it("keeps one batch in flight: what arrives meanwhile is the next batch, written when it ends", async () => {
    const { batches, release, write } = heldWrite();
    const batcher = new Batcher<number, number>({ write, schedule: () => {} });
    const first = [batcher.add(1), batcher.add(2)];
    void batcher.flush();
    await settled();
    const second = [batcher.add(3), batcher.add(4), batcher.add(5)];
    await settled();
    expect(batches).toEqual([[1, 2]]); // nothing more until the first batch ends
    expect(batcher.pending).toBe(3);
    release.shift()!();
    expect(await Promise.all(first)).toEqual([10, 20]);
    await settled();
    expect(batches).toEqual([
      [1, 2],
      [3, 4, 5],
    ]); // at once, without waiting for a window
    release.shift()!();
    expect(await Promise.all(second)).toEqual([30, 40, 50]);
  });

  it("writes at most maxBatch items at a time, and the rest right after", async () => {
    const { batches, release, write } = heldWrite();
    const batcher = new Batcher<number, number>({ write, schedule: () => {}, maxBatch: 2 });
    const first = batcher.add(1);
    void batcher.flush();
    await settled();
    const rest = [2, 3, 4, 5, 6].map((n) => batcher.add(n));
    release.shift()!();
    await first;
    for (let i = 0; i < 3; i++) {
      await settled();
      release.shift()!();
    }
    expect(await Promise.all(rest)).toEqual([20, 30, 40, 50, 60]);
    expect(batches).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  it("answers a committed batch in slices, the event loop running between them", async () => {
    const { batches, release, write } = heldWrite();
    const batcher = new Batcher<number, number>({ write, schedule: () => {}, answerSlice: 100 });
    let answered = 0;
    const items = Array.from({ length: 250 }, (_, n) => batcher.add(n).then(() => answered++));
    void batcher.flush();
    await settled();
    const next = batcher.add(250);
    release.shift()!();
    await settled(); // one turn of the event loop: one slice answered
    expect(answered).toBe(100);
    expect(batches).toHaveLength(2); // the next batch is written while the answers go out
    await settled();
    expect(answered).toBe(200);
    await Promise.all(items);
    release.shift()!();
    expect(await next).toBe(2500);
  });

  it("rejects every item of a failed batch and goes on with the next", async () => {
    let calls = 0;
    const batcher = new Batcher<number, number>({
      write: async (items) => {
        if (calls++ === 0) throw new Error("connection lost");
        return items;
      },
      schedule: () => {},
    });
    const lost = [batcher.add(1), batcher.add(2)];
    const flushed = batcher.flush();
    const next = batcher.add(3);
    await flushed;
    await expect(Promise.all(lost)).rejects.toThrow("connection lost");
    expect(await next).toBe(3);
  });
});
