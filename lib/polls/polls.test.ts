import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { endEvent } from "@/lib/events/end-event";
import { publishPost } from "@/lib/posts/publish-post";
import { Batcher } from "@/lib/tally/batcher";
import { tallyChannel } from "@/lib/tally/channel";
import { newReaderToken } from "@/lib/tally/reader-token";
import { addMember, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { TestListener } from "@/test/listen";
import { waitUntil } from "@/test/wait";
import { closePoll } from "./close-poll";
import { eventPollResults } from "./poll-results";
import { readerPoll } from "./reader-poll";
import { vote } from "./vote";
import { writeVotes, type VoteWrite, type VoteWritten } from "./write-votes";

// Polls: written with their post, a vote counted once per reader and poll whatever is
// replayed or raced, and nothing counted once a close has committed.

let owner: TestUser;
let eventId: string;
let slug: string;

beforeAll(async () => {
  owner = await makeUser();
  ({ id: eventId, slug } = await makeEvent(owner));
});

type Poll = { postId: string; pollId: string; options: string[] };

async function newPoll(options = ["Yes", "No", "Not sure"], closesAt?: string): Promise<Poll> {
  const { post } = await publishPost(owner, eventId, {
    body: "Tell us what you think.",
    poll: { question: "Will it rain?", options, closesAt },
  });
  return { postId: post.id, pollId: post.poll!.id, options: post.poll!.options.map((o) => o.id) };
}

/** A reader holding a token, as their cookie would carry it. */
function reader(): { token: string; readerId: string } {
  const { token, readerId } = newReaderToken(eventId);
  return { token, readerId };
}

const ballot = (poll: Poll, option: string, token: string | null, address = "192.0.2.10") =>
  vote({ slug, postId: poll.postId, optionId: option, readerToken: () => token, address });

const rows = (pollId: string) => db.pollVote.count({ where: { pollId } });

function manualBatcher() {
  return new Batcher<VoteWrite, VoteWritten>({ write: writeVotes, schedule: () => {}, maxBatch: 100_000 });
}

describe("a poll published with its post", () => {
  it("is written with the post, its options in order, and travels in the post's view", async () => {
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    const { post } = await publishPost(owner, eventId, {
      body: "Poll below.",
      poll: { question: "  Best goal? ", options: [" Left foot", "Header", "Penalty "], closesAt },
    });
    expect(post.poll).toMatchObject({ question: "Best goal?", closesAt, closedAt: null });
    expect(post.poll!.options.map((o) => o.label)).toEqual(["Left foot", "Header", "Penalty"]);
    const stored = await db.poll.findUniqueOrThrow({ where: { postId: post.id }, include: { options: true } });
    expect(stored.eventId).toBe(eventId);
    expect(stored.options).toHaveLength(3);
  });

  it.each([
    ["one option", { question: "Q?", options: ["Only"] }, /at least 2/],
    ["seven options", { question: "Q?", options: ["a", "b", "c", "d", "e", "f", "g"] }, /at most 6/],
    ["an empty option", { question: "Q?", options: ["a", "  "] }, /cannot be empty/],
    ["the same option twice", { question: "Q?", options: ["Yes", "yes"] }, /different/],
    ["an overlong option", { question: "Q?", options: ["a", "x".repeat(81)] }, /at most 80/],
    ["no question", { question: " ", options: ["a", "b"] }, /question/],
    ["a past closing time", { question: "Q?", options: ["a", "b"], closesAt: "2020-01-01T00:00:00Z" }, /future/],
    ["a closing time that is no time", { question: "Q?", options: ["a", "b"], closesAt: "soon" }, /not a date/],
  ])("refuses %s, and publishes nothing", async (_label, poll, message) => {
    const before = await db.post.count({ where: { eventId } });
    const error = await publishPost(owner, eventId, { body: "x", poll }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.poll?.join(" ")).toMatch(message);
    expect(await db.post.count({ where: { eventId } })).toBe(before);
  });
});

describe("voting", () => {
  it("counts a reader once: a replay (same token) is answered with their first choice and counts nothing", async () => {
    const poll = await newPoll();
    const { token } = reader();
    const first = await ballot(poll, poll.options[0]!, token);
    expect(first).toMatchObject({ created: true, choice: poll.options[0], counts: { [poll.options[0]!]: 1 } });
    expect(first.issuedToken).toBeUndefined(); // a valid token: no new reader
    const replay = await ballot(poll, poll.options[0]!, token);
    const changed = await ballot(poll, poll.options[1]!, token); // a second vote, for another option
    expect(replay).toMatchObject({ created: false, choice: poll.options[0] });
    expect(changed).toMatchObject({ created: false, choice: poll.options[0], counts: { [poll.options[0]!]: 1 } });
    expect(await rows(poll.pollId)).toBe(1);
  });

  it("issues a token to a reader without one (or with a forged one)", async () => {
    const poll = await newPoll();
    const fresh = await ballot(poll, poll.options[1]!, null);
    expect(fresh.issuedToken).toMatch(/^[\w-]{22}\.[\w-]{43}$/);
    const forged = await ballot(poll, poll.options[1]!, `${"a".repeat(22)}.${"b".repeat(43)}`);
    expect(forged.created).toBe(true);
    expect(forged.issuedToken).not.toBe(fresh.issuedToken);
    // The issued token is the reader from now on.
    expect((await ballot(poll, poll.options[0]!, fresh.issuedToken!)).created).toBe(false);
    expect(await readerPoll(slug, poll.postId, () => fresh.issuedToken!)).toEqual({
      pollId: poll.pollId,
      closed: false,
      choice: poll.options[1],
      counts: { [poll.options[1]!]: 2 },
    });
    expect((await readerPoll(slug, poll.postId, () => null)).choice).toBeNull();
  });

  it("refuses an option of another poll (422) and a post without a poll (404)", async () => {
    const poll = await newPoll();
    const other = await newPoll(["Red", "Blue"]);
    await expect(ballot(poll, other.options[0]!, reader().token)).rejects.toMatchObject({ status: 422 });
    await expect(ballot(poll, 42 as unknown as string, reader().token)).rejects.toMatchObject({ status: 422 });
    const { post } = await publishPost(owner, eventId, { body: "No poll here." });
    await expect(
      vote({ slug, postId: post.id, optionId: "x", readerToken: () => null, address: "192.0.2.1" }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await rows(poll.pollId)).toBe(0);
  });

  it("is exact with two processes' batchers racing, readers sent through both", async () => {
    const poll = await newPoll();
    const a = manualBatcher();
    const b = manualBatcher();
    const item = (i: number) => ({ eventId, pollId: poll.pollId, optionId: poll.options[i % 3]!, readerId: `r${i}` });
    // Readers 0–299 go to A, 200–499 to B: 100 of them through both, as a retry through another process would.
    const viaA = Array.from({ length: 300 }, (_, i) => a.add(item(i)));
    const viaB = Array.from({ length: 300 }, (_, i) => b.add(item(i + 200)));
    await Promise.all([a.flush(), b.flush()]);
    const results = await Promise.all([...viaA, ...viaB]);
    expect(results.filter((r) => r.created)).toHaveLength(500);
    expect(results.every((r) => r.choice !== null && !r.closed)).toBe(true);
    expect(await rows(poll.pollId)).toBe(500);
    const counts = (await eventPollResults(eventId))[poll.pollId]!;
    expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(500);
  });

  it("notifies the tally channel as polls:<event> on commit, not for a batch of replays", async () => {
    const poll = await newPoll();
    const listener = await TestListener.start(tallyChannel);
    try {
      const batcher = manualBatcher();
      const item = { eventId, pollId: poll.pollId, optionId: poll.options[0]!, readerId: "n0" };
      const first = batcher.add(item);
      await batcher.flush();
      await first;
      await waitUntil(() => listener.received.length > 0);
      expect(listener.received.map((n) => n.payload)).toEqual([`polls:${eventId}`]);
      const replay = batcher.add(item);
      await batcher.flush();
      await replay;
      const marker = batcher.add({ ...item, readerId: "marker" });
      await batcher.flush();
      await marker;
      await waitUntil(() => listener.received.length > 1);
      expect(listener.received).toHaveLength(2);
    } finally {
      await listener.close();
    }
  });
});

describe("closing a poll", () => {
  it("is for the event's editors and owners only", async () => {
    const poll = await newPoll();
    const contributor = await makeUser();
    await addMember(eventId, contributor, "CONTRIBUTOR");
    const stranger = await makeUser();
    await expect(closePoll(contributor, poll.postId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(closePoll(stranger, poll.postId)).rejects.toBeInstanceOf(ForbiddenError);
    const editor = await makeUser();
    await addMember(eventId, editor, "EDITOR");
    expect((await closePoll(editor, poll.postId)).closed).toBe(true);
    expect((await closePoll(owner, poll.postId)).closed).toBe(false); // closing a closed poll changes nothing
  });

  it("freezes it: votes are refused (409), results stay, readers get the post with closedAt", async () => {
    const poll = await newPoll();
    await ballot(poll, poll.options[2]!, reader().token);
    const { seq } = await closePoll(owner, poll.postId);
    const change = await db.change.findFirstOrThrow({ where: { eventId, seq: seq! } });
    expect(change.type).toBe("POST_UPDATED");
    expect((change.data as { post: { poll: { closedAt: string | null } } }).post.poll.closedAt).toBeTruthy();
    const refused = await ballot(poll, poll.options[0]!, reader().token).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as Error).message).toMatch(/closed/);
    expect(await rows(poll.pollId)).toBe(1);
    expect(await readerPoll(slug, poll.postId, () => null)).toMatchObject({
      closed: true,
      counts: { [poll.options[2]!]: 1 },
    });
  });

  it("refuses votes once its closing time has passed", async () => {
    const poll = await newPoll(["a", "b"], new Date(Date.now() + 60_000).toISOString());
    await db.poll.update({ where: { id: poll.pollId }, data: { closesAt: new Date(Date.now() - 1_000) } });
    await expect(ballot(poll, poll.options[0]!, reader().token)).rejects.toMatchObject({ status: 409 });
    // The write checks again: a vote that passed the first check counts nothing either.
    const batcher = manualBatcher();
    const late = batcher.add({ eventId, pollId: poll.pollId, optionId: poll.options[0]!, readerId: "late" });
    await batcher.flush();
    expect(await late).toMatchObject({ created: false, closed: true });
    expect(await rows(poll.pollId)).toBe(0);
  });

  it("counts nothing once the event has ended, though the vote's look-up was made before", async () => {
    const other = await makeEvent(owner);
    const { post } = await publishPost(owner, other.id, {
      body: "Last question.",
      poll: { question: "Man of the match?", options: ["A", "B"] },
    });
    const option = post.poll!.options[0]!.id;
    const cast = () =>
      vote({ slug: other.slug, postId: post.id, optionId: option, readerToken: () => null, address: "192.0.2.20" });
    await cast(); // the look-up, kept for a second (lib/tally/target-cache.ts)
    await endEvent(owner, other.id);
    await expect(cast()).rejects.toMatchObject({ status: 409 });
    expect(await rows(post.poll!.id)).toBe(1);
  });

  it("counts exactly the votes answered as counted when a close races a storm", async () => {
    const poll = await newPoll();
    const batchers = [manualBatcher(), manualBatcher(), manualBatcher(), manualBatcher()];
    const pending = batchers.flatMap((batcher, b) =>
      Array.from({ length: 100 }, (_, i) =>
        batcher.add({ eventId, pollId: poll.pollId, optionId: poll.options[i % 3]!, readerId: `s${b}-${i}` }),
      ),
    );
    // Two batches before the close, the close, two after: some votes count, the rest are refused.
    const flushes = [batchers[0]!.flush(), batchers[1]!.flush()];
    const closed = closePoll(owner, poll.postId);
    await closed;
    flushes.push(batchers[2]!.flush(), batchers[3]!.flush());
    await Promise.all(flushes);
    const results = await Promise.all(pending);
    const counted = results.filter((r) => r.created).length;
    expect(results.slice(200).every((r) => r.closed)).toBe(true); // flushed after the close committed
    expect(await rows(poll.pollId)).toBe(counted);
    const after = manualBatcher();
    const late = after.add({ eventId, pollId: poll.pollId, optionId: poll.options[0]!, readerId: "after" });
    await after.flush();
    expect((await late).closed).toBe(true);
    expect(await rows(poll.pollId)).toBe(counted);
  });
});
