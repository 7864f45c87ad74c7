"use client";

import { useTranslations } from "next-intl";
import { useContext, useState, useSyncExternalStore } from "react";
import { ReactionsContext } from "@/lib/client/reaction-store";
import { reactionEmoji, reactionKinds, type ReactionCounts, type ReactionKind } from "@/lib/shared/reactions";

/**
 * A post's reaction buttons with their counts. Without JavaScript each is a form post that
 * comes back to the post; with it, a press toggles the reader's own reaction in place.
 * Counts change live without moving anything: the row's height and each button's width
 * are reserved, and nothing takes the focus.
 */
export function Reactions({ postId }: { postId: string }) {
  const store = useContext(ReactionsContext);
  const t = useTranslations("reader.reactions");
  const fallback = store ?? null;
  const snapshot = useSyncExternalStore(
    fallback?.subscribe ?? noSubscribe,
    fallback?.get ?? noSnapshot,
    fallback?.get ?? noSnapshot,
  );
  const [busy, setBusy] = useState<ReactionKind | null>(null);
  const [failed, setFailed] = useState("");
  if (!store || !snapshot) return null;
  const counts = snapshot.totals[postId] ?? {};
  const mine = new Set(snapshot.mine[postId] ?? []);
  const action = `/api/events/${encodeURIComponent(store.slug)}/posts/${encodeURIComponent(postId)}/reactions`;

  async function toggle(event: React.MouseEvent<HTMLButtonElement>, kind: ReactionKind) {
    event.preventDefault(); // the form is for readers without JavaScript
    if (!store || busy) return;
    const undo = mine.has(kind);
    setBusy(kind);
    setFailed("");
    try {
      const response = await fetch(action, {
        method: undo ? "DELETE" : "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ kind, reader: store.readerToken() }),
      });
      const body = (await response.json().catch(() => ({}))) as { counts?: ReactionCounts; reader?: string };
      if (response.status === 409) store.freeze();
      if (!response.ok || !body.counts) throw new Error(String(response.status));
      if (body.reader) store.keepReaderToken(body.reader);
      store.setPost(postId, body.counts, kind, !undo);
    } catch {
      setFailed(t("failed"));
    } finally {
      setBusy(null);
    }
  }

  return (
    <form method="post" action={action} className="mt-3 flex min-h-9 flex-wrap items-center gap-1.5">
      {store.embed && <input type="hidden" name="from" value="embed" />}
      <div role="group" aria-label={t("group")} className="flex flex-wrap items-center gap-1.5">
        {reactionKinds.map((kind) => {
          const pressed = mine.has(kind);
          const label = t("label", { label: `${reactionEmoji[kind]} ${t(kind)}`, count: counts[kind] ?? 0 });
          return (
            <button
              key={kind}
              type="submit"
              name="kind"
              value={kind}
              aria-label={label}
              title={t(kind)}
              aria-pressed={pressed}
              disabled={snapshot.frozen}
              aria-busy={busy === kind || undefined}
              data-reaction={kind}
              onClick={(event) => void toggle(event, kind)}
              className={`inline-flex h-8 min-w-14 items-center justify-center gap-1 rounded-full border px-2 text-sm tabular-nums transition-colors disabled:cursor-default disabled:opacity-70 ${
                pressed
                  ? "border-brand bg-red-50 text-brand-strong dark:border-red-400 dark:bg-red-950/40 dark:text-red-200"
                  : "border-stone-300 text-stone-700 hover:bg-stone-100 dark:border-stone-700 dark:text-stone-300 dark:hover:bg-stone-800"
              }`}
            >
              <span aria-hidden>{reactionEmoji[kind]}</span>
              <span aria-hidden data-count>
                {counts[kind] ?? 0}
              </span>
            </button>
          );
        })}
      </div>
      {/* Not role=status: the feed's one status is its live badge. */}
      <span aria-live="polite" className="text-sm text-red-700 dark:text-red-300">
        {failed}
      </span>
    </form>
  );
}

const noSubscribe = () => () => {};
const noSnapshot = () => null;
