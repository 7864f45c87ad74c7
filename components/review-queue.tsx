"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState, useTransition } from "react";
import { usePageActionState } from "@/lib/client/use-page-action-state";
import {
  approvePostAction,
  discardPostAction,
  resubmitPostAction,
  sendBackPostAction,
} from "@/app/(dashboard)/dashboard/events/[slug]/review-actions";
import { reviewNoteMax } from "@/lib/members/schemas";
import type { Submission } from "@/lib/posts/list-submissions";
import { idle, type ActionState } from "@/lib/shared/action-state";
import { formatDeskTime } from "@/lib/shared/format-time";
import { limits } from "@/lib/shared/limits";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { useConfirm } from "./ui/confirm";
import { inputClass } from "./ui/field";

/** One post under review, as sanitized HTML (rendered when it was written). */
function Preview({ post, timeZone, children }: { post: Submission; timeZone: string; children: React.ReactNode }) {
  const t = useTranslations("newsroom.review");
  return (
    <article
      aria-label={post.headline ?? t("postBy", { name: post.authorName })}
      className="border-t border-stone-200 pt-3 dark:border-stone-800"
    >
      <p className="mb-1 text-sm text-stone-500 dark:text-stone-400">
        {post.authorName}
        {post.submittedAt && t("sent", { when: formatDeskTime(post.submittedAt, timeZone) })}
      </p>
      {post.headline && <h3 className="font-semibold">{post.headline}</h3>}
      <div className="post-body" dangerouslySetInnerHTML={{ __html: post.html }} />
      {children}
    </article>
  );
}

/** The editors' queue, newest first. New submissions arrive live (DeskRefresh). */
export function ReviewQueue({
  slug,
  submissions,
  timeZone,
}: {
  slug: string;
  submissions: Submission[];
  /** The event's: times are shown in it, named. */
  timeZone: string;
}) {
  const t = useTranslations("newsroom.review");
  return (
    <div className="space-y-3">
      <p className="text-sm text-stone-500 dark:text-stone-400">
        {submissions.length === 0 ? t("nothing") : t("newestFirst")}
      </p>
      {submissions.map((post) => (
        <Preview key={`${post.id}:${post.version}`} post={post} timeZone={timeZone}>
          <ReviewActions slug={slug} post={post} />
        </Preview>
      ))}
    </div>
  );
}

function ReviewActions({ slug, post }: { slug: string; post: Submission }) {
  const t = useTranslations("newsroom.review");
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [sendingBack, setSendingBack] = useState(false);
  const approve = () =>
    startTransition(async () => {
      const result = await approvePostAction(slug, post.id, post.version);
      setMessage(result.ok ? null : (result.message ?? t("notPublished")));
    });
  if (sendingBack) return <SendBackForm slug={slug} post={post} onCancel={() => setSendingBack(false)} />;
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
      <Button type="button" onClick={approve} pending={pending}>
        {pending ? t("publishing") : t("approve")}
      </Button>
      <button type="button" onClick={() => setSendingBack(true)} disabled={pending} className="font-medium underline">
        {t("sendBack")}
      </button>
      <Alert message={message} />
    </div>
  );
}

