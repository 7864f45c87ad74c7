import { beforeAll, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/test/next-request";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { publishPost } from "@/lib/posts/publish-post";
import { addMember, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { createEventAction } from "@/app/(dashboard)/dashboard/actions";
import { changePasswordAction } from "@/app/(dashboard)/dashboard/account/actions";
import * as consoleActions from "@/app/(dashboard)/dashboard/events/[slug]/actions";
import * as draftActions from "@/app/(dashboard)/dashboard/events/[slug]/draft-actions";
import * as eventActions from "@/app/(dashboard)/dashboard/events/[slug]/event-actions";
import * as pinActions from "@/app/(dashboard)/dashboard/events/[slug]/pin-actions";
import * as reviewActions from "@/app/(dashboard)/dashboard/events/[slug]/review-actions";
import * as teamActions from "@/app/(dashboard)/dashboard/events/[slug]/team-actions";
import * as tokenActions from "@/app/(dashboard)/dashboard/events/[slug]/api-token-actions";
import { acceptInvitationAction } from "@/app/(auth)/invite/[token]/actions";
import { signUpAction } from "@/app/(auth)/sign-up/actions";
import { expectWholeChangeLog } from "./invariants";
import { fuzzSeed, random, type Random } from "./random";

// Random FormData and arguments (a server action's arguments come from the client, so any
// of them may be anything) at every server action, as the event's owner, a contributor,
// an outsider and no one. Every call must end as form state or a typed error (4xx) — or a
// redirect — never an unknown exception (a 500), and the change log must stay whole.
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  ...(await import("@/test/next-request")).sessionModule,
}));
// Outside a Next request there is no cache to revalidate or headers to read: stand-ins.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-herald-client-ip": "198.18.0.1" }) }));

const seed = fuzzSeed();
const rounds = Number(process.env.HERALD_FUZZ_ROUNDS ?? 25);
const r: Random = random(seed);
let owner: TestUser;
let contributor: TestUser;
let outsider: TestUser;
let event: { id: string; slug: string };
let postId: string;

beforeAll(async () => {
  [owner, contributor, outsider] = await Promise.all([makeUser(), makeUser(), makeUser()]);
  event = await makeEvent(owner);
  await addMember(event.id, contributor, "CONTRIBUTOR");
  postId = (await publishPost(owner, event.id, { body: "Fuzz target" })).post.id;
});

const fields = [
  "body",
  "headline",
  "version",
  "title",
  "slug",
  "description",
  "draft",
  "startsAt",
  "scheduledFor",
  "order",
  "timeZone",
  "email",
  "role",
  "name",
  "note",
  "token",
  "password",
  "currentPassword",
  "newPassword",
];

function form(): FormData {
  const data = new FormData();
  for (const field of fields) {
    if (r.chance(0.3)) continue;
    data.set(field, r.chance(0.1) ? new Blob([r.bytes() as Uint8Array<ArrayBuffer>]) : r.string());
  }
  if (r.chance(0.5)) data.set("body", "A fair post");
  if (r.chance(0.3)) data.append("body", r.string()); // a field twice
  return data;
}
const slug = () => (r.chance(0.7) ? event.slug : r.string());
const id = () => (r.chance(0.6) ? postId : r.string());
/** Any value at all where the action's type says string/boolean/number: the client decides. */
const any = <T>(usual: () => T) => (r.chance(0.7) ? usual() : (r.value() as T));
const state = () => (r.chance(0.8) ? { ok: false } : (r.value() as { ok: boolean }));

