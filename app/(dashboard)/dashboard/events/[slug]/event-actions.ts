"use server";

import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { actionError, formValues } from "@/lib/action-error";
import { requireUser } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { findEventBySlug } from "@/lib/events/find-event";
import { setEventSummary } from "@/lib/events/set-event-summary";
import { goLive, reopenEvent, scheduleEvent } from "@/lib/events/set-event-status";
import { updateEventSettings } from "@/lib/events/update-event-settings";
import type { ActionState } from "@/lib/shared/action-state";
import { zonedDateTimeToIso } from "@/lib/shared/local-datetime";

// Lifecycle and settings from the console. The verbs check roles; readers get event.updated.

async function findEvent(slug: string) {
  const event = await findEventBySlug(slug);
  if (!event) throw new NotFoundError("No such event.");
  return event;
}

const eventId = async (slug: string) => (await findEvent(slug)).id;

export async function changeStatusAction(slug: string, to: "live" | "reopen"): Promise<ActionState> {
  try {
    const actor = await requireUser();
    const id = await eventId(slug);
    await (to === "live" ? goLive(actor, id) : reopenEvent(actor, id));
  } catch (error) {
    return actionError(error, {});
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true };
}

export async function scheduleAction(slug: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, ["startsAt"]);
  try {
    const actor = await requireUser();
    // Wall-clock time in the event's zone, whatever the browser's.
    const event = await findEvent(slug);
    await scheduleEvent(actor, event.id, { startsAt: zonedDateTimeToIso(values.startsAt, event.timeZone) });
  } catch (error) {
    return actionError(error, values);
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message: (await getTranslations("newsroom.statusControls"))("scheduled") };
}

export async function updateSettingsAction(slug: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, ["title", "description", "slug", "order", "timeZone", "language", "coverImageKey"]);
  let newSlug: string;
  try {
    const actor = await requireUser();
    newSlug = (await updateEventSettings(actor, await eventId(slug), values)).slug;
  } catch (error) {
    return actionError(error, values);
  }
  if (newSlug !== slug) redirect(`/dashboard/events/${newSlug}`);
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message: (await getTranslations("newsroom.eventForm"))("saved") };
}

/** The key points above the readers' feed: saved from the textarea, or cleared ("intent=clear"). */
export async function setSummaryAction(slug: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, ["summary", "intent"]);
  const clear = values.intent === "clear";
  try {
    const actor = await requireUser();
    await setEventSummary(actor, await eventId(slug), { summary: clear ? "" : values.summary });
  } catch (error) {
    return actionError(error, { summary: values.summary });
  }
  revalidatePath(`/dashboard/events/${slug}`);
  const t = await getTranslations("newsroom.keyPoints");
  return { ok: true, message: clear ? t("cleared") : t("saved") };
}
