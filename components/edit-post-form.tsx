"use client";

import { useActionState, useRef } from "react";
import { editPostAction } from "@/app/(dashboard)/dashboard/events/[slug]/actions";
import { editDraftKey } from "@/lib/client/local-draft";
import { readDraft, useLocalDraft } from "@/lib/client/use-local-draft";
import type { PostSource } from "@/lib/posts/get-post-source";
import { idle, type ActionState } from "@/lib/shared/action-state";
import { limits } from "@/lib/shared/limits";
import { Button } from "./ui/button";
import { inputClass } from "./ui/field";

const unsent = "Not saved: the server could not be reached. Your text is kept here; press Save again.";

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/**
 * Edits one post's headline and Markdown, against the version that was loaded (a post
 * changed since is refused, not overwritten). The text is kept in localStorage for that
 * version until it is saved, so a reload or a closed tab loses nothing: Edit restores it.
 */
export function EditPostForm({ source, onDone }: { source: PostSource; onDone: () => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const { save, clear } = useLocalDraft(editDraftKey(source.id, source.version), formRef, () => {});
  const [state, action, pending] = useActionState(async (previous: ActionState, form: FormData) => {
    let result: ActionState;
    try {
      result = await editPostAction(source.id, previous, form);
    } catch {
      // Unanswered (offline, a server restarting): never an error page; the text stays.
      return { ok: false, message: unsent, values: { headline: field(form, "headline"), body: field(form, "body") } };
    }
    if (result.ok) {
      clear();
      onDone();
    }
    return result;
  }, idle);
  const body = state.values?.body ?? source.body;
  const headline = state.values?.headline ?? source.headline;
  return (
    <form
      ref={formRef}
      action={action}
      onInput={(event) => save(readDraft(event.currentTarget, ""))}
      className="mt-3 space-y-2"
      aria-label="Edit post"
    >
      <input type="hidden" name="version" value={source.version} />
      <label className="block text-sm font-medium" htmlFor={`headline-${source.id}`}>
        Headline
      </label>
      <input
        id={`headline-${source.id}`}
        name="headline"
        defaultValue={headline}
        maxLength={limits.headline}
        className={inputClass}
      />
      <label className="block text-sm font-medium" htmlFor={`body-${source.id}`}>
        Post
      </label>
      <textarea
        id={`body-${source.id}`}
        name="body"
        rows={5}
        defaultValue={body}
        maxLength={limits.postMarkdown}
        className={`${inputClass} font-mono text-sm`}
      />
      {state.message && !state.ok && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      )}
      <div className="flex gap-3">
        <Button type="submit" pending={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        <button
          type="button"
          onClick={() => {
            clear();
            onDone();
          }}
          className="text-sm font-medium underline"
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
