"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { deletePostAction, loadPostSourceAction } from "@/app/(dashboard)/dashboard/events/[slug]/actions";
import { editDraftAction, publishNowAction } from "@/app/(dashboard)/dashboard/events/[slug]/draft-actions";
import type { PostSource } from "@/lib/posts/get-post-source";
import type { ActionState } from "@/lib/shared/action-state";
import { formatDeskTime } from "@/lib/shared/format-time";
import { EditPostForm } from "./edit-post-form";
import { useConfirm } from "./ui/confirm";

type Item = {
  id: string;
  headline: string | null;
  html: string;
  scheduledFor: string | null;
  note: string | null;
  authorName: string;
  poll: { question: string; options: string[] } | null;
};

/** `timeZone` is the event's: a scheduled time is shown in it, named. */
export function KeptBackList({ slug, posts, timeZone }: { slug: string; posts: Item[]; timeZone: string }) {
  const t = useTranslations("newsroom.keptBack");
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const { dialog, ask } = useConfirm();
  // The post being edited, with the source it was loaded at (any editor's: kept back is shared).
  const [editing, setEditing] = useState<PostSource | null>(null);
  const edit = (postId: string) =>
    startTransition(async () => {
      const result = await loadPostSourceAction(postId);
      if ("version" in result) setEditing(result);
      else setMessage(result.message ?? t("cannotEdit"));
    });
  const run = (action: () => Promise<ActionState>) =>
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? null : (result.message ?? t("failed")));
    });
  return (
    <ul className="mt-3 divide-y divide-stone-200 dark:divide-stone-800">
      {posts.map((post) => (
        <li key={post.id} className="py-3" data-kept-back={post.id}>
          <p className="text-xs font-semibold uppercase tracking-wide text-stone-500 dark:text-stone-400">
            {post.scheduledFor
              ? t.rich("scheduledFor", {
                  when: formatDeskTime(post.scheduledFor, timeZone),
                  time: (chunks) => <time dateTime={post.scheduledFor ?? undefined}>{chunks}</time>,
                })
              : t("draft")}{" "}
            {t("by", { name: post.authorName })}
          </p>
          {post.note && <p className="text-sm text-amber-700 dark:text-amber-400">{post.note}</p>}
          {editing?.id === post.id ? (
            // Keyed by version: a save elsewhere (the desk signal refreshes the list) is a fresh form.
            <EditPostForm
              key={editing.version}
              source={editing}
              save={editDraftAction}
              onDone={() => setEditing(null)}
            />
          ) : (
            <>
              {post.headline && <p className="font-semibold">{post.headline}</p>}
              <div className="post-body text-sm" dangerouslySetInnerHTML={{ __html: post.html }} />
              {post.poll && (
                <p className="mt-1 text-sm text-stone-600 dark:text-stone-300">
                  {t("poll", { question: post.poll.question, options: post.poll.options.join(" · ") })}
                </p>
              )}
            </>
          )}
          <div className="mt-2 flex gap-3 text-sm">
            {editing?.id !== post.id && (
              <button type="button" disabled={pending} className="font-medium underline" onClick={() => edit(post.id)}>
                {t("edit")}
              </button>
            )}
            <button
              type="button"
              disabled={pending}
              className="font-medium underline"
              onClick={() => run(() => publishNowAction(slug, post.id))}
            >
              {t("publishNow")}
            </button>
            <button
              type="button"
              disabled={pending}
              className="font-medium text-red-700 dark:text-red-400 underline"
              onClick={() =>
                ask({
                  title: t("deleteTitle"),
                  detail: t("deleteDetail"),
                  confirmLabel: t("deleteConfirm"),
                  destructive: true,
                  onConfirm: () => run(() => deletePostAction(post.id)),
                })
              }
            >
              {t("delete")}
            </button>
          </div>
        </li>
      ))}
      {message && (
        <li role="alert" className="py-2 text-sm text-red-700 dark:text-red-400">
          {message}
        </li>
      )}
      {dialog && <li className="list-none">{dialog}</li>}
    </ul>
  );
}
