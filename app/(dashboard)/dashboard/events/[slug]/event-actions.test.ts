import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { idle } from "@/lib/shared/action-state";
import { addMember, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { signInAs } from "@/test/next-request";
import { scheduleAction } from "./event-actions";

vi.mock("@/lib/auth/session", () => import("@/test/next-request").then((m) => m.sessionModule));
vi.mock("next/headers", () => import("@/test/next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("@/test/next-request").then((m) => m.cacheModule));

let owner: TestUser;
let editor: TestUser;

beforeAll(async () => {
  [owner, editor] = await Promise.all([makeUser(), makeUser()]);
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("scheduleAction", () => {
  it("reads 'Starts at' in the event's time zone, whatever offset the browser sends", async () => {
    const event = await makeEvent(owner);
    await addMember(event.id, editor, "EDITOR");
    await db.event.update({ where: { id: event.id }, data: { timeZone: "Pacific/Auckland", status: "DRAFT" } });
    signInAs(editor);
    // 09:00 in Auckland (NZDT, +13) on the next 15 January; a stale offset field is ignored.
    const now = new Date();
    const year = now.getUTCFullYear() + (now.getUTCMonth() > 0 || now.getUTCDate() >= 14 ? 1 : 0);
    const result = await scheduleAction(
      event.slug,
      idle,
      form({ startsAt: `${year}-01-15T09:00`, timeZoneOffset: "300" }),
    );

    expect(result).toEqual({ ok: true, message: "Scheduled." });
    const stored = await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { startsAt: true } });
    expect(stored.startsAt?.toISOString()).toBe(`${year}-01-14T20:00:00.000Z`);
  });

  it("answers a malformed start time with a field error and stores nothing", async () => {
    const event = await makeEvent(owner);
    await addMember(event.id, editor, "EDITOR");
    await db.event.update({ where: { id: event.id }, data: { status: "DRAFT" } });
    signInAs(editor);
    const result = await scheduleAction(event.slug, idle, form({ startsAt: "tomorrow" }));

    expect(result.ok).toBe(false);
    expect(result.fieldErrors?.startsAt?.length).toBeGreaterThan(0);
    const stored = await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { startsAt: true } });
    expect(stored.startsAt).toBeNull();
  });
});
