import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { endEvent } from "@/lib/events/end-event";
import { getEventSnapshot } from "@/lib/events/get-event-snapshot";
import { vote } from "@/lib/polls/vote";
import { addMember, eventState, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { publishDuePosts } from "./publish-due-posts";
import { publishNow, saveDraft, schedulePost } from "./schedule-post";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

// Scheduled times far enough ahead that no run of this file, however slow, reaches them:
// publishDuePosts serves every event in the database, so a post of one test that fell due
// would be published by the next.
const hour = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * hour);
const inAnHour = () => inHours(1).toISOString();
const status = async (id: string) => (await db.post.findUniqueOrThrow({ where: { id } })).status;

describe("drafts and scheduled posts", () => {
  it("keeps drafts and scheduled posts from readers until they are published", async () => {
    const event = await makeEvent(owner);
    const draft = await saveDraft(owner, event.id, { body: "Draft **text**" });
    const scheduled = await schedulePost(owner, event.id, {
      body: "At half-time",
      scheduledFor: inHours(24).toISOString(),
    });
    expect(await status(draft.id)).toBe("DRAFT");
    expect(await status(scheduled.id)).toBe("SCHEDULED");
    expect((await eventState(event.id)).lastSeq).toBe(0);
    expect((await getEventSnapshot(event.slug))!.posts).toEqual([]);

    const { post, seq } = await publishNow(owner, draft.id);
    expect(seq).toBe(1);
    expect(post.html).toContain("<strong>text</strong>");
    await expect(publishNow(owner, draft.id)).rejects.toBeInstanceOf(ConflictError);
  });

  it("publishes scheduled posts when their time comes, once, in time order", async () => {
    const event = await makeEvent(owner);
    const first = await schedulePost(owner, event.id, { body: "First", scheduledFor: inAnHour() });
    const second = await schedulePost(owner, event.id, { body: "Second", scheduledFor: inHours(2).toISOString() });
    expect(await publishDuePosts(new Date())).toBe(0);
    const later = inHours(3);
    // Two processes running the scheduler at once publish each post exactly once. (The
    // scheduler serves every event in the database, other tests' posts included.)
    const results = await Promise.all([publishDuePosts(later), publishDuePosts(later)]);
    expect(results[0]! + results[1]!).toBeGreaterThanOrEqual(2);
    const changes = (await eventState(event.id)).changes;
    expect(changes.map((c) => [c.type, c.postId])).toEqual([
      ["POST_PUBLISHED", first.id],
      ["POST_PUBLISHED", second.id],
    ]);
  });

  it("keeps a post scheduled past the end as a draft, with the reason", async () => {
    const event = await makeEvent(owner);
    const scheduled = await schedulePost(owner, event.id, { body: "Too late", scheduledFor: inAnHour() });
    await endEvent(owner, event.id);
    await publishDuePosts(inHours(2));
    const row = await db.post.findUniqueOrThrow({ where: { id: scheduled.id } });
    expect(row.status).toBe("DRAFT");
    expect(row.reviewNote).toMatch(/ended/);
  });

  it("refuses past times, contributors and strangers", async () => {
    const event = await makeEvent(owner);
    const [contributor, stranger] = [await makeUser(), await makeUser()];
    await addMember(event.id, contributor, "CONTRIBUTOR");
    await expect(
      schedulePost(owner, event.id, { body: "x", scheduledFor: new Date(Date.now() - 1_000).toISOString() }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(schedulePost(owner, event.id, { body: "x", scheduledFor: "soon" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(saveDraft(contributor, event.id, { body: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveDraft(stranger, event.id, { body: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    const draft = await saveDraft(owner, event.id, { body: "mine" });
    await expect(publishNow(contributor, draft.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("keeps a poll with a draft or a scheduled post: no vote until it is published, then it goes out with it", async () => {
    const event = await makeEvent(owner);
    const poll = { question: "Who scores first?", options: ["Home", "Away"] };
    const scheduled = await schedulePost(owner, event.id, { body: "Half-time poll", scheduledFor: inAnHour(), poll });
    const draft = await saveDraft(owner, event.id, {
      body: "A poll for later",
      poll: { ...poll, closesAt: inHours(5).toISOString() },
    });
    const kept = await db.poll.findUniqueOrThrow({
      where: { postId: scheduled.id },
      include: { options: { orderBy: { position: "asc" } } },
    });
    expect(kept.options.map((o) => o.label)).toEqual(["Home", "Away"]);
    const ballot = (postId: string, optionId: string) =>
      vote({ slug: event.slug, postId, optionId, readerToken: () => null, address: "192.0.2.30" });
    await expect(ballot(scheduled.id, kept.options[0]!.id)).rejects.toMatchObject({ status: 404 });

    const { post, seq } = await publishNow(owner, draft.id);
    expect(post.poll).toMatchObject({ question: "Who scores first?", options: [{ label: "Home" }, { label: "Away" }] });
    expect(post.poll!.closesAt).not.toBeNull();
    // Readers get the poll in the post.published change itself.
    const change = (await eventState(event.id)).changes.find((c) => c.seq === seq)!;
    expect((change.data as { post: { poll: { question: string } } }).post.poll.question).toBe("Who scores first?");
    expect(await ballot(draft.id, post.poll!.options[1]!.id)).toMatchObject({ created: true });
  });

  it("refuses a scheduled poll that would close before it is published, and changes nothing", async () => {
    const event = await makeEvent(owner);
    const refused = await schedulePost(owner, event.id, {
      body: "Too short a poll",
      scheduledFor: inHours(3).toISOString(),
      poll: { question: "Ready?", options: ["Yes", "No"], closesAt: inHours(2).toISOString() },
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors.poll).toEqual(["The poll must close after the post is published."]);
    expect(await db.post.count({ where: { eventId: event.id } })).toBe(0);
  });
});