const actions: [string, () => Promise<unknown>][] = [
  ["createEventAction", () => createEventAction(state(), form())],
  ["changePasswordAction", () => changePasswordAction(state(), form())],
  ["signUpAction", () => signUpAction(form())],
  ["acceptInvitationAction", () => acceptInvitationAction(form())],
  ["publishPostAction", () => consoleActions.publishPostAction(any(slug), state(), form())],
  ["loadPostSourceAction", () => consoleActions.loadPostSourceAction(any(id))],
  ["editPostAction", () => consoleActions.editPostAction(any(id), state(), form())],
  ["deletePostAction", () => consoleActions.deletePostAction(any(id))],
  ["endEventAction", () => consoleActions.endEventAction(any(slug))],
  [
    "pinPostAction",
    () =>
      pinActions.pinPostAction(
        any(id),
        any(() => r.chance(0.5)),
      ),
  ],
  [
    "setKeyEventAction",
    () =>
      pinActions.setKeyEventAction(
        any(id),
        any(() => r.string()),
      ),
  ],
  [
    "changeStatusAction",
    () =>
      eventActions.changeStatusAction(
        any(slug),
        any(() => r.pick(["live", "reopen"] as const)),
      ),
  ],
  ["scheduleAction", () => eventActions.scheduleAction(any(slug), state(), form())],
  ["updateSettingsAction", () => eventActions.updateSettingsAction(any(slug), state(), form())],
  ["publishNowAction", () => draftActions.publishNowAction(any(slug), any(id))],
  ["previewAction", () => draftActions.previewAction(any(() => r.string()))],
  [
    "approvePostAction",
    () =>
      reviewActions.approvePostAction(
        any(slug),
        any(id),
        any(() => r.int(5)),
      ),
  ],
  ["sendBackPostAction", () => reviewActions.sendBackPostAction(any(slug), any(id), state(), form())],
  ["resubmitPostAction", () => reviewActions.resubmitPostAction(any(slug), any(id), state(), form())],
  ["discardPostAction", () => reviewActions.discardPostAction(any(slug), any(id))],
  ["inviteMemberAction", () => teamActions.inviteMemberAction(any(slug), state(), form())],
  [
    "changeRoleAction",
    () =>
      teamActions.changeRoleAction(
        any(slug),
        any(() => r.string()),
        any(() => r.pick(["OWNER", "EDITOR", "X"] as never[])),
      ),
  ],
  [
    "removeMemberAction",
    () =>
      teamActions.removeMemberAction(
        any(slug),
        any(() => r.string()),
      ),
  ],
  [
    "revokeInvitationAction",
    () =>
      teamActions.revokeInvitationAction(
        any(slug),
        any(() => r.string()),
      ),
  ],
  ["createApiTokenAction", () => tokenActions.createApiTokenAction(any(slug), state(), form())],
  [
    "revokeApiTokenAction",
    () =>
      tokenActions.revokeApiTokenAction(
        any(slug),
        any(() => r.string()),
      ),
  ],
];

/** A redirect or notFound() from next/navigation: how an action may legitimately end. */
const isNavigation = (error: unknown) =>
  /^NEXT_(REDIRECT|HTTP_ERROR_FALLBACK)/.test(String((error as { digest?: unknown })?.digest));

describe(`server actions under fuzz (seed ${seed}: HERALD_FUZZ_SEED=${seed} reproduces)`, () => {
  it.each(actions)("%s: form state or a typed error, never a crash", async (name, call) => {
    for (let round = 0; round < rounds; round++) {
      const actor = r.pick([owner, owner, contributor, outsider, null]);
      signInAs(actor);
      const where = `${name}, round ${round} as ${actor?.id ?? "no one"} (seed ${seed})`;
      let result: unknown;
      try {
        result = await call();
      } catch (error) {
        if (error instanceof AppError && error.status < 500) continue;
        if (isNavigation(error)) continue;
        throw new Error(`${where} threw: ${String(error)}`, { cause: error });
      }
      if (result && typeof result === "object" && "ok" in result && (result as { ok: unknown }).ok === false) {
        expect((result as { message?: unknown }).message, `${where}: refused without a message`).toEqual(
          expect.any(String),
        );
      }
    }
    await expectWholeChangeLog(event.id);
  });

  it("an outsider wrote nothing on the event", async () => {
    expect(await db.post.count({ where: { eventId: event.id, authorId: outsider.id } })).toBe(0);
    expect(await db.membership.count({ where: { eventId: event.id, userId: outsider.id } })).toBe(0);
  });
});
