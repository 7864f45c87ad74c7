import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CreateEventForm } from "@/components/create-event-form";
import { timeZoneChoices } from "@/lib/shared/time-zones";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { listMyEvents } from "@/lib/events/list-my-events";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("newsroom.dashboard");
  return { title: t("title") };
}

export default async function DashboardPage() {
  const user = await requireUserOrRedirect("/dashboard");
  const events = await listMyEvents(user);
  const t = await getTranslations("newsroom.dashboard");
  return (
    <div className="grid gap-10 md:grid-cols-[1fr_20rem]">
      <section aria-labelledby="events-heading">
        <h1 id="events-heading" className="text-2xl font-semibold">
          {t("heading")}
        </h1>
        {events.length === 0 ? (
          <p className="mt-4 text-stone-600 dark:text-stone-300">{t("empty")}</p>
        ) : (
          <ul className="mt-4 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
            {events.map((event) => (
              <li key={event.slug} className="flex items-center justify-between gap-4 p-4">
                <div>
                  <Link href={`/dashboard/events/${event.slug}`} className="font-semibold hover:underline">
                    {event.title}
                  </Link>
                  <p className="text-sm text-stone-500 dark:text-stone-400">
                    /e/{event.slug} · {t("posts", { count: event.postCount })} · {event.role.toLowerCase()}
                    {event.readers > 0 ? t("readingNow", { count: event.readers }) : ""}
                  </p>
                </div>
                <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs font-semibold uppercase dark:bg-stone-800">
                  {event.status.toLowerCase()}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section
        aria-labelledby="new-event-heading"
        className="rounded-lg border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900"
      >
        <h2 id="new-event-heading" className="text-lg font-semibold">
          {t("newEvent")}
        </h2>
        <CreateEventForm zones={timeZoneChoices()} />
      </section>
    </div>
  );
}
