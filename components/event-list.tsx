import { useTranslations } from "next-intl";
import Link from "next/link";
import type { PublicEvent } from "@/lib/events/list-public-events";
import { formatExact } from "@/lib/shared/format-time";

type Props = { id: string; title: string; events: PublicEvent[]; live?: boolean };

/** One section of the home page: a heading and the events under it, each a link to its page. */
export function EventList({ id, title, events, live }: Props) {
  const t = useTranslations("reader.home");
  if (events.length === 0) return null;
  return (
    <section aria-labelledby={id} className="mt-10">
      <h2
        id={id}
        className="flex items-center gap-2 text-xs font-bold tracking-widest text-stone-700 uppercase dark:text-stone-300"
      >
        {live && (
          <span aria-hidden className="size-2 animate-pulse rounded-full bg-red-600 motion-reduce:animate-none" />
        )}
        {title}
      </h2>
      <ul className="mt-3 divide-y divide-stone-200 border-y border-stone-200 dark:divide-stone-800 dark:border-stone-800">
        {events.map((event) => (
          <li key={event.slug}>
            <Link href={`/e/${event.slug}`} className="group block rounded py-4">
              <span className="block font-serif text-xl leading-snug font-bold group-hover:underline">
                {event.title}
              </span>
              {event.description && (
                <span className="mt-1 block text-stone-700 dark:text-stone-300">{event.description}</span>
              )}
              {event.status === "SCHEDULED" && event.startsAt && (
                <span className="mt-1 block text-sm font-semibold text-brand-strong dark:text-red-300">
                  {t.rich("starts", {
                    when: formatExact(event.startsAt.toISOString(), event.timeZone),
                    time: (chunks) => <time dateTime={event.startsAt?.toISOString()}>{chunks}</time>,
                  })}
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
