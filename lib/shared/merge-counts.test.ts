import { describe, expect, it } from "vitest";
import { mergeCounts } from "./merge-counts";

describe("mergeCounts", () => {
  const shown: Record<string, Record<string, number>> = { p1: { like: 3, clap: 1 }, p2: { like: 1 } };

  it("from the stream, replaces each item's counts, falls included", () => {
    expect(mergeCounts(shown, { p1: { like: 2 } }, false)).toEqual({ p1: { like: 2 }, p2: { like: 1 } });
  });

  it("from a polled snapshot, only raises counts and adds what is new", () => {
    const merged = mergeCounts(shown, { p1: { like: 2, clap: 4, heart: 1 }, p3: { like: 5 } }, true);
    expect(merged).toEqual({ p1: { like: 3, clap: 4, heart: 1 }, p2: { like: 1 }, p3: { like: 5 } });
    expect(shown.p1).toEqual({ like: 3, clap: 1 }); // what was shown is not changed in place
  });
});
