import { describe, expect, it } from "vitest";
import { localDateTimeToIso } from "./local-datetime";

describe("localDateTimeToIso", () => {
  it("turns wall-clock time in the browser's zone into an instant", () => {
    expect(localDateTimeToIso("2026-11-21T18:30", "0")).toBe("2026-11-21T18:30:00.000Z");
    expect(localDateTimeToIso("2026-11-21T18:30", "-60")).toBe("2026-11-21T17:30:00.000Z"); // UTC+1
    expect(localDateTimeToIso("2026-11-21T18:30", "300")).toBe("2026-11-21T23:30:00.000Z"); // UTC-5
  });

  it("hands back what does not parse, for validation to reject", () => {
    expect(localDateTimeToIso("tomorrow", "0")).toBe("tomorrow");
  });
});
