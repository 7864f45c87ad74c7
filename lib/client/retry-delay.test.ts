import { describe, expect, it } from "vitest";
import { retryDelay } from "./retry-delay";

describe("retryDelay", () => {
  it("doubles from one second", () => {
    expect([0, 1, 2, 3].map(retryDelay)).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it("never waits more than thirty seconds", () => {
    expect(retryDelay(5)).toBe(30_000);
    expect(retryDelay(1_000)).toBe(30_000);
  });

  it("treats a negative attempt as the first", () => {
    expect(retryDelay(-1)).toBe(1_000);
  });
});
