import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { targetCache, targetTtlMs } from "./target-cache";

// The look-up a vote or reaction makes before its batch (the batch's own checks are tested in
// lib/polls/polls.test.ts and lib/reactions/reactions.test.ts).

function counted() {
  const loads: string[] = [];
  const load = async (slug: string, postId: string) => {
    loads.push(`${slug}/${postId}`);
    if (postId === "missing") throw new NotFoundError("No such update.");
    return { eventId: `event-of-${slug}` };
  };
  return { loads, load };
}

describe("targetCache", () => {
  it("asks once for concurrent look-ups of one target, and once per target", async () => {
    const { loads, load } = counted();
    const find = targetCache(load);
    const found = await Promise.all([find("final", "p1"), find("final", "p1"), find("final", "p2")]);
    expect(found).toEqual([
      { eventId: "event-of-final" },
      { eventId: "event-of-final" },
      { eventId: "event-of-final" },
    ]);
    expect(loads).toEqual(["final/p1", "final/p2"]);
    await find("final", "p1");
    expect(loads).toHaveLength(2);
  });

  it("keeps a target for a second, and never a refusal", async () => {
    const { loads, load } = counted();
    let now = 1_000_000;
    const find = targetCache(load, { now: () => now });
    await find("final", "p1");
    now += targetTtlMs - 1;
    await find("final", "p1");
    expect(loads).toEqual(["final/p1"]);
    now += 2;
    await find("final", "p1");
    expect(loads).toEqual(["final/p1", "final/p1"]);

    await expect(find("final", "missing")).rejects.toBeInstanceOf(NotFoundError);
    await expect(find("final", "missing")).rejects.toBeInstanceOf(NotFoundError);
    expect(loads.filter((key) => key.endsWith("missing"))).toHaveLength(2);
  });
});
