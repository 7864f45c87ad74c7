"use client";

import { useTranslations } from "next-intl";
import { usePageActionState } from "@/lib/client/use-page-action-state";
import { createEventAction } from "@/app/(dashboard)/dashboard/actions";
import { idle } from "@/lib/shared/action-state";
import { limits } from "@/lib/shared/limits";
import { Button } from "./ui/button";
import { TextAreaField, TextField } from "./ui/field";
import { LanguageSelect } from "./ui/language-select";
import { TimeZoneSelect } from "./ui/time-zone-select";

/** `zones`: the time zones to choose from (lib/shared/time-zones.ts, on the server). */
export function CreateEventForm({ zones }: { zones: string[] }) {
  const t = useTranslations("newsroom.eventForm");
  const [state, action, pending] = usePageActionState(createEventAction, idle);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="mt-4 space-y-4">
      <TextField
        label={t("title")}
        name="title"
        errors={errors.title}
        required
        maxLength={limits.eventTitle}
        defaultValue={state.values?.title}
      />
      <TextField
        label={t("address")}
        name="slug"
        errors={errors.slug}
        hint={t("addressHint")}
        maxLength={limits.slug}
        placeholder={t("addressPlaceholder")}
        defaultValue={state.values?.slug}
      />
      <TextAreaField
        label={t("description")}
        name="description"
        errors={errors.description}
        rows={3}
        maxLength={limits.eventDescription}
        defaultValue={state.values?.description}
      />
      <TimeZoneSelect
        zones={zones}
        defaultValue={state.values?.timeZone || "UTC"}
        followBrowser={!state.values}
        errors={errors.timeZone}
        hint={t("zoneHint")}
      />
      <LanguageSelect defaultValue={state.values?.language || "en"} errors={errors.language} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="draft" defaultChecked={state.values?.draft === "on"} />
        {t("draft")}
      </label>
      {state.message && !state.ok && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      )}
      <Button type="submit" pending={pending} className="w-full">
        {pending ? t("creating") : t("create")}
      </Button>
    </form>
  );
}
