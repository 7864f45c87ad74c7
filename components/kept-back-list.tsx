"use client";

import { useState, useTransition } from "react";
import { deletePostAction } from "@/app/(dashboard)/dashboard/events/[slug]/actions";
import { publishNowAction } from "@/app/(dashboard)/dashboard/events/[slug]/draft-actions";
import type { ActionState } from "@/lib/shared/action-state";
import { Dialog } from "./ui/dialog";

type Item = { id: string; headline: string | null; html: string; scheduledFor: string | null; note: string | null };

export function KeptBackList({ slug, posts }: { slug: string; posts: Item[] }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const run = (action: () => Promise<ActionState>) =>
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? null : (result.message ?? "That did not work."));
    });
  return (
    <ul className="mt-3 divide-y divide-stone-200 dark:divide-stone-800">
      {posts.map((post) => (
        <li key={post.id} className="py-3" data-kept-back={post.id}>
          <p className="text-xs font-semibold uppercase tracking-wide text-stone-500 dark:text-stone-400">
            {post.scheduledFor ? (
              <>
                Scheduled for <time dateTime={post.scheduledFor}>{new Date(post.scheduledFor).toLocaleString()}</time>
              </>
            ) : (
              "Draft"
            )}
          </p>
          {post.note && <p className="text-sm text-amber-700 dark:text-amber-400">{post.note}</p>}
          {post.headline && <p className="font-semibold">{post.headline}</p>}
          <div className="post-body text-sm" dangerouslySetInnerHTML={{ __html: post.html }} />
          <div className="mt-2 flex gap-3 text-sm">
            <button
              type="button"
              disabled={pending}
              className="font-medium underline"
              onClick={() => run(() => publishNowAction(slug, post.id))}
            >
              Publish now
            </button>
            <button
              type="button"
              disabled={pending}
              className="font-medium text-red-700 dark:text-red-400 underline"
              onClick={() => setDeleting(post.id)}
            >
              Delete
            </button>
          </div>
        </li>
      ))}
      {deleting && (
        <Dialog
          title="Delete this post?"
          confirmLabel="Delete"
          destructive
          onConfirm={() => run(() => deletePostAction(deleting))}
          onClose={() => setDeleting(null)}
        >
          <p className="text-sm text-stone-700 dark:text-stone-300">It was never published.</p>
        </Dialog>
      )}
      {message && (
        <li role="alert" className="py-2 text-sm text-red-700 dark:text-red-400">
          {message}
        </li>
      )}
    </ul>
  );
}
