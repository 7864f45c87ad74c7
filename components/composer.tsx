"use client";

import { useTranslations } from "next-intl";
import { PollFields } from "./poll-fields";
import { useEffect, useRef, useState } from "react";
import { localDraftKey } from "@/lib/client/local-draft";
import { readDraft, useLocalDraft } from "@/lib/client/use-local-draft";
import { useResendingAction } from "@/lib/client/use-resending-action";
import { publishPostAction } from "@/app/(dashboard)/dashboard/events/[slug]/actions";
import { newIdempotencyKey } from "@/lib/client/new-idempotency-key";
import { reportTyping } from "@/lib/client/use-presence";
import { idle } from "@/lib/shared/action-state";
import { limits } from "@/lib/shared/limits";
import { ImageUploadButton } from "./image-upload-button";
import { MediaShelfButton } from "./media-shelf-button";
import { useMissingAltWarning } from "./missing-alt-warning";
import { Button } from "./ui/button";
import { MarkdownPreview } from "./markdown-preview";
import { SelectField, TextAreaField, TextField } from "./ui/field";

const buttonLike = new Set(["button", "submit", "reset", "image", "file", "checkbox", "radio"]);

/**
 * Enter in a one-line field would submit the form (implicit submission) and publish a
 * half-written post: it never does; in the headline it moves on to the post. Ctrl/Cmd+Enter
 * in the headline or the post publishes, as the Publish button would.
 */
function onComposerKeyDown(event: React.KeyboardEvent<HTMLFormElement>) {
  if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
  const form = event.currentTarget;
  const target = event.target as HTMLInputElement | HTMLTextAreaElement;
  if (event.ctrlKey || event.metaKey) {
    if (target.name !== "headline" && target.name !== "body") return;
    event.preventDefault();
    const publish = form.querySelector<HTMLButtonElement>('button[name="intent"][value="publish"]');
    if (publish && !publish.disabled) form.requestSubmit(publish);
    return;
  }
  if (target instanceof HTMLInputElement && !buttonLike.has(target.type)) {
    event.preventDefault();
    if (target.name === "headline") form.querySelector<HTMLTextAreaElement>('textarea[name="body"]')?.focus();
  }
}

/** `timeZone` is the event's: "Publish at" means wall-clock time there, whatever the browser's zone. */
type ComposerProps = { slug: string; mode?: "publish" | "submit"; timeZone: string };

/**
 * Write a post in Markdown and publish it. A rejected post stays in the box.
 * Contributors (`mode="submit"`) send it to the editors instead; the server decides either way.
 *
 * Each post carries an idempotency key, made when the editor starts typing it: however
 * often the same form is sent (a double click, a resend), the server writes one post.
 * The text and its key are kept in localStorage until the server answers with a success,
 * and a send the network lost is sent again, under the same key, until it is answered.
 */
