"use client";

import { useActionState, useState, useTransition } from "react";
import { pinPostAction, setKeyEventAction } from "@/app/(dashboard)/dashboard/events/[slug]/pin-actions";
import {
  deletePostAction,
  editPostAction,
  loadPostSourceAction,
} from "@/app/(dashboard)/dashboard/events/[slug]/actions";
import type { PostSource } from "@/lib/posts/get-post-source";
import { idle, type ActionState } from "@/lib/shared/action-state";
import { limits } from "@/lib/shared/limits";
import type { PostView } from "@/lib/shared/types";
import { Button } from "./ui/button";
import { inputClass } from "./ui/field";

/** Edit and delete for one post in the console. The change reaches readers live. */
export function PostActions({ post }: { post: PostView }) {
  const [source, setSource] = useState<PostSource | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const startEditing = () =>
    startTransition(async () => {
      const result = await loadPostSourceAction(post.id);
      if ("version" in result) setSource(result);
      else setMessage(result.message ?? "This post cannot be edited.");
    });
  const remove = () => {
    if (!window.confirm("Delete this post for every reader?")) return;
    startTransition(async () => {
      const result = await deletePostAction(post.id);
      if (!result.ok) setMessage(result.message ?? "The post was not deleted.");
    });
  };

  const run = (action: () => Promise<ActionState>) =>
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? null : (result.message ?? "That did not work."));
    });
  const togglePin = () => run(() => pinPostAction(post.id, !post.pinned));
  const toggleKey = () => {
    if (post.keyLabel) return run(() => setKeyEventAction(post.id, null));
    const label = window.prompt("Key event label (e.g. “Goal!”, “Polls close”):");
    if (label?.trim()) run(() => setKeyEventAction(post.id, label));
  };

  if (source) return <EditForm source={source} onDone={() => setSource(null)} />;
  return (
    <div className="mt-3 flex items-center gap-3 text-sm">
      <button type="button" onClick={startEditing} disabled={pending} className="font-medium underline">
        Edit
      </button>
      <button type="button" onClick={togglePin} disabled={pending} className="font-medium underline">
        {post.pinned ? "Unpin" : "Pin"}
      </button>
      <button type="button" onClick={toggleKey} disabled={pending} className="font-medium underline">
        {post.keyLabel ? "Unmark key event" : "Mark key event"}
      </button>
      <button type="button" onClick={remove} disabled={pending} className="font-medium text-red-700 underline">
        Delete
      </button>
      {message && (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {message}
        </span>
      )}
    </div>
  );
}

function EditForm({ source, onDone }: { source: PostSource; onDone: () => void }) {
  const [state, action, pending] = useActionState(async (previous: ActionState, form: FormData) => {
    const result = await editPostAction(source.id, previous, form);
    if (result.ok) onDone();
    return result;
  }, idle);
  const body = state.values?.body ?? source.body;
  const headline = state.values?.headline ?? source.headline;
  return (
    <form action={action} className="mt-3 space-y-2" aria-label="Edit post">
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
        <button type="button" onClick={onDone} className="text-sm font-medium underline">
          Cancel
        </button>
      </div>
    </form>
  );
}
