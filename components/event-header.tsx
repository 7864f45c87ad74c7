import { useTranslations } from "next-intl";
import type { ReaderEvent } from "@/lib/shared/reader-feed";
import { formatExact } from "@/lib/shared/format-time";

/** The event's title block; redrawn live when the newsroom changes the settings. */
export function EventHeader({ event }: { event: ReaderEvent }) {
  const t = useTranslations("reader");
  return (
    <header className="border-b border-stone-200 pt-6 pb-6 sm:pt-10 dark:border-stone-800">
      <p
        className="mb-3 flex items-center gap-2 text-xs font-bold tracking-widest uppercase"
        data-testid="event-status"
      >
        {event.status === "LIVE" && (
          <span aria-hidden className="size-2 animate-pulse rounded-full bg-red-600 motion-reduce:animate-none" />
        )}
        <span
          className={
            event.status === "LIVE" ? "text-brand-strong dark:text-red-300" : "text-stone-600 dark:text-stone-400"
          }
        >
          {t(`status.${event.status}`)}
        </span>
      </p>
      <h1 className="font-serif text-3xl leading-tight font-bold text-balance sm:text-[2.75rem]">{event.title}</h1>
      {event.description && (
        <p className="mt-3 text-lg text-pretty text-stone-700 sm:text-xl dark:text-stone-300">{event.description}</p>
      )}
      {event.status === "SCHEDULED" && event.startsAt && (
        <p className="mt-4 font-semibold">
          {t.rich("coverageStarts", {
            when: formatExact(event.startsAt, event.timeZone, event.language),
            time: (when) => <time dateTime={event.startsAt!}>{when}</time>,
          })}
        </p>
      )}
      {event.coverImageUrl && (
        // A newsroom's own upload or URL, of unknown size: a plain img, kept in proportion.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={event.coverImageUrl}
          alt=""
          data-testid="event-cover-image"
          className="mt-6 aspect-[16/9] w-full rounded-lg bg-stone-200 object-cover dark:bg-stone-800"
        />
      )}
      <p className="mt-4 text-xs text-stone-600 dark:text-stone-400">
        {t("timesIn", { zone: event.timeZone.replaceAll("_", " ") })}
      </p>
    </header>
  );
}
