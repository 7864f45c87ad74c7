import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { BadRequestError, ConflictError, IdempotencyKeyReusedError } from "@/lib/errors";
import { deletePost } from "@/lib/posts/delete-post";
import { publishPost, type Published } from "@/lib/posts/publish-post";
import { eventState, makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { waitUntil } from "@/test/wait";
import { idempotentRequest, requestFingerprint, type IdempotencyCaller } from "./idempotent-request";
import { idempotencyKeyLifetimeMs, pruneIdempotencyKeys } from "./prune-idempotency-keys";
import { runIdempotent, type WriteGuard } from "./run-idempotent";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

const request = (eventId: string, key: string, body: unknown, caller: IdempotencyCaller = `user:${owner.id}`) =>
  idempotentRequest({ eventId, caller, key, method: "POST", route: "posts", body });

const respond = ({ post, seq }: Published) => ({ status: 201, body: { id: post.id, seq } });

/** Publishes `body` once per key, as the API and the console do. */
const publishOnce = (eventId: string, key: string, body: string, caller?: IdempotencyCaller) =>
  runIdempotent(request(eventId, key, { body }, caller), respond, (guard) =>
    publishPost(owner, eventId, { body }, guard),
  );

describe("runIdempotent", () => {
  it("answers a repeat of the same request with the first answer, and writes nothing more", async () => {
    const event = await makeEvent(owner);
    const first = await publishOnce(event.id, "key-1", "Goal!");
    const before = await eventState(event.id);
    const again = await publishOnce(event.id, "key-1", "Goal!");

    expect(first).toEqual({ status: 201, body: { id: expect.any(String), seq: 1 }, replayed: false });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await eventState(event.id)).toEqual(before);
    expect(before.posts).toBe(1);
  });

  it("refuses the same key with another request (422) and writes nothing", async () => {
    const event = await makeEvent(owner);
    await publishOnce(event.id, "key-1", "Goal!");
    const before = await eventState(event.id);

    const error = await publishOnce(event.id, "key-1", "Own goal!").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
    expect((error as IdempotencyKeyReusedError).status).toBe(422);
    expect((error as Error).message).toMatch(/already used for a different request/);
    expect(await eventState(event.id)).toEqual(before);
  });

  it("publishes once when two sends of one key race, and answers both alike", async () => {
    const event = await makeEvent(owner);
    const answers = await Promise.all([
      publishOnce(event.id, "race", "Penalty"),
      publishOnce(event.id, "race", "Penalty"),
      publishOnce(event.id, "race", "Penalty"),
    ]);

    const state = await eventState(event.id);
    expect(state.posts).toBe(1);
    expect(state.lastSeq).toBe(1);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
  });

  it("makes a retry wait while the first send is still committing, then answers it with the first's result", async () => {
    const event = await makeEvent(owner);
    const key = `slow-${unique()}`;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let claimed!: () => void;
    const claimedOnce = new Promise<void>((resolve) => (claimed = resolve));

    // The first send holds its transaction open just after taking the key.
    const first = runIdempotent(request(event.id, key, { body: "Red card" }), respond, (guard) =>
      publishPost(owner, event.id, { body: "Red card" }, slowed(guard!, claimed, gate)),
    );
    await claimedOnce;
    let retried = false;
    const retry = publishOnce(event.id, key, "Red card").finally(() => (retried = true));
    // The retry's insert of the same key waits on the first transaction's uncommitted one.
    await waitUntil(async () => (await keyInsertsWaiting()) > 0, { message: "the retry to wait for the key" });
    expect(retried).toBe(false);
    release();

    const [a, b] = await Promise.all([first, retry]);
    expect(a.replayed).toBe(false);
    expect(b).toEqual({ ...a, replayed: true });
    expect((await eventState(event.id)).posts).toBe(1);
  });

  it("scopes keys to the event and the caller", async () => {
    const [one, two] = await Promise.all([makeEvent(owner), makeEvent(owner)]);
    const a = await publishOnce(one.id, "shared", "Kick-off");
    const b = await publishOnce(two.id, "shared", "Kick-off");
    const c = await publishOnce(one.id, "shared", "Kick-off", `token:${unique()}`);
    expect([a.replayed, b.replayed, c.replayed]).toEqual([false, false, false]);
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(3);
    expect((await eventState(one.id)).posts).toBe(2);
  });

  it("keeps no key when the write fails, so a retry writes", async () => {
    const event = await makeEvent(owner);
    const failing = runIdempotent(request(event.id, "k", { body: "Ok" }), respond, async (guard) =>
      publishPost(owner, event.id, { body: "Ok" }, failAfterClaim(guard!)),
    );
    await expect(failing).rejects.toThrow("the connection dropped");
    expect(await db.idempotencyKey.count({ where: { eventId: event.id } })).toBe(0);

    const retry = await publishOnce(event.id, "k", "Ok");
    expect(retry.replayed).toBe(false);
    expect((await eventState(event.id)).posts).toBe(1);
  });

  it("answers a retry from the key even when the write's precondition is gone (a delete's post)", async () => {
    const event = await makeEvent(owner);
    const { post } = await publishPost(owner, event.id, { body: "Oops" });
    const deleteOnce = () =>
      runIdempotent(
        idempotentRequest({
          eventId: event.id,
          caller: `user:${owner.id}`,
          key: "del",
          method: "DELETE",
          route: `posts/${post.id}`,
          body: null,
        }),
        (deleted: { seq: number | null }) => ({ status: 200, body: deleted }),
        async (guard) => {
          const row = await db.post.findFirst({ where: { id: post.id, status: "PUBLISHED" } });
          if (!row) throw new ConflictError("No such post.");
          return deletePost(owner, post.id, guard);
        },
      );
    const first = await deleteOnce();
    const again = await deleteOnce();
    expect(first).toEqual({ status: 200, body: { seq: 2 }, replayed: false });
    expect(again).toEqual({ ...first, replayed: true });
  });

  it("runs the write unguarded without a key", async () => {
    const event = await makeEvent(owner);
    const answers = await Promise.all(
      [1, 2].map(() =>
        runIdempotent(null, respond, (guard) => {
          expect(guard).toBeUndefined();
          return publishPost(owner, event.id, { body: "Twice" }, guard);
        }),
      ),
    );
    expect(answers.map((a) => a.replayed)).toEqual([false, false]);
    expect((await eventState(event.id)).posts).toBe(2);
  });

  it("refuses a write that does not record its answer (a verb ignoring its guard)", async () => {
    const event = await makeEvent(owner);
    const ignoring = runIdempotent(request(event.id, "k", { body: "x" }), respond, () =>
      publishPost(owner, event.id, { body: "x" }),
    );
    await expect(ignoring).rejects.toThrow(/recorded no answer/);
  });
});

