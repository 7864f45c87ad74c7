import { beforeAll, describe, expect, it, vi } from "vitest";
import { UnauthorizedError } from "@/lib/errors";
import { publishPost } from "@/lib/posts/publish-post";
import { db } from "@/lib/db";
import { eventState, makeEvent, makeUser } from "@/test/factories";
import { createEventAction } from "./actions";
import * as consoleActions from "./events/[slug]/actions";
import * as draftActions from "./events/[slug]/draft-actions";
import * as eventActions from "./events/[slug]/event-actions";
import * as pinActions from "./events/[slug]/pin-actions";
import * as reviewActions from "./events/[slug]/review-actions";
import * as teamActions from "./events/[slug]/team-actions";
import * as tokenActions from "./events/[slug]/api-token-actions";
import { acceptInvitationAction } from "../../(auth)/invite/[token]/actions";

// Every dashboard server action, called by someone who is not signed in: each refuses
// with "Sign in first." and writes nothing. (Which roles may do what is tested on the
// domain verbs the actions call; the session itself is next-auth's, so it is the one
// thing stood in for here.)
vi.mock("@/lib/auth/session", () => ({
  currentUser: async () => null,
  requireUser: async () => {
    throw new UnauthorizedError();
  },
}));

const idle = { ok: false };
let slug: string;
let eventId: string;
let postId: string;

beforeAll(async () => {
  const owner = await makeUser();
  const event = await makeEvent(owner);
  ({ slug } = event);
  eventId = event.id;
  postId = (await publishPost(owner, event.id, { body: "Already here" })).post.id;
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

const actions: [string, () => Promise<unknown>][] = [
  ["createEventAction", () => createEventAction(idle, form({ title: "Sneaky" }))],
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
  ["sendBackPostAction", () => reviewActions.sendBackPostAction(slug, postId, idle, form({ note: "No" }))],
  ["resubmitPostAction", () => reviewActions.resubmitPostAction(slug, postId, idle, form({ body: "x", version: "1" }))],
  ["discardPostAction", () => reviewActions.discardPostAction(slug, postId)],
  [
    "inviteMemberAction",
    () => teamActions.inviteMemberAction(slug, idle, form({ email: "x@herald.test", role: "EDITOR" })),
  ],
  ["changeRoleAction", () => teamActions.changeRoleAction(slug, "someone", "OWNER")],
  ["removeMemberAction", () => teamActions.removeMemberAction(slug, "someone")],
  ["revokeInvitationAction", () => teamActions.revokeInvitationAction(slug, "some-invitation")],
  ["createApiTokenAction", () => tokenActions.createApiTokenAction(slug, { ok: false }, form({ name: "Sneaky bot" }))],
  ["revokeApiTokenAction", () => tokenActions.revokeApiTokenAction(slug, "some-token")],
];

describe("dashboard server actions, anonymous", () => {
  it.each(actions)("%s answers 'Sign in first.' and writes nothing", async (_name, run) => {
    const before = await Promise.all([
      eventState(eventId),
      db.event.count(),
      db.invitation.count(),
      db.apiToken.count(),
    ]);
    const result = (await run()) as { ok?: boolean; message?: string };
    expect(result).toMatchObject({ ok: false, message: "Sign in first." });
    const after = await Promise.all([
      eventState(eventId),
      db.event.count(),
      db.invitation.count(),
      db.apiToken.count(),
    ]);
    expect(after).toEqual(before);
  });

  it("previewAction refuses to render for anonymous callers", async () => {
    await expect(draftActions.previewAction("**hi**")).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it("acceptInvitationAction sends an anonymous visitor to sign in, back to the invitation", async () => {
    const error = await acceptInvitationAction(form({ token: "abc" })).catch((e: unknown) => e);
    expect(String((error as { digest?: string }).digest)).toContain("/sign-in?callbackUrl=%2Finvite%2Fabc");
  });
});
