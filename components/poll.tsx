"use client";

import { useLocale, useTranslations } from "next-intl";
import { useContext, useState, useSyncExternalStore } from "react";
import { toLocale } from "@/lib/i18n/locales";
import { PollsContext } from "@/lib/client/poll-store";
import { formatExact } from "@/lib/shared/format-time";
import { isPollClosed, percentOf, type PollCounts, type PollView } from "@/lib/shared/polls";

type Props = { poll: PollView; postId: string; timeZone: string };

const noSubscribe = () => () => {};
const noSnapshot = () => null;

/**
 * A post's poll. Without JavaScript it is a form of radio buttons that posts the vote and
 * comes back to the post with its results; with it, the vote is sent in place. Results
 * (after voting, once closed, and always in the console) are text first — each option's
 * share and count — with a bar beside it for the eye; live counts change text only.
 */
export function Poll({ poll, postId, timeZone }: Props) {
  const store = useContext(PollsContext);
  const t = useTranslations("reader.poll");
  const locale = toLocale(useLocale());
  const snapshot = useSyncExternalStore(
    store?.subscribe ?? noSubscribe,
    store?.get ?? noSnapshot,
    store?.get ?? noSnapshot,
  );
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState("");
  const headingId = `poll-${poll.id}-question`;
  const closed =
    !!store && !!snapshot && (store.options.frozen || !!snapshot.closed[poll.id] || isPollClosed(poll, snapshot.now));
  const choice = snapshot?.mine[poll.id] ?? null;
  const showResults =
    !!store && !!snapshot && (closed || store.options.desk || choice !== null || store.options.revealPostId === postId);
  const action = store
    ? `/api/events/${encodeURIComponent(store.slug)}/posts/${encodeURIComponent(postId)}/poll`
    : undefined;

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault(); // the form is for readers without JavaScript
    if (!store || !action || busy) return;
    const option = new FormData(event.currentTarget).get("option");
    if (typeof option !== "string") return setFailed(t("choose"));
    setBusy(true);
    setFailed("");
    try {
      const response = await fetch(action, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ option, reader: store.readerToken() }),
      });
      const body = (await response.json().catch(() => ({}))) as {
        choice?: string;
        counts?: PollCounts;
        reader?: string;
        error?: string;
      };
      if (response.status === 409) return store.refused(poll.id);
      if (!response.ok || !body.counts || !body.choice) {
        setFailed(response.status === 429 && body.error ? body.error : t("failed"));
        return;
      }
      if (body.reader) store.keepReaderToken(body.reader);
      store.voted(poll.id, body.choice, body.counts);
    } catch {
      setFailed(t("failed"));
    } finally {
      setBusy(false);
    }
  }

  const status = closed
    ? t("closed")
    : poll.closesAt
      ? t("closes", { when: formatExact(poll.closesAt, timeZone, locale) })
      : null;
  return (
    <section
      aria-labelledby={headingId}
      data-poll-id={poll.id}
      className="mt-4 rounded-lg border border-stone-200 p-4 dark:border-stone-700"
    >
      <h3 id={headingId} className="font-semibold">
        <span className="sr-only">{t("group")}: </span>
        {poll.question}
      </h3>
      {showResults ? (
        <Results poll={poll} counts={snapshot!.results[poll.id] ?? {}} choice={choice} />
      ) : (
        <form method="post" action={action} onSubmit={submit} className="mt-3 space-y-2">
          {store?.options.embed && <input type="hidden" name="from" value="embed" />}
          <fieldset className="space-y-1.5">
            <legend className="sr-only">{poll.question}</legend>
            {poll.options.map((option) => (
              <label key={option.id} className="flex items-center gap-2">
                <input type="radio" name="option" value={option.id} required disabled={!store} className="size-4" />
                <span>{option.label}</span>
              </label>
            ))}
          </fieldset>
          {store && (
            <button
              type="submit"
              aria-disabled={busy}
              className="rounded-md bg-stone-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900 dark:hover:bg-stone-300"
            >
              {busy ? t("voting") : t("vote")}
            </button>
          )}
          {failed && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {failed}
            </p>
          )}
        </form>
      )}
      {status && <p className="mt-2 text-sm text-stone-600 dark:text-stone-400">{status}</p>}
    </section>
  );
}

function Results({ poll, counts, choice }: { poll: PollView; counts: PollCounts; choice: string | null }) {
  const t = useTranslations("reader.poll");
  const locale = toLocale(useLocale());
  const total = poll.options.reduce((sum, option) => sum + (counts[option.id] ?? 0), 0);
  const percent = new Intl.NumberFormat(locale, { style: "percent" });
  return (
    <div className="mt-3">
      <p className="sr-only">{t("results")}</p>
      <ul className="space-y-2">
        {poll.options.map((option) => {
          const count = counts[option.id] ?? 0;
          const share = percentOf(count, total);
          return (
            <li key={option.id} data-option-id={option.id}>
              <div className="flex flex-wrap justify-between gap-x-3 text-sm">
                <span className={option.id === choice ? "font-semibold" : undefined}>
                  {option.label}
                  {option.id === choice && (
                    <span className="ms-2 text-brand-strong dark:text-red-300">✓ {t("yours")}</span>
                  )}
                </span>
                <span className="tabular-nums text-stone-700 dark:text-stone-300">
                  {percent.format(share / 100)} · {t("votes", { count })}
                </span>
              </div>
              <progress
                aria-hidden
                max={100}
                value={share}
                className="mt-1 block h-2 w-full overflow-hidden rounded-full bg-stone-200 dark:bg-stone-700 [&::-moz-progress-bar]:bg-brand [&::-webkit-progress-bar]:bg-stone-200 dark:[&::-webkit-progress-bar]:bg-stone-700 [&::-webkit-progress-value]:bg-brand"
              />
            </li>
          );
        })}
      </ul>
      <p className="mt-2 text-sm font-medium tabular-nums" data-poll-total>
        {t("votes", { count: total })}
      </p>
    </div>
  );
}