describe("idempotentRequest", () => {
  const eventId = "evt";
  const make = (key: string | null) =>
    idempotentRequest({ eventId, caller: "user:u", key, method: "POST", route: "posts", body: {} });

  it.each([
    ["a UUID", "7f1c1f5e-3d6b-4c8e-9a57-2f0b6f3f1a90"],
    ["one character", "x"],
    ["200 characters", "k".repeat(200)],
    ["inner spaces and punctuation", "bot 42: goal@67'!"],
  ])("accepts %s", (_name, key) => {
    expect(make(key)).toMatchObject({ key, eventId, caller: "user:u" });
  });

  it.each([
    ["an empty key", ""],
    ["201 characters", "k".repeat(201)],
    ["a leading space", " key"],
    ["a trailing space", "key "],
    ["a control character", "key\u0001"],
    ["a tab", "a\tb"],
    ["non-ASCII", "clé"],
  ])("refuses %s with a 400", (_name, key) => {
    expect(() => make(key)).toThrow(BadRequestError);
    expect(() => make(key)).toThrow(/1 to 200 printable ASCII characters/);
  });

  it("is null without a key", () => {
    expect(make(null)).toBeNull();
  });

  it("fingerprints the content: key order is not a difference, a value, the method or the route is", () => {
    const base = requestFingerprint("POST", "posts", { body: "a", headline: "b" });
    expect(requestFingerprint("POST", "posts", { headline: "b", body: "a" })).toBe(base);
    expect(requestFingerprint("POST", "posts", { body: "a", headline: "c" })).not.toBe(base);
    expect(requestFingerprint("PATCH", "posts", { body: "a", headline: "b" })).not.toBe(base);
    expect(requestFingerprint("POST", "posts/1", { body: "a", headline: "b" })).not.toBe(base);
    expect(requestFingerprint("POST", "posts", { body: "a", headline: "b", x: null })).not.toBe(base);
  });
});

describe("pruneIdempotencyKeys", () => {
  it("forgets keys older than 24 hours and keeps the others", async () => {
    const event = await makeEvent(owner);
    await publishOnce(event.id, "old", "Then");
    await publishOnce(event.id, "new", "Now");
    const now = new Date();
    await db.idempotencyKey.update({
      where: { eventId_caller_key: { eventId: event.id, caller: `user:${owner.id}`, key: "old" } },
      data: { createdAt: new Date(now.getTime() - idempotencyKeyLifetimeMs - 1_000) },
    });

    expect(await pruneIdempotencyKeys(now)).toBeGreaterThanOrEqual(1);
    const kept = await db.idempotencyKey.findMany({ where: { eventId: event.id }, select: { key: true } });
    expect(kept).toEqual([{ key: "new" }]);
    // Forgotten: the old key publishes afresh.
    expect((await publishOnce(event.id, "old", "Then")).replayed).toBe(false);
  });
});

/** A guard that holds the transaction open after claiming, until `gate` resolves. */
function slowed<T>(guard: WriteGuard<T>, claimed: () => void, gate: Promise<void>): WriteGuard<T> {
  return {
    async claim(tx) {
      await guard.claim(tx);
      claimed();
      await gate;
    },
    record: (tx, result) => guard.record(tx, result),
  };
}

/** A guard whose transaction fails after the key was taken (as a dropped connection would). */
function failAfterClaim<T>(guard: WriteGuard<T>): WriteGuard<T> {
  return {
    async claim(tx) {
      await guard.claim(tx);
      throw new Error("the connection dropped");
    },
    record: (tx, result) => guard.record(tx, result),
  };
}

/** Backends of this database blocked on a lock while inserting an idempotency key. */
async function keyInsertsWaiting(): Promise<number> {
  const [row] = await db.$queryRaw<{ waiting: number }[]>`
    SELECT count(*)::int AS "waiting" FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO%IdempotencyKey%'`;
  return row?.waiting ?? 0;
}
