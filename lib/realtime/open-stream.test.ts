import { beforeAll, describe, expect, it } from "vitest";
import { endEvent } from "@/lib/events/end-event";
import { publishPost } from "@/lib/posts/publish-post";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { openStream, openStreamNow } from "./open-stream";

// openStreamNow is the production server's first question for every reader: it must
// give exactly openStream's answer, or none (then openStream asks Postgres).
describe("openStreamNow", () => {
  let owner: TestUser;
  beforeAll(async () => {
    owner = await makeUser();
  });

  it("has no answer for an event this process has not looked up, then openStream's own", async () => {
    const event = await makeEvent(owner);
    await publishPost(owner, event.id, { body: "Update 1" });
    expect(openStreamNow(event.slug, null)).toBeUndefined();
    const answer = await openStream(event.slug, null);
    expect(answer).toEqual({ kind: "stream", eventId: event.id, cursor: 1, via: "page" });
    expect(openStreamNow(event.slug, null)).toEqual(answer);
    expect(openStreamNow(event.slug, "0")).toEqual({ kind: "stream", eventId: event.id, cursor: 0, via: "page" });
  });

  it("leaves to Postgres a reader ahead of what it knows, and every reader of an ended event", async () => {
    const event = await makeEvent(owner);
    await openStream(event.slug, null); // known at seq 0
    await publishPost(owner, event.id, { body: "Update 1" });
    expect(openStreamNow(event.slug, "1")).toBeUndefined(); // a reset only on a fresh read
    expect(await openStream(event.slug, "1")).toEqual({ kind: "stream", eventId: event.id, cursor: 1, via: "page" });

    const ended = await makeEvent(owner);
    await endEvent(owner, ended.id);
    expect(await openStream(ended.slug, null)).toEqual({ kind: "no-content" }); // now known, as ended
    expect(openStreamNow(ended.slug, null)).toBeUndefined(); // a 204 only on a fresh read
  });

  it("refuses a malformed Last-Event-ID at once, and knows nothing of unknown events", async () => {
    expect(openStreamNow("anything", "soon")).toEqual({
      kind: "text",
      status: 400,
      message: "Last-Event-ID must be a change number.",
    });
    expect(await openStream("no-such-event", null)).toMatchObject({ status: 404 });
    expect(openStreamNow("no-such-event", null)).toBeUndefined(); // not found is never remembered
  });
});
