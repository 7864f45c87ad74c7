import { describe, expect, it } from "vitest";
import { formatDeskTime } from "./format-time";

describe("formatDeskTime", () => {
  // One instant, read on the desks of four newsrooms: the event's clock, and its zone named.
  const instant = "2026-12-23T20:00:00.000Z";
  it.each([
    ["Pacific/Auckland", "24 Dec, 09:00 GMT+13"],
    ["America/New_York", "23 Dec, 15:00 GMT-5"],
    ["Europe/Paris", "23 Dec, 21:00 CET"],
    ["UTC", "23 Dec, 20:00 UTC"],
  ])("in %s: %s", (zone, expected) => {
    expect(formatDeskTime(instant, zone)).toBe(expected);
  });

  it("follows summer time", () => {
    expect(formatDeskTime("2026-07-01T12:00:00.000Z", "Europe/London")).toBe("1 Jul, 13:00 BST");
  });
});
