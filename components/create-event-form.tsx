"use client";

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
  const [state, action, pending] = usePageActionState(createEventAction, idle);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="mt-4 space-y-4">
      <TextField
        label="Title"
        name="title"
        errors={errors.title}
        required
        maxLength={limits.eventTitle}
        defaultValue={state.values?.title}
      />
      <TextField
        label="Address"
        name="slug"
        errors={errors.slug}
        hint="Optional: made from the title when empty."
        maxLength={limits.slug}
        placeholder="my-event"
        defaultValue={state.values?.slug}
      />
      <TextAreaField
        label="Description"
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
        hint="The desk's times and the readers' times are in this zone."
      />
      <LanguageSelect defaultValue={state.values?.language || "en"} errors={errors.language} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="draft" defaultChecked={state.values?.draft === "on"} />
        Start as a draft (only the team sees it until it goes live)
      </label>
      {state.message && !state.ok && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      )}
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Creating…" : "Create event"}
      </Button>
    </form>
  );
}
