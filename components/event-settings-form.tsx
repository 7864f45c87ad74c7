"use client";

import { useTranslations } from "next-intl";
import { usePageActionState } from "@/lib/client/use-page-action-state";
import { updateSettingsAction } from "@/app/(dashboard)/dashboard/events/[slug]/event-actions";
import { idle } from "@/lib/shared/action-state";
import { limits } from "@/lib/shared/limits";
import { CoverImageField } from "./cover-image-field";
import { Button } from "./ui/button";
import { Field, TextAreaField, TextField, inputClass } from "./ui/field";
import { LanguageSelect } from "./ui/language-select";
import { TimeZoneSelect } from "./ui/time-zone-select";

type Settings = {
  title: string;
  description: string;
  slug: string;
  order: string;
  timeZone: string;
  language: string;
  coverImageKey: string | null;
};
type Props = { slug: string; settings: Settings; slugLocked: boolean; zones: string[] };

/** The owner's event settings. The address is fixed once the event has gone live. */
export function EventSettingsForm({ slug, settings, slugLocked, zones }: Props) {
  const t = useTranslations("newsroom.eventForm");
  const [state, action, pending] = usePageActionState(updateSettingsAction.bind(null, slug), idle);
  const values = state.values ?? { ...settings, coverImageKey: settings.coverImageKey ?? "" };
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="mt-3 space-y-3">
      <TextField
        label={t("title")}
        name="title"
        required
        maxLength={limits.eventTitle}
        defaultValue={values.title}
        errors={errors.title}
      />
      <TextAreaField
        label={t("description")}
        name="description"
        rows={2}
        maxLength={limits.eventDescription}
        defaultValue={values.description}
        errors={errors.description}
      />
      <TextField
        label={t("address")}
        name="slug"
        maxLength={limits.slug}
        defaultValue={values.slug}
        readOnly={slugLocked}
        hint={slugLocked ? t("addressLocked") : t("addressExplain")}
        errors={errors.slug}
      />
      <Field label={t("order")} name="order" errors={errors.order}>
        {(describedBy, invalid) => (
          <select
            id="order"
            name="order"
            defaultValue={values.order}
            className={inputClass}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          >
            <option value="NEWEST_FIRST">{t("newestFirst")}</option>
            <option value="OLDEST_FIRST">{t("oldestFirst")}</option>
          </select>
        )}
      </Field>
      <TimeZoneSelect
        zones={zones}
        defaultValue={values.timeZone ?? settings.timeZone}
        errors={errors.timeZone}
        hint={t("zoneHint")}
      />
      <LanguageSelect defaultValue={values.language ?? settings.language} errors={errors.language} />
      <CoverImageField
        key={settings.coverImageKey ?? ""}
        slug={slug}
        initialKey={values.coverImageKey ?? ""}
        errors={errors.coverImageKey}
      />
      {state.message && (
        <p role="status" className={`text-sm ${state.ok ? "text-green-700" : "text-red-700 dark:text-red-400"}`}>
          {state.message}
        </p>
      )}
      <Button type="submit" pending={pending}>
        {pending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
