"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { actionError, formValues } from "@/lib/action-error";
import { requireUser, type Actor } from "@/lib/auth/session";
import { IdempotencyKeyReusedError, NotFoundError, ValidationError } from "@/lib/errors";
import { endEvent } from "@/lib/events/end-event";
import { findEventBySlug } from "@/lib/events/find-event";
import { requireRole } from "@/lib/events/require-role";
import type { Role } from "@/lib/generated/prisma/enums";
import { idempotentRequest } from "@/lib/idempotency/idempotent-request";
import { runIdempotent, type WriteGuard } from "@/lib/idempotency/run-idempotent";
import { deletePost } from "@/lib/posts/delete-post";
import { editPost } from "@/lib/posts/edit-post";
import { getPostSource, type PostSource } from "@/lib/posts/get-post-source";
import { publishPost } from "@/lib/posts/publish-post";
import { restorePost } from "@/lib/posts/restore-post";
import { submitPost } from "@/lib/posts/submit-post";
import { saveDraft, schedulePost } from "@/lib/posts/schedule-post";
import type { ActionState } from "@/lib/shared/action-state";
import { zonedDateTimeToIso } from "@/lib/shared/local-datetime";
import { pollFieldNames, pollFromFields, type PollFields } from "@/lib/shared/poll-fields";
import type { PublishInput } from "@/lib/shared/validation";

// Thin wrappers: who is asking (the session), then the domain verb, which checks the
// role and writes. Errors come back as form state; the realtime path does the rest.

type ComposerFields = Record<
  "body" | "headline" | "kind" | "quoteBy" | "intent" | "scheduledFor" | "timeZoneOffset",
  string
> &
  PollFields;

/**
 * The composer's one action; the button pressed (`intent`) says publish, draft or schedule.
 * The composer sends an `idempotencyKey` made when the editor starts a post: the same
 * form sent twice (a double click, a resend) creates one post, and the second send gets
 * the first one's answer.
 */
export async function publishPostAction(slug: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const { idempotencyKey, ...values } = formValues(form, [
    "body",
    "headline",
    "kind",
    "quoteBy",
    "intent",
    "scheduledFor",
    "timeZoneOffset",
    "idempotencyKey",
    ...pollFieldNames,
  ]);
  let state: ActionState;
  try {
    const actor = await requireUser();
    const event = await findEventBySlug(slug);
    if (!event) throw new NotFoundError("No such event.");
    // A contributor's post goes to the editors first. Each verb checks the role again.
    const role = await requireRole(event.id, actor.id, ["OWNER", "EDITOR", "CONTRIBUTOR"]);
    const done = await getTranslations("newsroom.composer.done");
    const { message: said, write } = composerWrite(actor, event, role, values);
    const message = done(said);
    const request = idempotentRequest({
      eventId: event.id,
      caller: `user:${actor.id}`,
      key: idempotencyKey || null,
      method: "ACTION",
      route: "compose",
      body: values,
    });
    state = (await runIdempotent(request, () => ({ status: 200, body: { ok: true, message } }), write)).body;
  } catch (error) {
    if (error instanceof IdempotencyKeyReusedError) {
      const message = (await getTranslations("newsroom.composer.done"))("reused");
      return { ok: false, message, values };
    }
    return actionError(error, values);
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return state;
}

/** Which verb the composer's form asks for, and what the editor is told once it is done. */
function composerWrite(actor: Actor, event: { id: string; timeZone: string }, role: Role, values: ComposerFields) {
  const eventId = event.id;
  type Write = (guard?: WriteGuard<unknown>) => Promise<unknown>;
  type Said = "published" | "submitted" | "drafted" | "scheduled";
  const as = (message: Said, write: Write) => ({ message, write });
  const kind = (values.kind || undefined) as PublishInput["kind"];
  // "Closes at" is wall-clock time in the event's zone, like "Publish at".
  const poll = pollFromFields(values, (local) => zonedDateTimeToIso(local, event.timeZone));
  if (poll && role === "CONTRIBUTOR") {
    // A submission would drop it: polls are the editors' (publishPost refuses a contributor too).
    throw new ValidationError("Only editors add polls.", { poll: ["Ask an editor to add the poll."] });
  }
  if (kind !== undefined && kind !== "standard") {
    // Only publishPost knows kinds (a draft or a schedule would drop it); it refuses a
    // contributor, and an unknown kind, itself.
    if (values.intent !== "publish") {
      throw new ValidationError("A quote can only be published right away.", { kind: ["Publish a quote now."] });
    }
    return as("published", (guard) => publishPost(actor, eventId, { ...values, kind }, guard));
  }
  if (role === "CONTRIBUTOR") return as("submitted", (guard) => submitPost(actor, eventId, values, guard));
  if (values.intent === "draft") return as("drafted", (guard) => saveDraft(actor, eventId, { ...values, poll }, guard));
  if (values.intent === "schedule") {
    return as("scheduled", (guard) => {
      // "Publish at" is wall-clock time in the event's zone; the browser's offset is ignored.
      const scheduledFor = zonedDateTimeToIso(values.scheduledFor, event.timeZone);
      return schedulePost(actor, eventId, { ...values, scheduledFor, poll }, guard);
    });
  }
  return as("published", (guard) => publishPost(actor, eventId, { ...values, kind, poll }, guard));
}

export async function loadPostSourceAction(postId: string): Promise<PostSource | ActionState> {
  try {
    return await getPostSource(await requireUser(), postId);
  } catch (error) {
    return actionError(error, {});
  }
}

export async function editPostAction(postId: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, ["body", "headline", "version"]);
  try {
    await editPost(await requireUser(), postId, values);
  } catch (error) {
    return actionError(error, values);
  }
  return { ok: true, message: (await getTranslations("newsroom.editPost"))("saved") };
}

export async function deletePostAction(postId: string): Promise<ActionState> {
  try {
    await deletePost(await requireUser(), postId);
  } catch (error) {
    return actionError(error, {});
  }
  return { ok: true, message: (await getTranslations("newsroom.postActions"))("deleted") };
}

/** Undoes a deletion (within restorePost's window), with delete's authorization. */
export async function restorePostAction(postId: string): Promise<ActionState> {
  try {
    await restorePost(await requireUser(), postId);
  } catch (error) {
    return actionError(error, {});
  }
  return { ok: true, message: (await getTranslations("newsroom.postActions"))("restored") };
}

export async function endEventAction(slug: string): Promise<ActionState> {
  try {
    const actor = await requireUser();
    const event = await findEventBySlug(slug);
    if (!event) throw new NotFoundError("No such event.");
    await endEvent(actor, event.id);
  } catch (error) {
    return actionError(error, {});
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message: (await getTranslations("newsroom.endEvent"))("ended") };
}