export function Composer({ slug, mode = "publish", timeZone }: ComposerProps) {
  const t = useTranslations("newsroom.composer");
  const { state, pending, formProps } = useResendingAction(publishPostAction.bind(null, slug), idle);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state.fieldErrors ?? {};
  const [markdown, setMarkdown] = useState("");
  const [key, setKey] = useState("");
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    // An answer came: the post was written, or nothing was (a refused write rolls its key
    // back). Either way what is sent next is a new post, with a new key.
    setAnswered(state);
    // …unless it was not answered at all: then the same post is sent again, same key.
    if (!state.waiting) setKey(newIdempotencyKey());
  }
  const { save: saveDraft, clear: clearDraft } = useLocalDraft(localDraftKey(slug), formRef, (restored) => {
    setKey(restored.idempotencyKey);
    setMarkdown(restored.body);
  });
  useEffect(() => {
    if (!state.ok) return;
    // Written: the kept copy goes. A resend is not a form submission, so React did not
    // reset the form for it.
    clearDraft();
    formRef.current?.reset();
  }, [state, clearDraft]);
  const editor = mode === "publish";
  const missingAlt = useMissingAltWarning(t(`${mode}.anyway`));
  return (
    <form
      ref={formRef}
      {...formProps}
      onSubmit={(event) => {
        // A draft is not sent to readers: only what publishes (now or later) is checked.
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        const draft = submitter instanceof HTMLButtonElement && submitter.value === "draft";
        if (!draft && missingAlt.check(event)) return;
        formProps.onSubmit(event);
      }}
      onReset={() => setMarkdown("")}
      onKeyDown={onComposerKeyDown}
      onInput={(event) => {
        const target = event.target as HTMLTextAreaElement;
        reportTyping(slug);
        const postKey = key || newIdempotencyKey();
        if (!key) setKey(postKey);
        saveDraft(readDraft(event.currentTarget, postKey));
        if (target.name === "body") setMarkdown(target.value);
      }}
      className="space-y-3 rounded-lg border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900"
    >
      <input type="hidden" name="idempotencyKey" value={key} />
      <TextField
        label={t("headline")}
        name="headline"
        errors={errors.headline}
        maxLength={limits.headline}
        defaultValue={state.values?.headline}
      />
      {editor && (
        <div className="flex flex-wrap items-end gap-3">
          <SelectField
            label={t("kind")}
            name="kind"
            errors={errors.kind}
            defaultValue={state.values?.kind || "standard"}
            options={[
              ["standard", t("standard")],
              ["quote", t("quote")],
            ]}
          />
          <TextField
            label={t("quoteBy")}
            name="quoteBy"
            errors={errors.quoteBy}
            maxLength={limits.quoteBy}
            defaultValue={state.values?.quoteBy}
          />
        </div>
      )}
      <TextAreaField
        label={t("post")}
        name="body"
        errors={errors.body}
        hint={t("hint", { shortcut: t(`${mode}.shortcut`) })}
        rows={8}
        maxLength={limits.postMarkdown}
        defaultValue={state.values?.body}
        className="font-mono text-sm"
      />
      <div className="flex flex-wrap items-center gap-2">
        <ImageUploadButton slug={slug} />
        <MediaShelfButton slug={slug} />
      </div>
      {editor && <PollFields values={state.values} errors={errors.poll} timeZone={timeZone} />}
      {missingAlt.dialog}
      <div className="flex items-center gap-3">
        <Button
          type="submit"
          name="intent"
          value="publish"
          pending={pending}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          {pending ? t(`${mode}.pending`) : t(`${mode}.idle`)}
        </Button>
        {editor && (
          <button
            type="submit"
            name="intent"
            value="draft"
            disabled={pending}
            className="text-sm font-medium underline"
          >
            {t("saveDraft")}
          </button>
        )}
        <p
          role="status"
          className={`text-sm ${state.ok ? "text-green-700 dark:text-green-400" : state.waiting ? "text-amber-700 dark:text-amber-400" : "text-red-700 dark:text-red-400"}`}
        >
          {state.waiting ? t(`${mode}.waiting`) : pending ? "" : state.message}
        </p>
      </div>
      {/* After the main buttons, so that the first submit button is Publish. */}
      {editor && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">{t("scheduleLater")}</summary>
          <div className="mt-2 flex flex-wrap items-end gap-2">
            <TextField
              label={t("publishAt", { zone: timeZone })}
              name="scheduledFor"
              type="datetime-local"
              hint={t("publishAtHint", { zone: timeZone })}
              errors={errors.scheduledFor}
              defaultValue={state.values?.scheduledFor}
            />
            <button
              type="submit"
              name="intent"
              value="schedule"
              className="rounded-md border border-stone-300 px-3 py-2 font-medium dark:border-stone-700"
            >
              {t("schedule")}
            </button>
          </div>
        </details>
      )}
      {/* Last: it appears and grows as the rendered preview arrives (debounced), and above
          the buttons it moved Publish from under a pointer about to click it. */}
      <MarkdownPreview markdown={markdown} />
    </form>
  );
}
