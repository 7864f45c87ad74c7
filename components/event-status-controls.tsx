"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { usePageActionState } from "@/lib/client/use-page-action-state";
import { changeStatusAction, scheduleAction } from "@/app/(dashboard)/dashboard/events/[slug]/event-actions";
import { idle } from "@/lib/shared/action-state";
import { EndEventButton } from "./end-event-button";
import { Button } from "./ui/button";
import { TextField } from "./ui/field";

/** `timeZone` is the event's: "Starts at" means wall-clock time there, whatever the browser's. */
type Props = { slug: string; status: "DRAFT" | "SCHEDULED" | "LIVE" | "ENDED"; timeZone: string };

const secondary =
  "rounded-md border border-stone-300 px-3 py-1 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800";

/** What the desk can do with the event now: go live, schedule, end, reopen. */
export function EventStatusControls({ slug, status, timeZone }: Props) {
  const t = useTranslations("newsroom.statusControls");
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const change = (to: "live" | "reopen") =>
    startTransition(async () => {
      const result = await changeStatusAction(slug, to);
      setMessage(result.ok ? null : (result.message ?? t("failed")));
    });

  return (
    <div className="flex flex-wrap items-center gap-3">
      {(status === "DRAFT" || status === "SCHEDULED") && (
        <Button type="button" onClick={() => change("live")} pending={pending}>
          {t("goLive")}
        </Button>
      )}
      {status === "LIVE" && <EndEventButton slug={slug} />}
      {status === "ENDED" && (
        <button type="button" className={secondary} onClick={() => change("reopen")} disabled={pending}>
          {t("reopen")}
        </button>
      )}
      {(status === "DRAFT" || status === "SCHEDULED") && <ScheduleForm slug={slug} timeZone={timeZone} />}
      {message && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {message}
        </p>
      )}
    </div>
  );
}

function ScheduleForm({ slug, timeZone }: { slug: string; timeZone: string }) {
  const t = useTranslations("newsroom.statusControls");
  const [state, action, pending] = usePageActionState(scheduleAction.bind(null, slug), idle);
  return (
    <form action={action} className="flex items-end gap-2">
      <TextField
        label={t("startsAt", { zone: timeZone })}
        name="startsAt"
        type="datetime-local"
        required
        errors={state.fieldErrors?.startsAt}
        defaultValue={state.values?.startsAt}
      />
      <button type="submit" className={secondary} disabled={pending}>
        {t("schedule")}
      </button>
    </form>
  );
}
