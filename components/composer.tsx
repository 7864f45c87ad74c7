"use client";

import { useActionState } from "react";
import { publishPostAction } from "@/app/(dashboard)/dashboard/events/[slug]/actions";
import { idle } from "@/lib/shared/action-state";
import { limits } from "@/lib/shared/limits";
import { Button } from "./ui/button";
import { TextAreaField, TextField } from "./ui/field";

const labels = {
  publish: { idle: "Publish", pending: "Publishing…" },
  submit: { idle: "Send for review", pending: "Sending…" },
};

/**
 * Write a post in Markdown and publish it. A rejected post stays in the box.
 * Contributors (`mode="submit"`) send it to the editors instead; the server decides either way.
 */
export function Composer({ slug, mode = "publish" }: { slug: string; mode?: "publish" | "submit" }) {
  const [state, action, pending] = useActionState(publishPostAction.bind(null, slug), idle);
  const errors = state.fieldErrors ?? {};
  return (
    <form
      action={action}
      className="space-y-3 rounded-lg border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900"
    >
      <TextField
        label="Headline (optional)"
        name="headline"
        errors={errors.headline}
        maxLength={limits.headline}
        defaultValue={state.values?.headline}
      />
      <TextAreaField
        label="Post"
        name="body"
        errors={errors.body}
        hint="Markdown: **bold**, _italic_, [links](https://…), lists, > quotes."
        rows={8}
        maxLength={limits.postMarkdown}
        defaultValue={state.values?.body}
        className="font-mono text-sm"
      />
      <div className="flex items-center gap-3">
        <Button type="submit" pending={pending}>
          {pending ? labels[mode].pending : labels[mode].idle}
        </Button>
        <p
          role="status"
          className={`text-sm ${state.ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}`}
        >
          {pending ? "" : state.message}
        </p>
      </div>
    </form>
  );
}
