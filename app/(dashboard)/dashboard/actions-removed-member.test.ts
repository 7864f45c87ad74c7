import { beforeAll, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/test/next-request";
import { db } from "@/lib/db";
import { publishPost } from "@/lib/posts/publish-post";
import { removeMember } from "@/lib/members/remove-member";
import { addMember, eventState, makeEvent, makeUser, type TestUser } from "@/test/factories";
import * as consoleActions from "./events/[slug]/actions";
import * as draftActions from "./events/[slug]/draft-actions";
import * as eventActions from "./events/[slug]/event-actions";
import * as pinActions from "./events/[slug]/pin-actions";
import * as reviewActions from "./events/[slug]/review-actions";
import * as teamActions from "./events/[slug]/team-actions";
import * as tokenActions from "./events/[slug]/api-token-actions";
import EventConsolePage from "./events/[slug]/page";

// A member taken off a team loses access at once, though their session is still good:
// every server action and the console page check the membership on each call. The
// session is next-auth's, so it is the one thing stood in for: "signed in as" (test/next-request.ts).
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  ...(await import("@/test/next-request")).sessionModule,
}));

const idle = { ok: false };
let owner: TestUser;
let removed: TestUser;
let slug: string;
let eventId: string;
let postId: string;
let otherSlug: string;

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

beforeAll(async () => {
  [owner, removed] = await Promise.all([makeUser(), makeUser()]);
  const event = await makeEvent(owner);
  ({ slug } = event);
  eventId = event.id;
  // Still an editor of another event: losing one team must not cost the other.
  const other = await makeEvent(owner);
  otherSlug = other.slug;
  await addMember(event.id, removed, "OWNER");
  await addMember(other.id, removed, "EDITOR");
  postId = (await publishPost(removed, event.id, { body: "Written while on the team" })).post.id;
  // Signed in, on the team: the console opens.
  signInAs(removed);
  await expect(EventConsolePage({ params: Promise.resolve({ slug }) })).resolves.toBeTruthy();
  await removeMember(owner, event.id, removed.id);
});

const actions: [string, () => Promise<unknown>][] = [
  ["publishPostAction", () => consoleActions.publishPostAction(slug, idle, form({ body: "Sneaky" }))],
  ["loadPostSourceAction", () => consoleActions.loadPostSourceAction(postId)],
  ["editPostAction", () => consoleActions.editPostAction(postId, idle, form({ body: "Sneaky", version: "1" }))],
  ["deletePostAction", () => consoleActions.deletePostAction(postId)],
  ["endEventAction", () => consoleActions.endEventAction(slug)],
  ["pinPostAction", () => pinActions.pinPostAction(postId, true)],
  ["setKeyEventAction", () => pinActions.setKeyEventAction(postId, "Sneaky")],
  ["changeStatusAction", () => eventActions.changeStatusAction(slug, "reopen")],
  ["scheduleAction", () => eventActions.scheduleAction(slug, idle, form({ startsAt: "2030-01-01T10:00" }))],
  ["updateSettingsAction", () => eventActions.updateSettingsAction(slug, idle, form({ title: "Sneaky", slug }))],
  ["publishNowAction", () => draftActions.publishNowAction(slug, postId)],
  ["approvePostAction", () => reviewActions.approvePostAction(slug, postId, 1)],
  ["discardPostAction", () => reviewActions.discardPostAction(slug, postId)],
  [
    "inviteMemberAction",
    () => teamActions.inviteMemberAction(slug, idle, form({ email: "x@herald.test", role: "OWNER" })),
  ],
  ["changeRoleAction", () => teamActions.changeRoleAction(slug, owner.id, "CONTRIBUTOR")],
  ["removeMemberAction", () => teamActions.removeMemberAction(slug, owner.id)],
  ["createApiTokenAction", () => tokenActions.createApiTokenAction(slug, idle, form({ name: "Sneaky bot" }))],
];

describe("a member removed from the team, still signed in", () => {
  it.each(actions)("%s is refused and writes nothing", async (_name, run) => {
    signInAs(removed);
    const before = await Promise.all([
      eventState(eventId),
      db.membership.findMany({ where: { eventId }, orderBy: { userId: "asc" } }),
      db.invitation.count({ where: { eventId } }),
      db.apiToken.count({ where: { eventId } }),
      db.event.findUniqueOrThrow({ where: { id: eventId } }),
    ]);
    const result = (await run()) as { ok?: boolean; message?: string } | null;
    expect(result).toMatchObject({ ok: false, message: expect.any(String) });
    expect(result!.message).not.toMatch(/^(Done|Saved|Published)/);
    const after = await Promise.all([
      eventState(eventId),
      db.membership.findMany({ where: { eventId }, orderBy: { userId: "asc" } }),
      db.invitation.count({ where: { eventId } }),
      db.apiToken.count({ where: { eventId } }),
      db.event.findUniqueOrThrow({ where: { id: eventId } }),
    ]);
    expect(after).toEqual(before);
  });

  it("no longer finds the console (404), but still opens the console of the event they remain on", async () => {
    signInAs(removed);
    const error = await EventConsolePage({ params: Promise.resolve({ slug }) }).catch((e: unknown) => e);
    expect(String((error as { digest?: string }).digest)).toContain("404");
    await expect(EventConsolePage({ params: Promise.resolve({ slug: otherSlug }) })).resolves.toBeTruthy();
  });
});
