import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from "vitest";
import pg from "pg";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { addMember, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { dataOf, SseReader } from "@/test/sse";
import { sleep, waitUntil } from "@/test/wait";
import { publishReaderCounts } from "@/lib/realtime/reader-counts";
import { presenceChannel, PresenceHub, presencePayload, type PresenceSnapshot } from "./hub";
import { BadRequestError } from "@/lib/errors";
import { presenceStream, requirePresenceMember, sendHeartbeat } from "./presence";

// "Process 1" sends heartbeats (sendHeartbeat: a real pg_notify); "process 2" is a
// PresenceHub fed by a LISTEN connection of its own, as the process listener feeds its hub.
let owner: TestUser;
let ana: TestUser;
let ben: TestUser;
let outsider: TestUser;
let event: { id: string; slug: string };
let client: pg.Client;
let hub: PresenceHub;
/** The hub's clock: it moves only when a test moves it (the real one races the NOTIFYs). */
let clock = 1_000_000;
/** The presence payloads the hub has received (other test files' included). */
const heard: string[] = [];
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  [owner, ana, ben, outsider] = await Promise.all([
    makeUser({ name: "Olga Owner" }),
    makeUser({ name: "Ana" }),
    makeUser({ name: "Ben" }),
    makeUser({ name: "Otto Outsider" }),
  ]);
  event = await makeEvent(owner);
  await addMember(event.id, ana, "EDITOR");
  await addMember(event.id, ben, "CONTRIBUTOR");
  hub = new PresenceHub({ timeoutMs: 600, now: () => clock });
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  client.on("notification", (message) => {
    if (message.channel !== presenceChannel) return;
    heard.push(message.payload ?? "");
    hub.receive(message.payload);
  });
  await client.connect();
  await client.query(`LISTEN ${presenceChannel}`);
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  hub.stop();
  await client.end();
});

function record(eventId: string): PresenceSnapshot[] {
  const snapshots: PresenceSnapshot[] = [];
  cleanups.push(hub.subscribe(eventId, (snapshot) => snapshots.push(snapshot)));
  return snapshots;
}

const last = (snapshots: PresenceSnapshot[]) => snapshots.at(-1)?.members ?? null;

describe("presence across processes", () => {
  it("delivers a member's heartbeat, with their name and typing flag, then drops them after the timeout", async () => {
    const snapshots = record(event.id);
    await waitUntil(() => snapshots.length === 1, { message: "the first snapshot" });
    expect(last(snapshots)).toEqual([]);

    await sendHeartbeat(ana, event.slug, { typing: false });
    await waitUntil(() => last(snapshots)?.length === 1, { message: "Ana to appear" });
    expect(last(snapshots)).toEqual([{ id: ana.id, name: "Ana", typing: false }]);

    await sendHeartbeat(ben, event.slug, { typing: true });
    await waitUntil(() => last(snapshots)?.length === 2, { message: "Ben to appear" });
    expect(last(snapshots)).toEqual([
      { id: ana.id, name: "Ana", typing: false },
      { id: ben.id, name: "Ben", typing: true },
    ]);

    await sendHeartbeat(ana, event.slug, { typing: true });
    await waitUntil(() => last(snapshots)?.[0]?.typing === true, { message: "Ana to be typing" });

    // A repeated heartbeat with nothing new publishes nothing.
    const count = snapshots.length;
    const repeated = presencePayload(event.id, ana.id, true);
    const heardBefore = heard.filter((payload) => payload === repeated).length;
    await sendHeartbeat(ana, event.slug, { typing: true });
    await waitUntil(() => heard.filter((payload) => payload === repeated).length > heardBefore, {
      message: "the repeated heartbeat",
    });
    await sleep(50); // a snapshot it published would be here now
    expect(snapshots.length).toBe(count);
    // No more heartbeats: both are still there 599 ms later by the hub's clock, and gone
    // once the (injected) 600 ms timeout has passed.
    clock += 599;
    hub.sweep();
    expect(last(snapshots)).toHaveLength(2);
    clock += 1;
    hub.sweep();
    await waitUntil(() => last(snapshots)?.length === 0, { message: "everyone to time out" });
    expect(snapshots.length).toBeGreaterThan(count);
  });

  it("keeps events apart", async () => {
    const other = await makeEvent(owner);
    const snapshots = record(other.id);
    await sendHeartbeat(ana, event.slug, { typing: false });
    await sendHeartbeat(owner, other.slug, { typing: false });
    await waitUntil(() => last(snapshots)?.length === 1, { message: "the owner to appear" });
    expect(last(snapshots)).toEqual([{ id: owner.id, name: "Olga Owner", typing: false }]);
  });

  it("ignores malformed payloads", async () => {
    const local = new PresenceHub({ timeoutMs: 1_000, lookupNames: async (ids) => new Map(ids.map((id) => [id, id])) });
    for (const payload of [undefined, "", "e", "e:u", "e:u:2", "e:u:1:x", ":u:1"]) local.receive(payload);
    local.receive("e:u:1");
    expect(await local.snapshot("e")).toEqual({ members: [{ id: "u", name: "u", typing: true }] });
    local.stop();
  });
});

