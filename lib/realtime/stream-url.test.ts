import { describe, expect, it } from "vitest";
import { streamRequestOf } from "./stream-url";

describe("a stream request's URL", () => {
  it("says which page opened it: the event page unless ?via= says the embed or the desk", () => {
    expect(streamRequestOf("/api/events/vote/stream?lastEventId=3", undefined)).toEqual({
      slug: "vote",
      lastEventId: "3",
      via: "page",
    });
    expect(streamRequestOf("/api/events/vote/stream?lastEventId=3&via=embed", "7")).toEqual({
      slug: "vote",
      lastEventId: "7",
      via: "embed",
    });
    expect(streamRequestOf("/api/events/vote/stream?via=desk", undefined)?.via).toBe("desk");
    expect(streamRequestOf("/api/events/vote/stream?via=anything", undefined)?.via).toBe("page");
    expect(streamRequestOf("/api/events/vote/updates", undefined)).toBeNull();
  });
});
