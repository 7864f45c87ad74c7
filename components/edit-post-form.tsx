"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef, useState } from "react";
import { editPostAction } from "@/app/(dashboard)/dashboard/events/[slug]/actions";
import { editDraftKey } from "@/lib/client/local-draft";
import { readDraft, useLocalDraft } from "@/lib/client/use-local-draft";
import type { PostSource } from "@/lib/posts/get-post-source";
import { idle, type ActionState } from "@/lib/shared/action-state";
import { limits } from "@/lib/shared/limits";
import { useMissingAltWarning } from "./missing-alt-warning";
import { Button } from "./ui/button";
import { inputClass } from "./ui/field";

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/**
 * Edits one post's headline and Markdown, against the version that was loaded (a post
 * changed since is refused, not overwritten). The text is kept in localStorage for that
 * version until it is saved, so a reload or a closed tab loses nothing: Edit restores it.
 */
export function EditPostForm({
  source,
  onDone,
  save: saveAction = editPostAction,
}: {
  source: PostSource;
  onDone: () => void;
  /** What saves it: a published post's edit (the default), or a kept-back post's. */
  save?: (postId: string, previous: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const t = useTranslations("newsroom.editPost");
  const formRef = useRef<HTMLFormElement>(null);
  const headlineRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  // The version this edit is based on: the one loaded, or theirs once loaded after a conflict.
  const [base, setBase] = useState(source.version);
  const { save, clear } = useLocalDraft(editDraftKey(source.id, source.version), formRef, () => {});
  const [state, action, pending] = useActionState(async (previous: ActionState, form: FormData) => {
    let result: ActionState;
    try {
      result = await saveAction(source.id, previous, form);
    } catch {
      // Unanswered (offline, a server restarting): never an error page; the text stays.
      return {
        ok: false,
        message: t("unsent"),
        values: { headline: field(form, "headline"), body: field(form, "body") },
      };
    }
    if (result.ok) {
      clear();
      onDone();
    }
    return result;
  }, idle);
  const missingAlt = useMissingAltWarning(t("saveAnyway"));
  const body = state.values?.body ?? source.body;
  const headline = state.values?.headline ?? source.headline;
  // Someone else saved first, and their version has not been loaded into the editor yet.
  const theirs = state.current && state.current.version !== base ? state.current : null;
  const loadTheirs = () => {
    if (!theirs) return;
    if (headlineRef.current) headlineRef.current.value = theirs.headline ?? "";
    if (bodyRef.current) bodyRef.current.value = theirs.body;
    setBase(theirs.version);
    if (formRef.current) save(readDraft(formRef.current, ""));
    bodyRef.current?.focus();
  };
  return (
    <form
      ref={formRef}
      action={action}
      onSubmit={missingAlt.check}
      onInput={(event) => save(readDraft(event.currentTarget, ""))}
      className="mt-3 space-y-2"
      aria-label={t("form")}
    >
      <input type="hidden" name="version" value={base} />
      <label className="block text-sm font-medium" htmlFor={`headline-${source.id}`}>
        {t("headline")}
      </label>
      <input
        ref={headlineRef}
        id={`headline-${source.id}`}
        name="headline"
        defaultValue={headline}
        maxLength={limits.headline}
        className={inputClass}
      />
      <label className="block text-sm font-medium" htmlFor={`body-${source.id}`}>
        {t("post")}
      </label>
      <textarea
        ref={bodyRef}
        id={`body-${source.id}`}
        name="body"
        rows={5}
        defaultValue={body}
        maxLength={limits.postMarkdown}
        className={`${inputClass} font-mono text-sm`}
      />
      {theirs ? (
        <div role="alert" className="space-y-2 rounded-md border border-amber-500 p-3 text-sm">
          <p className="font-medium">{t("conflict")}</p>
          {theirs.headline && <p className="font-semibold">{theirs.headline}</p>}
          <pre aria-label={t("theirs")} className="font-mono text-sm whitespace-pre-wrap">
            {theirs.body}
          </pre>
          <button type="button" onClick={loadTheirs} className="font-medium underline">
            {t("loadTheirs")}
          </button>
          <span className="text-stone-600 dark:text-stone-400">{t("stays")}</span>
        </div>
      ) : (
        state.message &&
        !state.ok && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {state.message}
          </p>
        )
      )}
      {state.current && !theirs && state.values && (
        <details className="text-sm">
          <summary className="cursor-pointer">{t("yours")}</summary>
          {state.values.headline && <p className="font-semibold">{state.values.headline}</p>}
          <pre aria-label={t("yours")} className="font-mono text-sm whitespace-pre-wrap">
            {state.values.body}
          </pre>
        </details>
      )}
      {missingAlt.dialog}
      <div className="flex gap-3">
        <Button type="submit" pending={pending}>
          {pending ? t("saving") : t("save")}
        </Button>
        <button
          type="button"
          onClick={() => {
            clear();
            onDone();
          }}
          className="text-sm font-medium underline"
        >
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
