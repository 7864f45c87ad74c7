"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { actionError, formValues } from "@/lib/action-error";
import { requireUser } from "@/lib/auth/session";
import { findEventBySlug } from "@/lib/events/find-event";
import { NotFoundError } from "@/lib/errors";
import { answerQuestion } from "@/lib/questions/answer-question";
import { discardQuestion } from "@/lib/questions/decide-question";
import { setQuestionsOpen } from "@/lib/questions/set-questions-open";
import type { ActionState } from "@/lib/shared/action-state";

// Reader questions: the desk opens or closes them, answers one in a post, or discards it.
// The verbs check who may; `slug` names the event (for opening) and the console to redraw.

export async function setQuestionsOpenAction(slug: string, open: boolean): Promise<ActionState> {
  try {
    const user = await requireUser();
    const event = await findEventBySlug(slug);
    if (!event) throw new NotFoundError("No such event.");
    await setQuestionsOpen(user, event.id, open === true);
  } catch (error) {
    return actionError(error, {});
  }
  revalidatePath(`/dashboard/events/${slug}`);
  const t = await getTranslations("newsroom.questions");
  return { ok: true, message: open ? t("opened") : t("closed") };
}

export async function answerQuestionAction(
  slug: string,
  questionId: string,
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  const values = formValues(form, ["answer", "headline"]);
  try {
    await answerQuestion(await requireUser(), questionId, values);
  } catch (error) {
    return actionError(error, values);
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message: (await getTranslations("newsroom.questions"))("answered") };
}

export async function discardQuestionAction(slug: string, questionId: string): Promise<ActionState> {
  try {
    await discardQuestion(await requireUser(), questionId);
  } catch (error) {
    return actionError(error, {});
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message: (await getTranslations("newsroom.questions"))("discarded") };
}
