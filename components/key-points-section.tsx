import { useTranslations } from "next-intl";
import { formatDeskTime } from "@/lib/shared/format-time";
import { KeyPointsForm } from "./key-points-form";

type Props = { slug: string; summary: string; updatedAt: Date | null; timeZone: string };

const box = "space-y-3 rounded-lg border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900";

/** The event's key points, for owners and editors: pinned above the readers' feed. */
export function KeyPointsSection({ slug, summary, updatedAt, timeZone }: Props) {
  const t = useTranslations("newsroom.keyPoints");
  return (
    <section aria-labelledby="key-points-heading" className={box}>
      <div className="flex flex-wrap items-baseline gap-2">
        <h2 id="key-points-heading" className="text-lg font-semibold">
          {t("heading")}
        </h2>
        {summary && updatedAt && (
          <span className="text-sm text-stone-500 dark:text-stone-400">
            {t("updated", { when: formatDeskTime(updatedAt.toISOString(), timeZone) })}
          </span>
        )}
      </div>
      <KeyPointsForm slug={slug} summary={summary} />
    </section>
  );
}
