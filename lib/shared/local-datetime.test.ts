import { describe, expect, it } from "vitest";
import { zonedDateTimeToIso } from "./local-datetime";

describe("zonedDateTimeToIso", () => {
  it("reads wall-clock time in the named zone, whatever the machine's zone", () => {
    expect(zonedDateTimeToIso("2026-12-05T21:00", "Pacific/Auckland")).toBe("2026-12-05T08:00:00.000Z"); // NZDT +13
    expect(zonedDateTimeToIso("2026-07-05T21:00", "Pacific/Auckland")).toBe("2026-07-05T09:00:00.000Z"); // NZST +12
    expect(zonedDateTimeToIso("2026-12-05T21:51", "America/Chicago")).toBe("2026-12-06T03:51:00.000Z"); // CST -6
    expect(zonedDateTimeToIso("2026-11-21T18:30", "UTC")).toBe("2026-11-21T18:30:00.000Z");
    expect(zonedDateTimeToIso("2026-11-21T18:30", "Asia/Kolkata")).toBe("2026-11-21T13:00:00.000Z");
  });

  it("resolves daylight-saving gaps and overlaps predictably", () => {
    // 2026-03-08 02:30 does not exist in New York: read with the pre-change offset (-5).
    expect(zonedDateTimeToIso("2026-03-08T02:30", "America/New_York")).toBe("2026-03-08T07:30:00.000Z");
    // 2026-11-01 01:30 happens twice in New York: the earlier (EDT, -4) wins.
    expect(zonedDateTimeToIso("2026-11-01T01:30", "America/New_York")).toBe("2026-11-01T05:30:00.000Z");
  });

  it("hands back what does not parse, for validation to reject", () => {
    expect(zonedDateTimeToIso("tomorrow", "UTC")).toBe("tomorrow");
  });
});