describe("who may be present", () => {
  it.each<Role>(["OWNER", "EDITOR", "CONTRIBUTOR"])("lets a %s in", async (role) => {
    const member = await makeUser();
    const own = await makeEvent(owner);
    if (role !== "OWNER") await addMember(own.id, member, role);
    const actor = role === "OWNER" ? owner : member;
    await expect(requirePresenceMember(actor, own.slug)).resolves.toEqual({ eventId: own.id });
    await expect(sendHeartbeat(actor, own.slug, { typing: false })).resolves.toBeUndefined();
  });

  it("refuses non-members (403), unknown events (404) and bad bodies (400)", async () => {
    await expect(sendHeartbeat(outsider, event.slug, { typing: false })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      presenceStream(new Request("http://localhost/"), { actor: outsider, version: 0 }, event.slug, hub),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(sendHeartbeat(ana, "no-such-event-here", { typing: false })).rejects.toBeInstanceOf(NotFoundError);
    for (const body of [null, "typing", {}, { typing: "yes" }, [true]]) {
      await expect(sendHeartbeat(ana, event.slug, body)).rejects.toBeInstanceOf(BadRequestError);
    }
  });
});

describe("the presence stream", () => {
  it("sends who I am, then a snapshot whenever presence changes", async () => {
    const controller = new AbortController();
    const response = await presenceStream(
      new Request("http://localhost/", { signal: controller.signal }),
      { actor: ana, version: 0 },
      event.slug,
      hub,
    );
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = new SseReader(response.body);
    cleanups.push(
      () => controller.abort(),
      () => reader.cancel(),
    );
    await sendHeartbeat(ben, event.slug, { typing: true });
    const { met, events } = await reader.until((all) =>
      all.some((e) => e.event === "presence" && dataOf<PresenceSnapshot>(e).members.some((m) => m.id === ben.id)),
    );
    expect(met).toBe(true);
    const named = events.filter((e) => e.event !== "");
    expect(named[0]?.event).toBe("self"); // the retry: block before it has no event name
    expect(dataOf(named[0]!)).toEqual({ id: ana.id });
    const presence = events.filter((e) => e.event === "presence").map((e) => dataOf<PresenceSnapshot>(e));
    expect(presence.at(-1)!.members.find((m) => m.id === ben.id)).toEqual({ id: ben.id, name: "Ben", typing: true });
  });
});

describe("readers in the presence stream", () => {
  it("sends the event's readers across processes, and again when the number changes", async () => {
    const own = await makeEvent(owner);
    const p1 = `p1-${own.id}`;
    await publishReaderCounts(p1, new Map([[own.id, 4]]));
    const controller = new AbortController();
    const response = await presenceStream(
      new Request("http://localhost/", { signal: controller.signal }),
      { actor: owner, version: 0 },
      own.slug,
      hub,
      50,
    );
    const reader = new SseReader(response.body);
    cleanups.push(
      () => controller.abort(),
      () => reader.cancel(),
      () => publishReaderCounts(p1, new Map()),
    );
    const readers = () => reader.events.filter((e) => e.event === "readers").map((e) => dataOf(e));
    expect((await reader.until(() => readers().length >= 1)).met).toBe(true);
    expect(readers()[0]).toEqual({ readers: 4 });
    await publishReaderCounts(`p2-${own.id}`, new Map([[own.id, 3]]));
    cleanups.push(() => publishReaderCounts(`p2-${own.id}`, new Map()));
    expect((await reader.until(() => readers().length >= 2)).met).toBe(true);
    expect(readers()).toEqual([{ readers: 4 }, { readers: 7 }]);
  });
});
