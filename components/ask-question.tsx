"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { honeypotField } from "@/lib/shared/question-fields";
import { limits } from "@/lib/shared/limits";
import { Button } from "./ui/button";
import { TextAreaField, TextField } from "./ui/field";

type Sent =
  { state: "idle" | "sending" | "sent" } | { state: "failed"; message: string; fieldErrors: Record<string, string[]> };

/**
 * A reader's question to the desk. A plain form first (it posts and gets a page back without
 * JavaScript); once hydrated it sends in place and keeps the text until the desk has it.
 */
export function AskQuestion({ slug }: { slug: string }) {
  const t = useTranslations("reader.ask");
  const [sent, setSent] = useState<Sent>({ state: "idle" });
  const action = `/api/events/${slug}/questions`;
  async function send(form: HTMLFormElement) {
    setSent({ state: "sending" });
    const fields = new FormData(form);
    try {
      const response = await fetch(action, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          body: fields.get("body"),
          name: fields.get("name") || undefined,
          [honeypotField]: fields.get(honeypotField) || undefined,
        }),
      });
      if (response.ok) {
        form.reset();
        setSent({ state: "sent" });
        return;
      }
      const answer = (await response.json().catch(() => ({}))) as {
        error?: string;
        fieldErrors?: Record<string, string[]>;
      };
      setSent({
        state: "failed",
        message: answer.error ?? t("failed"),
        fieldErrors: answer.fieldErrors ?? {},
      });
    } catch {
      setSent({ state: "failed", message: t("offline"), fieldErrors: {} });
    }
  }
  const errors = sent.state === "failed" ? sent.fieldErrors : {};
  return (
    <details
      id="ask"
      className="my-4 rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
    >
      <summary className="cursor-pointer font-semibold">{t("summary")}</summary>
      <form
        action={action}
        method="post"
        className="mt-3 space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          void send(event.currentTarget);
        }}
      >
        <p className="text-sm text-stone-600 dark:text-stone-400">{t("explain")}</p>
        <TextAreaField
          label={t("question")}
          name="body"
          required
          rows={3}
          maxLength={limits.questionBody}
          errors={errors.body}
        />
        <TextField
          label={t("name")}
          name="name"
          maxLength={limits.questionName}
          autoComplete="name"
          errors={errors.name}
        />
        {/* For bots only: people neither see it nor reach it with the keyboard. */}
        <div aria-hidden className="absolute -start-[10000px] h-px w-px overflow-hidden">
          <label>
            Leave empty
            <input type="text" name={honeypotField} tabIndex={-1} autoComplete="off" defaultValue="" />
          </label>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" pending={sent.state === "sending"}>
            {sent.state === "sending" ? t("sending") : t("send")}
          </Button>
          <p role="status" className="text-sm">
            {sent.state === "sent" && t("sent")}
            {sent.state === "failed" && <span className="text-red-700 dark:text-red-400">{sent.message}</span>}
          </p>
        </div>
      </form>
    </details>
  );
}
