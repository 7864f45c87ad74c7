"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import {
  answerQuestionAction,
  discardQuestionAction,
  setQuestionsOpenAction,
} from "@/app/(dashboard)/dashboard/events/[slug]/question-actions";
import { usePageActionState } from "@/lib/client/use-page-action-state";
import type { QuestionView } from "@/lib/questions/question-view";
import { idle } from "@/lib/shared/action-state";
import { formatDeskTime } from "@/lib/shared/format-time";
import { limits } from "@/lib/shared/limits";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { inputClass } from "./ui/field";

/** Opens or closes the event's questions to readers (their pages follow live). */
export function QuestionsSwitch({ slug, open }: { slug: string; open: boolean }) {
  const t = useTranslations("newsroom.questions");
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const toggle = () =>
    startTransition(async () => {
      const result = await setQuestionsOpenAction(slug, !open);
      setMessage(result.ok ? null : (result.message ?? t("nothingChanged")));
    });
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <p>{open ? t("canSend") : t("cannotSend")}</p>
      <Button type="button" onClick={toggle} pending={pending}>
        {open ? t("close") : t("open")}
      </Button>
      <Alert message={message} />
    </div>
  );
}

/** The waiting questions, oldest first: answer one in a post, or discard it. Readers' text is shown as text. */
export function QuestionQueue({
  slug,
  questions,
  timeZone,
}: {
  slug: string;
  questions: QuestionView[];
  timeZone: string;
}) {
  const t = useTranslations("newsroom.questions");
  if (questions.length === 0) return <p className="text-sm text-stone-500 dark:text-stone-400">{t("none")}</p>;
  return (
    <ol className="space-y-3">
      {questions.map((question) => (
        <li key={question.id} className="border-t border-stone-200 pt-3 dark:border-stone-800">
          <article aria-label={t("from", { name: question.name ?? t("aReaderLower") })}>
            <p className="mb-1 text-sm text-stone-500 dark:text-stone-400">
              {question.name ?? t("aReader")} · {formatDeskTime(question.createdAt, timeZone)}
            </p>
            <p className="whitespace-pre-line">{question.body}</p>
            <QuestionActions slug={slug} question={question} />
          </article>
        </li>
      ))}
    </ol>
  );
}

function QuestionActions({ slug, question }: { slug: string; question: QuestionView }) {
  const t = useTranslations("newsroom.questions");
  const [answering, setAnswering] = useState(false);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const discard = () =>
    startTransition(async () => {
      const result = await discardQuestionAction(slug, question.id);
      setMessage(result.ok ? null : (result.message ?? t("notDiscarded")));
    });
  if (answering) return <AnswerForm slug={slug} question={question} onCancel={() => setAnswering(false)} />;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
      <Button type="button" onClick={() => setAnswering(true)}>
        {t("answer")}
      </Button>
      <button type="button" onClick={discard} disabled={pending} className="font-medium underline">
        {pending ? t("discarding") : t("discard")}
      </button>
      <Alert message={message} />
    </div>
  );
}

function AnswerForm({ slug, question, onCancel }: { slug: string; question: QuestionView; onCancel: () => void }) {
  const [state, action, pending] = usePageActionState(answerQuestionAction.bind(null, slug, question.id), idle);
  const t = useTranslations("newsroom.questions");
  const id = `answer-${question.id}`;
  return (
    <form action={action} className="mt-3 space-y-2" aria-label={t("answerForm")}>
      <label htmlFor={`${id}-headline`} className="block text-sm font-medium">
        {t("headline")}
      </label>
      <input
        id={`${id}-headline`}
        name="headline"
        maxLength={limits.headline}
        defaultValue={state.values?.headline}
        className={`${inputClass} text-sm`}
      />
      <label htmlFor={id} className="block text-sm font-medium">
        {t("answerLabel")}
      </label>
      <textarea
        id={id}
        name="answer"
        rows={4}
        required
        maxLength={limits.postMarkdown - limits.questionBody - limits.questionName - 100}
        defaultValue={state.values?.answer}
        className={`${inputClass} font-mono text-sm`}
      />
      <Alert
        message={
          state.ok
            ? null
            : (state.fieldErrors?.answer?.join(" ") ?? state.fieldErrors?.body?.join(" ") ?? state.message)
        }
      />
      <div className="flex gap-3">
        <Button type="submit" pending={pending}>
          {pending ? t("publishing") : t("publish")}
        </Button>
        <button type="button" onClick={onCancel} className="text-sm font-medium underline">
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
