"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { pinPostAction, setKeyEventAction } from "@/app/(dashboard)/dashboard/events/[slug]/pin-actions";
import { deletePostAction, loadPostSourceAction } from "@/app/(dashboard)/dashboard/events/[slug]/actions";
import { announceDeletion } from "@/lib/client/recent-deletion";
import { closePollAction } from "@/lib/polls/close-poll-action";
import type { PostSource } from "@/lib/posts/get-post-source";
import type { ActionState } from "@/lib/shared/action-state";
import { limits } from "@/lib/shared/limits";
import type { PostView } from "@/lib/shared/types";
import { Dialog } from "./ui/dialog";
import { EditPostForm } from "./edit-post-form";
import { inputClass } from "./ui/field";

const actionClass = "font-medium underline aria-disabled:cursor-not-allowed aria-disabled:opacity-60";

/** Edit and delete for one post in the console. The change reaches readers live. */
export function PostActions({ post }: { post: PostView }) {
  const t = useTranslations("newsroom.postActions");
  const [source, setSource] = useState<PostSource | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [asking, setAsking] = useState<"delete" | "key" | "closePoll" | null>(null);

  const startEditing = () =>
    startTransition(async () => {
      const result = await loadPostSourceAction(post.id);
      if ("version" in result) setSource(result);
      else setMessage(result.message ?? t("cannotEdit"));
    });
  const remove = () =>
    startTransition(async () => {
      const result = await deletePostAction(post.id);
      if (!result.ok) setMessage(result.message ?? t("notDeleted"));
      else announceDeletion(post.id);
    });

  const run = (action: () => Promise<ActionState>) =>
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? null : (result.message ?? t("failed")));
    });
  const togglePin = () => run(() => pinPostAction(post.id, !post.pinned));
  const toggleKey = () => {
    if (post.keyLabel) run(() => setKeyEventAction(post.id, null));
    else setAsking("key");
  };
  // aria-disabled, not disabled, while an action runs: a disabled button drops the focus
  // that a closing dialog has just given back to it.
  const unlessPending = (act: () => void) => () => {
    if (!pending) act();
  };

  if (source) return <EditPostForm source={source} onDone={() => setSource(null)} />;
  return (
    <div className="mt-3 flex items-center gap-3 text-sm">
      <button type="button" onClick={unlessPending(startEditing)} aria-disabled={pending} className={actionClass}>
        {t("edit")}
      </button>
      <button type="button" onClick={unlessPending(togglePin)} aria-disabled={pending} className={actionClass}>
        {post.pinned ? t("unpin") : t("pin")}
      </button>
      <button type="button" onClick={unlessPending(toggleKey)} aria-disabled={pending} className={actionClass}>
        {post.keyLabel ? t("unmarkKey") : t("markKey")}
      </button>
      {post.poll && !post.poll.closedAt && (
        <button
          type="button"
          onClick={unlessPending(() => setAsking("closePoll"))}
          aria-disabled={pending}
          className={actionClass}
        >
          {t("closePoll")}
        </button>
      )}
      <button
        type="button"
        onClick={unlessPending(() => setAsking("delete"))}
        aria-disabled={pending}
        className={`${actionClass} text-red-700 dark:text-red-400`}
      >
        {t("delete")}
      </button>
      {asking === "delete" && (
        <Dialog
          title={t("deleteTitle")}
          confirmLabel={t("deleteConfirm")}
          cancelLabel={t("cancel")}
          destructive
          onConfirm={remove}
          onClose={() => setAsking(null)}
        >
          <p className="text-sm text-stone-700 dark:text-stone-300">{t("deleteDetail")}</p>
        </Dialog>
      )}
      {asking === "closePoll" && (
        <Dialog
          title={t("closePollTitle")}
          confirmLabel={t("closePollConfirm")}
          cancelLabel={t("cancel")}
          onConfirm={() => run(() => closePollAction(post.id))}
          onClose={() => setAsking(null)}
        >
          <p className="text-sm text-stone-700 dark:text-stone-300">{t("closePollDetail")}</p>
        </Dialog>
      )}
      {asking === "key" && (
        <Dialog
          title={t("keyTitle")}
          confirmLabel={t("keyConfirm")}
          cancelLabel={t("cancel")}
          onConfirm={(form) => {
            const label = String(form.get("label") ?? "").trim();
            if (label) run(() => setKeyEventAction(post.id, label));
          }}
          onClose={() => setAsking(null)}
        >
          <label className="block space-y-1 text-sm">
            <span className="font-medium">{t("keyLabel")}</span>
            <input
              name="label"
              required
              maxLength={limits.keyLabel}
              aria-describedby={`key-hint-${post.id}`}
              className={inputClass}
            />
          </label>
          <p id={`key-hint-${post.id}`} className="text-xs text-stone-600 dark:text-stone-300">
            {t("keyHint")}
          </p>
        </Dialog>
      )}
      {message && (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {message}
        </span>
      )}
    </div>
  );
}
