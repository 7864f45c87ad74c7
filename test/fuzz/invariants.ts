import { expect } from "vitest";
import { db } from "@/lib/db";

/**
 * The change log of an event is whole: sequence numbers 1…lastSeq without a gap, and
 * every published post was announced. A half-written change would break one of these.
 */
export async function expectWholeChangeLog(eventId: string): Promise<void> {
  const [event, changes, published] = await Promise.all([
    db.event.findUniqueOrThrow({ where: { id: eventId }, select: { lastSeq: true } }),
    db.change.findMany({
      where: { eventId },
      select: { seq: true, postId: true, type: true },
      orderBy: { seq: "asc" },
    }),
    db.post.findMany({ where: { eventId, status: "PUBLISHED" }, select: { id: true } }),
  ]);
  expect(changes.map((c) => c.seq)).toEqual(Array.from({ length: event.lastSeq }, (_, i) => i + 1));
  const announced = new Set(changes.filter((c) => c.type === "POST_PUBLISHED").map((c) => c.postId));
  for (const post of published) expect(announced.has(post.id), `post ${post.id} published without a change`).toBe(true);
}

/** An answer a fuzzed route may give: any status but 5xx, and an error that says something. */
export async function expectCleanAnswer(response: Response, what: string): Promise<void> {
  expect(response.status, `${what} → ${response.status}`).toBeLessThan(500);
  expect(response.status, what).toBeGreaterThanOrEqual(200);
  if (response.status >= 400) {
    const text = await response.text();
    expect(text.trim().length, `${what}: ${response.status} without a message`).toBeGreaterThan(0);
  } else {
    await response.body?.cancel();
  }
}
