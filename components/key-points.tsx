import { useLocale, useTranslations } from "next-intl";
import { toLocale } from "@/lib/i18n/locales";
import { formatDeskTime } from "@/lib/shared/format-time";

type Props = {
  /** Sanitized at write time (lib/events/set-event-summary.ts); nothing is shown when empty. */
  html: string;
  /** ISO 8601, or null when unknown. */
  updatedAt: string | null;
  /** The event's zone: the time reads as the rest of the page's. */
  timeZone: string;
};

/**
 * The event's "Key points", pinned above the updates: a named region inside the page's main
 * content (an aside there would be a nested complementary landmark). A plain component (no
 * state), so the page renders it on the server and the live feed redraws it from `event.updated`.
 */
export function KeyPoints({ html, updatedAt, timeZone }: Props) {
  const t = useTranslations("reader");
  const locale = toLocale(useLocale());
  if (!html) return null;
  return (
    <section
      aria-labelledby="key-points-heading"
      data-testid="key-points"
      className="my-5 rounded-lg border-s-4 border-brand bg-stone-100 px-5 py-4 dark:bg-stone-900"
    >
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-x-3">
        <h2 id="key-points-heading" className="font-serif text-xl font-bold">
          {t("keyPoints")}
        </h2>
        {updatedAt && (
          <p className="text-xs text-stone-600 dark:text-stone-400">
            {t.rich("keyPointsUpdated", {
              when: formatDeskTime(updatedAt, timeZone, locale),
              time: (when) => <time dateTime={updatedAt}>{when}</time>,
            })}
          </p>
        )}
      </div>
      <div className="post-body" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}
