import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { setEventSummary } from "@/lib/events/set-event-summary";
import { inviteMember } from "@/lib/members/invite-member";
import { removeMember } from "@/lib/members/remove-member";
import { deletePost } from "@/lib/posts/delete-post";
import { publishPost } from "@/lib/posts/publish-post";
import { saveDraft } from "@/lib/posts/schedule-post";
import { submitPost } from "@/lib/posts/submit-post";
import { setQuestionsOpen } from "@/lib/questions/set-questions-open";
import { submitQuestion } from "@/lib/questions/submit-question";
import { addMember, makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { signInAs } from "@/test/next-request";
import { acceptInvitationAction } from "../../(auth)/invite/[token]/actions";
import { createEventAction } from "./actions";
import * as consoleActions from "./events/[slug]/actions";
import * as tokenActions from "./events/[slug]/api-token-actions";
import * as draftActions from "./events/[slug]/draft-actions";
import * as eventActions from "./events/[slug]/event-actions";
import * as pinActions from "./events/[slug]/pin-actions";
import * as questionActions from "./events/[slug]/question-actions";
import * as reviewActions from "./events/[slug]/review-actions";
import * as teamActions from "./events/[slug]/team-actions";

// The authorization matrix of every server action: each is called by each kind of caller
// on a fresh event, and either does its work or refuses with the reason and writes
// nothing. The session (next-auth's) and the request (Next's) are stood in for by
// test/next-request.ts; the actions, the verbs and the database are the real ones.
vi.mock("@/lib/auth/session", () => import("@/test/next-request").then((m) => m.sessionModule));
vi.mock("next/headers", () => import("@/test/next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("@/test/next-request").then((m) => m.cacheModule));

const callers = ["anonymous", "contributor", "editor", "owner", "outsider", "removed"] as const;
type Caller = (typeof callers)[number];
type People = Record<Exclude<Caller, "anonymous">, TestUser>;

/** A fresh event with its team and one of everything an action can act on. */
type World = {
  slug: string;
  eventId: string;
  people: People;
  postId: string; // published, by the owner
  draftId: string; // the owner's draft
  submittedId: string; // the contributor's, waiting for review
  invitationId: string;
  invitationToken: string;
  tokenId: string;
  questionId: string; // a reader's, waiting for the desk
};

type Row = {
  action: string;
  /** The callers who succeed; everyone else is refused. */
  allowed: readonly Caller[];
  run: (w: World) => Promise<unknown>;
  /** Puts the event in the state the action starts from, before anything is compared. */
  prepare?: (w: World) => Promise<void>;
  /** Succeeds without writing anything. */
  reads?: boolean;
  /** Only the post's author may: other members get the author rule, not the team rule. */
  authorOnly?: boolean;
};

const signedIn = ["contributor", "editor", "owner", "outsider", "removed"] as const;
const members = ["contributor", "editor", "owner"] as const;
const editors = ["editor", "owner"] as const;
const owners = ["owner"] as const;
const idle = { ok: false };

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};
const asDraft = async (w: World) => {
  await db.event.update({ where: { id: w.eventId }, data: { status: "DRAFT" } });
};

const rows: Row[] = [
  {
    action: "createEventAction",
    allowed: signedIn,
    run: () => createEventAction(idle, form({ title: `New desk ${unique()}` })),
  },
  {
    action: "publishPostAction (a contributor's goes to review)",
    allowed: members,
    run: (w) => consoleActions.publishPostAction(w.slug, idle, form({ body: "News", intent: "publish" })),
  },
  {
    // Authorization comes before the key is looked at; a refusal records no key.
    action: "publishPostAction, with an idempotency key",
    allowed: members,
    run: (w) =>
      consoleActions.publishPostAction(w.slug, idle, form({ body: "Once", intent: "publish", idempotencyKey: "k-1" })),
  },
  {
    // Only editors publish quotes: a contributor's is refused, not sent to review.
    action: "publishPostAction, a quote",
    allowed: editors,
    run: (w) =>
      consoleActions.publishPostAction(
        w.slug,
        idle,
        form({ body: "We will win.", kind: "quote", quoteBy: "The coach", intent: "publish" }),
      ),
  },
  {
    action: "publishPostAction, saved as a draft",
    allowed: members,
    run: (w) => consoleActions.publishPostAction(w.slug, idle, form({ body: "Later", intent: "draft" })),
  },
  { action: "previewAction", allowed: signedIn, reads: true, run: () => draftActions.previewAction("**hi**") },
  {
    action: "loadPostSourceAction",
    allowed: editors,
    reads: true,
    run: (w) => consoleActions.loadPostSourceAction(w.postId),
  },
  {
    action: "editPostAction",
    allowed: editors,
    run: (w) => consoleActions.editPostAction(w.postId, idle, form({ body: "Corrected", version: "1" })),
  },
  { action: "deletePostAction", allowed: editors, run: (w) => consoleActions.deletePostAction(w.postId) },
  {
    // Undo: the post was just deleted by the owner.
    action: "restorePostAction",
    allowed: editors,
    prepare: async (w) => void (await deletePost(w.people.owner, w.postId)),
    run: (w) => consoleActions.restorePostAction(w.postId),
  },
  { action: "pinPostAction", allowed: editors, run: (w) => pinActions.pinPostAction(w.postId, true) },
  { action: "setKeyEventAction", allowed: editors, run: (w) => pinActions.setKeyEventAction(w.postId, "Goal") },
  {
    action: "editDraftAction",
    allowed: editors,
    run: (w) => draftActions.editDraftAction(w.draftId, idle, form({ body: "Kept back, edited", version: "1" })),
  },
  { action: "publishNowAction", allowed: editors, run: (w) => draftActions.publishNowAction(w.slug, w.draftId) },
  {
    action: "approvePostAction",
    allowed: editors,
    run: (w) => reviewActions.approvePostAction(w.slug, w.submittedId, 1),
  },
  {
    action: "sendBackPostAction",
    allowed: editors,
    run: (w) => reviewActions.sendBackPostAction(w.slug, w.submittedId, idle, form({ note: "Source?" })),
  },
  {
    action: "resubmitPostAction",
    allowed: ["contributor"],
    authorOnly: true,
    run: (w) => reviewActions.resubmitPostAction(w.slug, w.submittedId, idle, form({ body: "Better", version: "1" })),
  },
  {
    action: "discardPostAction",
    allowed: ["contributor"],
    authorOnly: true,
    run: (w) => reviewActions.discardPostAction(w.slug, w.submittedId),
  },
  {
    action: "setQuestionsOpenAction",
    allowed: editors,
    run: (w) => questionActions.setQuestionsOpenAction(w.slug, false),
  },
  {
    action: "answerQuestionAction",
    allowed: editors,
    run: (w) => questionActions.answerQuestionAction(w.slug, w.questionId, idle, form({ answer: "At ten." })),
  },
  {
    action: "discardQuestionAction",
    allowed: editors,
    run: (w) => questionActions.discardQuestionAction(w.slug, w.questionId),
  },
  { action: "endEventAction", allowed: editors, run: (w) => consoleActions.endEventAction(w.slug) },
  {
    action: "changeStatusAction (go live)",
    allowed: editors,
    prepare: asDraft,
    run: (w) => eventActions.changeStatusAction(w.slug, "live"),
  },
  {
    action: "scheduleAction",
    allowed: editors,
    prepare: asDraft,
    run: (w) => eventActions.scheduleAction(w.slug, idle, form({ startsAt: "2030-01-01T10:00" })),
  },
  {
    action: "updateSettingsAction",
    allowed: owners,
    run: (w) =>
      eventActions.updateSettingsAction(
        w.slug,
        idle,
        form({ title: "Renamed", description: "", slug: w.slug, order: "OLDEST_FIRST", timeZone: "UTC" }),
      ),
  },
  {
    action: "setSummaryAction",
    allowed: editors,
    run: (w) => eventActions.setSummaryAction(w.slug, idle, form({ summary: "- Polls close at 8pm", intent: "save" })),
  },
  {
    action: "setSummaryAction, clearing",
    allowed: editors,
    prepare: async (w) => void (await setEventSummary(w.people.owner, w.eventId, { summary: "- Earlier" })),
    run: (w) => eventActions.setSummaryAction(w.slug, idle, form({ summary: "- Ignored", intent: "clear" })),
  },
  {
    action: "inviteMemberAction",
    allowed: owners,
    run: (w) =>
      teamActions.inviteMemberAction(w.slug, idle, form({ email: `new-${unique()}@herald.test`, role: "EDITOR" })),
  },
  {
    action: "changeRoleAction",
    allowed: owners,
    run: (w) => teamActions.changeRoleAction(w.slug, w.people.contributor.id, "EDITOR"),
  },
  {
    action: "removeMemberAction",
    allowed: owners,
    run: (w) => teamActions.removeMemberAction(w.slug, w.people.contributor.id),
  },
  {
    action: "revokeInvitationAction",
    allowed: owners,
    run: (w) => teamActions.revokeInvitationAction(w.slug, w.invitationId),
  },
  {
    action: "createApiTokenAction",
    allowed: owners,
    run: (w) => tokenActions.createApiTokenAction(w.slug, idle, form({ name: "Score bot" })),
  },
  { action: "revokeApiTokenAction", allowed: owners, run: (w) => tokenActions.revokeApiTokenAction(w.slug, w.tokenId) },
  {
    // Whoever holds the link may join: that is what an invitation is.
    action: "acceptInvitationAction",
    allowed: signedIn,
    run: (w) => acceptInvitationAction(form({ token: w.invitationToken })),
  },
];

let people: People;

beforeAll(async () => {
  const [owner, editor, contributor, outsider, removed] = await Promise.all([
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser(),
  ]);
  people = { owner, editor, contributor, outsider, removed };
  await makeEvent(outsider); // an owner, of another event
});

async function makeWorld(): Promise<World> {
  const { owner, editor, contributor, removed } = people;
  const event = await makeEvent(owner);
  await Promise.all([
    addMember(event.id, editor, "EDITOR"),
    addMember(event.id, contributor, "CONTRIBUTOR"),
    addMember(event.id, removed, "EDITOR"),
  ]);
  await removeMember(owner, event.id, removed.id);
  await setQuestionsOpen(owner, event.id, true);
  const [published, draft, submitted, invitation, token, question] = await Promise.all([
    publishPost(owner, event.id, { body: "Already public" }),
    saveDraft(owner, event.id, { body: "Kept back" }),
    submitPost(contributor, event.id, { body: "For review" }),
    inviteMember(owner, event.id, { email: `invitee-${unique()}@herald.test`, role: "CONTRIBUTOR" }),
    createApiToken(owner, event.id, { name: "Wire" }),
    submitQuestion(event.slug, { body: "When are the results due?" }, `192.0.2.${unique()}`),
  ]);
  return {
    slug: event.slug,
    eventId: event.id,
    people,
    postId: published.post.id,
    draftId: draft.id,
    submittedId: submitted.id,
    invitationId: invitation.id,
    invitationToken: invitation.link.replace(/^\/invite\//, ""),
    tokenId: token.id,
    questionId: question.id,
  };
}

/** Everything an action could write about this event, and the teams the caller is on. */
async function stateOf(w: World, caller: Actor | null) {
  const where = { eventId: w.eventId };
  return Promise.all([
    db.event.findUniqueOrThrow({ where: { id: w.eventId } }),
    db.post.findMany({ where, orderBy: { id: "asc" } }),
    db.change.findMany({ where, orderBy: { seq: "asc" } }),
    db.membership.findMany({ where, orderBy: { userId: "asc" } }),
    db.invitation.findMany({ where, orderBy: { id: "asc" } }),
    db.apiToken.findMany({ where, orderBy: { id: "asc" } }),
    db.idempotencyKey.findMany({ where, orderBy: [{ caller: "asc" }, { key: "asc" }] }),
    db.question.findMany({ where, orderBy: { id: "asc" } }),
    caller ? db.membership.count({ where: { userId: caller.id } }) : 0,
  ]);
}

type Outcome = { allowed: true } | { allowed: false; message: string };

/** What the caller got: success (a result, or a redirect onwards), or a refusal's message. */
async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = (await run()) as { ok?: boolean; message?: string } | string;
    if (typeof result === "object" && "ok" in result && !result.ok) return { allowed: false, message: result.message! };
    return { allowed: true };
  } catch (error) {
    if (error instanceof AppError) return { allowed: false, message: error.message };
    const digest = String((error as { digest?: unknown }).digest ?? "");
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    const to = digest.split(";")[2] ?? "";
    // Sent to sign in, or back to the invitation's page to read why: refused.
    if (to.startsWith("/sign-in")) return { allowed: false, message: "Sign in first." };
    if (to.startsWith("/invite/")) return { allowed: false, message: `redirected to ${to}` };
    return { allowed: true };
  }
}

function refusalFor(row: Row, caller: Caller): string {
  if (caller === "anonymous") return "Sign in first.";
  if (row.authorOnly && (caller === "owner" || caller === "editor")) {
    return "Only its author can change a post waiting for review.";
  }
  return "Only members of this event's team can do that.";
}

const cases = rows.flatMap((row) =>
  callers.map((caller) => [row.action, caller, row.allowed.includes(caller) ? "allowed" : "refused", row] as const),
);

describe("server actions: the authorization matrix", () => {
  it.each(cases)("%s as %s: %s", async (_action, caller, expected, row) => {
    const world = await makeWorld();
    await row.prepare?.(world);
    const actor = caller === "anonymous" ? null : people[caller];
    signInAs(actor);
    const before = await stateOf(world, actor);

    const outcome = await outcomeOf(() => row.run(world));
    const after = await stateOf(world, actor);

    if (expected === "allowed") {
      expect(outcome).toEqual({ allowed: true });
      if (row.reads) expect(after).toEqual(before);
      else expect(after).not.toEqual(before);
    } else {
      expect(outcome).toEqual({ allowed: false, message: refusalFor(row, caller) });
      expect(after).toEqual(before);
    }
  });

  it("sends an anonymous visitor of an invitation to sign in, and back to the invitation after", async () => {
    signInAs(null);
    const error = await acceptInvitationAction(form({ token: "abc" })).catch((e: unknown) => e);
    expect(String((error as { digest?: string }).digest)).toContain("/sign-in?callbackUrl=%2Finvite%2Fabc");
  });

  it("covers every exported server action", () => {
    const modules = [
      consoleActions,
      tokenActions,
      draftActions,
      eventActions,
      pinActions,
      questionActions,
      reviewActions,
      teamActions,
    ];
    const exported = [
      "createEventAction",
      "acceptInvitationAction",
      ...modules.flatMap((m) =>
        Object.entries(m)
          .filter(([, v]) => typeof v === "function")
          .map(([k]) => k),
      ),
    ];
    const covered = new Set(rows.map((row) => row.action.split(" ")[0]));
    expect(exported.filter((name) => !covered.has(name))).toEqual([]);
  });
});
