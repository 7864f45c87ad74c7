"use client";

import { useActionState } from "react";
import { createEventAction } from "@/app/(dashboard)/dashboard/actions";
import { idle } from "@/lib/shared/action-state";
import { limits } from "@/lib/shared/limits";
import { Button } from "./ui/button";
import { Field, inputClass } from "./ui/field";

export function CreateEventForm() {
  const [state, action, pending] = useActionState(createEventAction, idle);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="mt-4 space-y-4">
      <Field label="Title" name="title" errors={errors.title}>
        {(describedBy, invalid) => (
          <input
            id="title"
            name="title"
            required
            maxLength={limits.eventTitle}
            defaultValue={state.values?.title}
            className={inputClass}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <Field label="Address" name="slug" errors={errors.slug} hint="Optional: made from the title when empty.">
        {(describedBy, invalid) => (
          <input
            id="slug"
            name="slug"
            maxLength={limits.slug}
            placeholder="my-event"
            defaultValue={state.values?.slug}
            className={inputClass}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <Field label="Description" name="description" errors={errors.description}>
        {(describedBy, invalid) => (
          <textarea
            id="description"
            name="description"
            rows={3}
            maxLength={limits.eventDescription}
            defaultValue={state.values?.description}
            className={inputClass}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
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
