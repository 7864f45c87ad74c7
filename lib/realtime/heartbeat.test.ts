import { afterEach, describe, expect, it, vi } from "vitest";
import { RecordingSink } from "@/test/sink";
import { beatsPerCycle, Broadcaster } from "./broadcaster";
import { heartbeat } from "./sse";

const beat = new TextDecoder().decode(heartbeat);
const beatsOf = (sink: RecordingSink) => sink.writes.filter((w) => w === beat).length;

afterEach(() => {
  vi.useRealTimers();
});

describe("heartbeats", () => {
  it("reach every reader once per cycle, a fifteenth of them each second", async () => {
    vi.useFakeTimers();
    const broadcaster = new Broadcaster(async () => []);
    const sinks = Array.from({ length: 300 }, () => new RecordingSink());
    const leaves = await Promise.all(sinks.map((sink) => broadcaster.subscribe("event", 0, sink)));

    const perSecond: number[] = [];
    for (let second = 0; second < beatsPerCycle * 2; second++) {
      const before = sinks.reduce((sum, sink) => sum + beatsOf(sink), 0);
      await vi.advanceTimersByTimeAsync(1_000);
      perSecond.push(sinks.reduce((sum, sink) => sum + beatsOf(sink), 0) - before);
    }
    // No second sends more than its share: no burst to every reader at once.
    for (const sent of perSecond) expect(sent).toBe(300 / beatsPerCycle);
    // And every reader had exactly one per cycle (15 s), two in 30 s.
    for (const sink of sinks) expect(beatsOf(sink)).toBe(2);
    for (const leave of leaves) leave();
  });
});
