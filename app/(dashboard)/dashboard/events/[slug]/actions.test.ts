import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { idle } from "@/lib/shared/action-state";
import { addMember, eventState, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { signInAs } from "@/test/next-request";
import { deletePostAction, publishPostAction, restorePostAction } from "./actions";

vi.mock("@/lib/auth/session", () => import("@/test/next-request").then((m) => m.sessionModule));
vi.mock("next/headers", () => import("@/test/next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("@/test/next-request").then((m) => m.cacheModule));

// The composer's action with the idempotency key the composer sends (components/composer.tsx):
// however often one form is sent, one post.
let owner: TestUser;
let editor: TestUser;
let contributor: TestUser;

beforeAll(async () => {
  [owner, editor, contributor] = await Promise.all([makeUser(), makeUser(), makeUser()]);
});

async function newEvent() {
  const event = await makeEvent(owner);
  await addMember(event.id, editor, "EDITOR");
  await addMember(event.id, contributor, "CONTRIBUTOR");
  return event;
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

const inAnHour = () => {
  const d = new Date(Date.now() + 3_600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const local = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return { scheduledFor: local, timeZoneOffset: "0" };
};

describe("publishPostAction with the composer's idempotency key", () => {
  it.each([
    ["publish", "owner", { intent: "publish" }, "PUBLISHED", "Published."],
    ["save as a draft", "owner", { intent: "draft" }, "DRAFT", "Saved as a draft."],
    ["schedule", "editor", { intent: "schedule", ...inAnHour() }, "SCHEDULED", "Scheduled."],
    ["send for review", "contributor", { intent: "publish" }, "SUBMITTED", "Sent to the editors."],
  ] as const)("%s: the same form sent twice writes one post", async (_name, who, fields, status, message) => {
    const event = await newEvent();
    signInAs({ owner, editor, contributor }[who]);
    const sent = form({ body: "Breaking", headline: "", ...fields, idempotencyKey: "composer-1" });

    const first = await publishPostAction(event.slug, idle, sent);
    const second = await publishPostAction(event.slug, idle, sent);

    expect(first).toEqual({ ok: true, message });
    expect(second).toEqual(first);
    const posts = await db.post.findMany({ where: { eventId: event.id }, select: { status: true } });
    expect(posts).toEqual([{ status }]);
  });

  it("a double click (two sends at once) publishes once, and both are told it was published", async () => {
    const event = await newEvent();
    signInAs(owner);
    const sent = () => form({ body: "Double click", intent: "publish", idempotencyKey: "composer-2" });
    const answers = await Promise.all([
      publishPostAction(event.slug, idle, sent()),
      publishPostAction(event.slug, idle, sent()),
    ]);
    expect(answers).toEqual([
      { ok: true, message: "Published." },
      { ok: true, message: "Published." },
    ]);
    const state = await eventState(event.id);
    expect(state.posts).toBe(1);
    expect(state.lastSeq).toBe(1);
  });

  it("refuses the key sent again with other content, keeping the text, and writes nothing", async () => {
    const event = await newEvent();
    signInAs(owner);
    await publishPostAction(event.slug, idle, form({ body: "First", intent: "publish", idempotencyKey: "k" }));
    const before = await eventState(event.id);

    const answer = await publishPostAction(
      event.slug,
      idle,
      form({ body: "Changed", intent: "publish", idempotencyKey: "k" }),
    );
    expect(answer).toMatchObject({ ok: false, message: expect.stringMatching(/already sent once/) });
    expect(answer.values?.body).toBe("Changed");
    expect(await eventState(event.id)).toEqual(before);
  });

  it("keeps each editor's keys apart, and publishes every send without a key", async () => {
    const event = await newEvent();
    const sent = (key: string) => form({ body: "Same words", intent: "publish", idempotencyKey: key });
    signInAs(owner);
    expect(await publishPostAction(event.slug, idle, sent("shared"))).toMatchObject({ ok: true });
    signInAs(editor);
    expect(await publishPostAction(event.slug, idle, sent("shared"))).toMatchObject({ ok: true });
    expect(await publishPostAction(event.slug, idle, sent(""))).toMatchObject({ ok: true });
    expect(await publishPostAction(event.slug, idle, sent(""))).toMatchObject({ ok: true });
    expect((await eventState(event.id)).posts).toBe(4);
  });

  it("answers a malformed key with a message, and writes nothing", async () => {
    const event = await newEvent();
    signInAs(owner);
    const answer = await publishPostAction(
      event.slug,
      idle,
      form({ body: "x", intent: "publish", idempotencyKey: "k".repeat(201) }),
    );
    expect(answer).toMatchObject({ ok: false, message: expect.stringMatching(/printable ASCII/) });
    expect((await eventState(event.id)).posts).toBe(0);
  });
});

describe("publishPostAction scheduling", () => {
  it("reads 'Publish at' in the event's time zone, not the browser's offset", async () => {
    const event = await newEvent();
    await db.event.update({ where: { id: event.id }, data: { timeZone: "Pacific/Auckland" } });
    signInAs(editor);
    // A browser in New York (offset 300) must not shift the time: 09:00 in Auckland (NZDT, +13)
    // on the next 15 January, which is always within the year scheduling allows.
    const now = new Date();
    const year = now.getUTCFullYear() + (now.getUTCMonth() > 0 || now.getUTCDate() >= 14 ? 1 : 0);
    const sent = form({
      body: "Later",
      headline: "",
      intent: "schedule",
      scheduledFor: `${year}-01-15T09:00`,
      timeZoneOffset: "300",
    });

    expect(await publishPostAction(event.slug, idle, sent)).toEqual({ ok: true, message: "Scheduled." });
    const post = await db.post.findFirstOrThrow({ where: { eventId: event.id }, select: { scheduledFor: true } });
    expect(post.scheduledFor?.toISOString()).toBe(`${year}-01-14T20:00:00.000Z`);
  });
});

describe("publishPostAction with a poll", () => {
  const poll = { pollQuestion: "Who wins?", pollOption1: "Home", pollOption2: "Away" };

  it.each([
    ["publish", { intent: "publish" }, "PUBLISHED"],
    ["save as a draft", { intent: "draft" }, "DRAFT"],
    ["schedule", { intent: "schedule", ...inAnHour() }, "SCHEDULED"],
  ] as const)("%s: the post keeps its poll", async (_name, fields, status) => {
    const event = await newEvent();
    signInAs(editor);
    const said = await publishPostAction(
      event.slug,
      idle,
      form({ body: "Vote now", headline: "", ...fields, ...poll }),
    );
    expect(said.ok).toBe(true);
    const post = await db.post.findFirstOrThrow({
      where: { eventId: event.id },
      select: { status: true, poll: { select: { question: true, options: { select: { label: true } } } } },
    });
    expect(post.status).toBe(status);
    expect(post.poll?.question).toBe("Who wins?");
    expect(post.poll?.options.map((o) => o.label).sort()).toEqual(["Away", "Home"]);
  });

  it("refuses a contributor's poll with a message, keeps what was typed and writes nothing", async () => {
    const event = await newEvent();
    signInAs(contributor);
    const sent = form({ body: "My poll", headline: "", intent: "publish", ...poll });
    const refused = await publishPostAction(event.slug, idle, sent);
    expect(refused).toMatchObject({ ok: false, fieldErrors: { poll: ["Ask an editor to add the poll."] } });
    expect(refused.values).toMatchObject({ body: "My poll", pollQuestion: "Who wins?" });
    expect(await db.post.count({ where: { eventId: event.id } })).toBe(0);
  });
});

describe("restorePostAction", () => {
  it("lets an owner or editor undo a delete; refuses a contributor, a stranger and no session", async () => {
    const event = await newEvent();
    const stranger = await makeUser();
    const post = await db.post.create({
      data: { eventId: event.id, authorId: owner.id, bodyMarkdown: "x", bodyHtml: "<p>x</p>", publishedAt: new Date() },
    });
    signInAs(owner);
    expect((await deletePostAction(post.id)).ok).toBe(true);
    for (const who of [contributor, stranger, null]) {
      signInAs(who);
      const refused = await restorePostAction(post.id);
      expect(refused.ok).toBe(false);
      expect(refused.message).toBeTruthy();
    }
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("DELETED");
    signInAs(editor);
    expect(await restorePostAction(post.id)).toMatchObject({ ok: true });
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("PUBLISHED");
    expect((await eventState(event.id)).changes.map((c) => c.type)).toEqual(["POST_DELETED", "POST_PUBLISHED"]);
    // Undone once: a second undo is refused with a message.
    expect(await restorePostAction(post.id)).toMatchObject({ ok: false });
  });
});
