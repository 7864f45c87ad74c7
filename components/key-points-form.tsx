"use client";

import { useTranslations } from "next-intl";
import { setSummaryAction } from "@/app/(dashboard)/dashboard/events/[slug]/event-actions";
import { usePageActionState } from "@/lib/client/use-page-action-state";
import { idle } from "@/lib/shared/action-state";
import { limits } from "@/lib/shared/limits";
import { Button } from "./ui/button";
import { TextAreaField } from "./ui/field";

type Props = { slug: string; summary: string };

/** The console's "Key points": Markdown (usually a bulleted list), saved or cleared for every reader. */
export function KeyPointsForm({ slug, summary }: Props) {
  const t = useTranslations("newsroom.keyPoints");
  const [state, action, pending] = usePageActionState(setSummaryAction.bind(null, slug), idle);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-3">
      <TextAreaField
        // Remounted when the saved text changes, so a save or a clear shows what is stored.
        key={summary}
        label={t("label")}
        name="summary"
        rows={5}
        maxLength={limits.eventSummary}
        placeholder={t("placeholder")}
        defaultValue={state.values?.summary ?? summary}
        hint={t("hint")}
        errors={errors.summary}
      />
      {state.message && (
        <p role="status" className={`text-sm ${state.ok ? "text-green-700" : "text-red-700 dark:text-red-400"}`}>
          {state.message}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" name="intent" value="save" pending={pending}>
          {pending ? t("saving") : t("save")}
        </Button>
        {summary && (
          <Button
            type="submit"
            name="intent"
            value="clear"
            disabled={pending}
            className="bg-stone-600 hover:bg-stone-700"
          >
            {t("clear")}
          </Button>
        )}
      </div>
    </form>
  );
}