function SendBackForm({ slug, post, onCancel }: { slug: string; post: Submission; onCancel: () => void }) {
  const [state, action, pending] = usePageActionState(sendBackPostAction.bind(null, slug, post.id), idle);
  const t = useTranslations("newsroom.review");
  const id = `note-${post.id}`;
  return (
    <form action={action} className="mt-3 space-y-2" aria-label={t("sendBack")}>
      <label htmlFor={id} className="block text-sm font-medium">
        {t("note")}
      </label>
      <textarea
        id={id}
        name="note"
        rows={2}
        required
        maxLength={reviewNoteMax}
        defaultValue={state.values?.note}
        className={`${inputClass} text-sm`}
      />
      <Alert message={state.ok ? null : (state.fieldErrors?.note?.join(" ") ?? state.message)} />
      <div className="flex gap-3">
        <Button type="submit" pending={pending}>
          {pending ? t("sendingBack") : t("sendBack")}
        </Button>
        <button type="button" onClick={onCancel} className="text-sm font-medium underline">
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

/** A contributor's own drafts and submissions, with the editors' notes; edit and resubmit, or discard. */
export function MyDrafts({ slug, drafts, timeZone }: { slug: string; drafts: Submission[]; timeZone: string }) {
  const t = useTranslations("newsroom.review");
  if (drafts.length === 0) return <p className="text-sm text-stone-500 dark:text-stone-400">{t("mineNothing")}</p>;
  return (
    <div className="space-y-3">
      {drafts.map((post) => (
        <Preview key={`${post.id}:${post.version}`} post={post} timeZone={timeZone}>
          <p className="mt-2 text-sm font-medium">
            {post.status === "SUBMITTED" ? t("waitingEditor") : t("sentBackToYou")}
          </p>
          {post.status === "DRAFT" && post.reviewNote && (
            <blockquote className="mt-1 border-l-2 border-amber-500 pl-3 text-sm">
              {t("noteFromEditors", { note: post.reviewNote })}
            </blockquote>
          )}
          <DraftActions slug={slug} post={post} />
        </Preview>
      ))}
    </div>
  );
}

function DraftActions({ slug, post }: { slug: string; post: Submission }) {
  const t = useTranslations("newsroom.review");
  const [editing, setEditing] = useState(false);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const { dialog, ask } = useConfirm();
  const discard = () =>
    ask({
      title: post.status === "SUBMITTED" ? t("withdrawTitle") : t("discardTitle"),
      detail: post.status === "SUBMITTED" ? t("withdrawDetail") : undefined,
      confirmLabel: post.status === "SUBMITTED" ? t("withdraw") : t("discard"),
      destructive: true,
      onConfirm: () =>
        startTransition(async () => {
          const result = await discardPostAction(slug, post.id);
          setMessage(result.ok ? null : (result.message ?? t("notDiscarded")));
        }),
    });
  if (editing) return <ResubmitForm slug={slug} post={post} onCancel={() => setEditing(false)} />;
  return (
    <div className="mt-3 flex items-center gap-3 text-sm">
      {dialog}
      <button type="button" onClick={() => setEditing(true)} disabled={pending} className="font-medium underline">
        {t("edit")}
      </button>
      <button
        type="button"
        onClick={discard}
        disabled={pending}
        className="font-medium text-red-700 dark:text-red-400 underline"
      >
        {post.status === "SUBMITTED" ? t("withdraw") : t("discard")}
      </button>
      <Alert message={message} />
    </div>
  );
}

function ResubmitForm({ slug, post, onCancel }: { slug: string; post: Submission; onCancel: () => void }) {
  const [state, action, pending] = useActionState(
    (previous: ActionState, form: FormData) => resubmitPostAction(slug, post.id, previous, form),
    idle,
  );
  const t = useTranslations("newsroom.review");
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="mt-3 space-y-2" aria-label={t("resubmitForm")}>
      <input type="hidden" name="version" value={post.version} />
      <label className="block text-sm font-medium" htmlFor={`draft-headline-${post.id}`}>
        {t("headline")}
      </label>
      <input
        id={`draft-headline-${post.id}`}
        name="headline"
        defaultValue={state.values?.headline ?? post.headline ?? ""}
        maxLength={limits.headline}
        className={inputClass}
      />
      <label className="block text-sm font-medium" htmlFor={`draft-body-${post.id}`}>
        {t("post")}
      </label>
      <textarea
        id={`draft-body-${post.id}`}
        name="body"
        rows={5}
        defaultValue={state.values?.body ?? post.body}
        maxLength={limits.postMarkdown}
        className={`${inputClass} font-mono text-sm`}
      />
      <Alert
        message={
          state.ok
            ? null
            : [state.message, ...(errors.headline ?? []), ...(errors.body ?? [])].filter(Boolean).join(" ")
        }
      />
      <div className="flex gap-3">
        <Button type="submit" pending={pending}>
          {pending ? t("sending") : t("resubmit")}
        </Button>
        <button type="button" onClick={onCancel} className="text-sm font-medium underline">
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
