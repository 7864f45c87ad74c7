import { describe, expect, it } from "vitest";
import type { ChangeData } from "@/lib/shared/types";
import { notifyPayload, parseNotifyPayload } from "./notify";

const postData = (body: string): ChangeData => ({
  post: {
    id: "p1",
    headline: null,
    html: `<p>${body}</p>`,
    authorName: "Ada",
    publishedAt: "2026-11-22T10:00:00.000Z",
    editedAt: null,
    pinned: false,
    keyLabel: null,
  },
});

describe("NOTIFY payloads", () => {
  it("carry a change that fits, and give it back with its seq", () => {
    const payload = notifyPayload("ev1", 7, { type: "post.published", data: postData("Goal! ünïcode ✓") });
    expect(payload.startsWith("ev1:7:{")).toBe(true);
    expect(parseNotifyPayload(payload)).toEqual({
      eventId: "ev1",
      seq: 7,
      change: { ...postData("Goal! ünïcode ✓"), type: "post.published", seq: 7 },
    });
  });

  it("carry only the id and seq when the change would not fit in 8000 bytes", () => {
    // Multi-byte characters: the limit is in bytes, not characters.
    const payload = notifyPayload("ev1", 8, { type: "post.published", data: postData("€".repeat(2_700)) });
    expect(payload).toBe("ev1:8");
    expect(parseNotifyPayload(payload)).toEqual({ eventId: "ev1", seq: 8 });
    const fits = notifyPayload("ev1", 9, { type: "post.published", data: postData("€".repeat(2_500)) });
    expect(Buffer.byteLength(fits)).toBeLessThan(8_000);
    expect(parseNotifyPayload(fits)?.change).toBeDefined();
  });

  it("refuses what is not a payload, and falls back to the change log for a garbled change", () => {
    for (const bad of ["", "ev1", ":3", "ev1:x", "ev1:1.5"]) expect(parseNotifyPayload(bad)).toBeNull();
    expect(parseNotifyPayload("ev1:3:{not json")).toEqual({ eventId: "ev1", seq: 3 });
  });
});
