import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { makeEvent, makeTeam, makeUser, unique } from "@/test/factories";
import { getEventAnalytics } from "./get-event-analytics";
import { writeVotes } from "@/lib/polls/write-votes";
import { writeReactions } from "@/lib/reactions/write-reactions";
import { writeReaderSamples } from "./write-reader-samples";

const t0 = Date.parse("2026-12-05T18:00:00.000Z");
const at = (seconds: number) => new Date(t0 + seconds * 1000);
const seen = (page: number, embed: number, polling: number) => ({ page, embed, polling });

async function post(
  eventId: string,
  authorId: string,
  headline: string | null,
  publishedAt: Date | null,
  status = "PUBLISHED" as const,
) {
  const body = `Body of ${headline ?? "an untitled post"}`;
  return db.post.create({
    data: { eventId, authorId, headline, bodyMarkdown: body, bodyHtml: `<p>${body}</p>`, publishedAt, status },
  });
}

describe("an event's reader analytics", () => {
  it("sums processes per bucket, fills quiet buckets with zeros, and finds the peak", async () => {
    const owner = await makeUser();
    const event = await makeEvent(owner);
    const [a, b] = [`a-${unique()}`, `b-${unique()}`];
    const sample = (p: string, s: number, counts: ReturnType<typeof seen>) =>
      writeReaderSamples(p, new Map([[event.id, counts]]), at(s));
    await sample(a, 0, seen(2, 1, 0));
    await sample(a, 30, seen(5, 2, 1));
    await sample(b, 35, seen(4, 0, 0)); // the same bucket from another process: added
    await sample(a, 40, seen(1, 0, 0)); // fewer, later in the bucket: a keeps its 5/2/1
    // Nobody read at 60 s and 90 s; one reader at 120 s.
    await sample(b, 120, seen(0, 0, 1));
    await post(event.id, owner.id, "Kick-off", at(20));
    await post(event.id, owner.id, null, at(100));
    await post(event.id, owner.id, "Still a draft", null, "DRAFT" as never);

    const analytics = await getEventAnalytics(event.slug, owner.id);
    expect(analytics.bucketMs).toBe(30_000);
    expect(analytics.series).toEqual([
      { at: at(0).toISOString(), page: 2, embed: 1, polling: 0, total: 3 },
      { at: at(30).toISOString(), page: 9, embed: 2, polling: 1, total: 12 },
      { at: at(60).toISOString(), page: 0, embed: 0, polling: 0, total: 0 },
      { at: at(90).toISOString(), page: 0, embed: 0, polling: 0, total: 0 },
      { at: at(120).toISOString(), page: 0, embed: 0, polling: 1, total: 1 },
    ]);
    expect(analytics.peak).toEqual({ at: at(30).toISOString(), readers: 12 });
    expect(analytics.channels).toEqual({
      page: { peak: 9, readerMinutes: 6 }, // (2 + 9) × ½ min = 5.5, rounded
      embed: { peak: 2, readerMinutes: 2 }, // 1.5
      polling: { peak: 1, readerMinutes: 1 },
    });
    expect(analytics.posts).toEqual([
      { id: expect.any(String), label: "Kick-off", publishedAt: at(20).toISOString() },
      { id: expect.any(String), label: "Body of an untitled post", publishedAt: at(100).toISOString() },
    ]);
  });

  it("counts the readers' reactions to published posts, by kind and by post", async () => {
    const owner = await makeUser();
    const event = await makeEvent(owner);
    const kickOff = await post(event.id, owner.id, "Kick-off", at(20));
    const goal = await post(event.id, owner.id, "Goal", at(80));
    const draft = await post(event.id, owner.id, "Still a draft", null, "DRAFT" as never);
    const react = (postId: string, readerId: string, kind: "like" | "wow" | "applause") => ({
      eventId: event.id,
      postId,
      readerId,
      kind,
    });
    await writeReactions([
      react(kickOff.id, "r1", "like"),
      react(goal.id, "r1", "wow"),
      react(goal.id, "r2", "wow"),
      react(goal.id, "r2", "applause"),
      react(goal.id, "r2", "applause"), // a replay: counted once
      react(draft.id, "r3", "like"), // not published: not counted
    ]);

    const { reactions } = await getEventAnalytics(event.slug, owner.id);
    expect(reactions.byKind).toEqual({ like: 1, love: 0, wow: 2, sad: 0, applause: 1 });
    expect(reactions.total).toBe(4);
    expect(reactions.topPosts).toEqual([
      { id: goal.id, label: "Goal", counts: { wow: 2, applause: 1 }, total: 3 },
      { id: kickOff.id, label: "Kick-off", counts: { like: 1 }, total: 1 },
    ]);
  });

  it("gives each poll of a published post its votes by option", async () => {
    const owner = await makeUser();
    const event = await makeEvent(owner);
    const withPoll = async (headline: string, publishedAt: Date | null, status = "PUBLISHED" as const) => {
      const created = await post(event.id, owner.id, headline, publishedAt, status);
      return db.poll.create({
        data: {
          postId: created.id,
          eventId: event.id,
          question: `${headline}?`,
          options: { create: ["Yes", "No", "Maybe"].map((label, position) => ({ label, position })) },
        },
        include: { options: { orderBy: { position: "asc" } } },
      });
    };
    const poll = await withPoll("Should it pass", at(20));
    const hidden = await withPoll("A draft's poll", null, "DRAFT" as never);
    const ballot = (readerId: string, option: number, on = poll) => ({
      eventId: event.id,
      pollId: on.id,
      optionId: on.options[option]!.id,
      readerId,
    });
    await writeVotes([ballot("r1", 0), ballot("r2", 0), ballot("r3", 1), ballot("r1", 1), ballot("r4", 0, hidden)]);

    const { polls } = await getEventAnalytics(event.slug, owner.id);
    expect(polls).toEqual([
      {
        id: poll.id,
        question: "Should it pass?",
        postLabel: "Should it pass",
        publishedAt: at(20).toISOString(),
        closed: false,
        total: 3, // r1's second vote counted nothing
        options: [
          { label: "Yes", votes: 2, percent: 67 },
          { label: "No", votes: 1, percent: 33 },
          { label: "Maybe", votes: 0, percent: 0 },
        ],
      },
    ]);
  });

  it("is empty, with no peak, before anyone has read", async () => {
    const owner = await makeUser();
    const event = await makeEvent(owner);
    const analytics = await getEventAnalytics(event.slug, owner.id);
    expect(analytics.series).toEqual([]);
    expect(analytics.peak).toBeNull();
  });

  it("is for the event's team only: everyone else is told it does not exist", async () => {
    const owner = await makeUser();
    const { event, contributor, outsider, removed } = await makeTeam(owner);
    await expect(getEventAnalytics(event.slug, contributor.id)).resolves.toMatchObject({ event: { id: event.id } });
    await expect(getEventAnalytics(event.slug, outsider.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getEventAnalytics(event.slug, removed.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getEventAnalytics(`no-such-${unique()}`, owner.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
