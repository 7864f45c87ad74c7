import { beforeAll, describe, expect, it } from "vitest";
import { createEvent } from "@/lib/events/create-event";
import { endEvent } from "@/lib/events/end-event";
import { publishPost } from "@/lib/posts/publish-post";
import { saveDraft } from "@/lib/posts/schedule-post";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { GET as postImage } from "../p/[id]/share.png/route";
import { GET as eventImage } from "./route";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

const getEventImage = (slug: string) =>
  eventImage(new Request(`http://localhost/e/${slug}/share.png`), { params: Promise.resolve({ slug }) });
const getPostImage = (slug: string, id: string) =>
  postImage(new Request(`http://localhost/e/${slug}/p/${id}/share.png`), { params: Promise.resolve({ slug, id }) });

/** A PNG of the share card's size: the signature, then the IHDR chunk's width and height. */
async function expectShareCard(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("image/png");
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 630]);
}

describe("GET /e/[slug]/share.png and /e/[slug]/p/[id]/share.png", () => {
  it("draws a card for a live event and for each of its published updates", async () => {
    const event = await makeEvent(owner, { title: `Launch <day> & night 🚀 ${unique()}`, description: "All of it" });
    const { post } = await publishPost(owner, event.id, { body: "It is out **now**." });
    await expectShareCard(await getEventImage(event.slug));
    await expectShareCard(await getPostImage(event.slug, post.id));
  });

  it("draws a card for an ended event", async () => {
    const event = await makeEvent(owner);
    const { post } = await publishPost(owner, event.id, { body: "Over", headline: "The end" });
    await endEvent(owner, event.id);
    await expectShareCard(await getEventImage(event.slug));
    await expectShareCard(await getPostImage(event.slug, post.id));
  });

  it("is a 404 for a draft event, its posts, unknown events and posts readers cannot see", async () => {
    const draft = await createEvent(owner, {
      title: "Secret",
      slug: `secret-${unique()}`,
      description: "",
      draft: true,
    });
    const { post: hidden } = await publishPost(owner, draft.id, { body: "Not public" });
    expect((await getEventImage(draft.slug)).status).toBe(404);
    expect((await getPostImage(draft.slug, hidden.id)).status).toBe(404);

    const event = await makeEvent(owner);
    const other = await makeEvent(owner);
    const { post: elsewhere } = await publishPost(owner, other.id, { body: "Another event's" });
    const unpublished = await saveDraft(owner, event.id, { body: "Not yet" });
    expect((await getPostImage(event.slug, elsewhere.id)).status).toBe(404);
    expect((await getPostImage(event.slug, unpublished.id)).status).toBe(404);
    expect((await getPostImage(event.slug, "Not An Id!")).status).toBe(404);
    expect((await getEventImage(`nope-${unique()}`)).status).toBe(404);
    expect((await getEventImage("Not A Slug!")).status).toBe(404);
  });
});
