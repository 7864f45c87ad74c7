import Link from "next/link";
import { SiteHeader } from "@/components/site-header";
import { currentUser } from "@/lib/auth/session";
import { listPublicEvents } from "@/lib/events/list-public-events";

// Always rendered per request (never prerendered at build, when there is no database).
export const dynamic = "force-dynamic";

const label: Record<string, string> = { LIVE: "Live", SCHEDULED: "Upcoming", ENDED: "Ended" };

export default async function HomePage() {
  const [events, user] = await Promise.all([listPublicEvents(), currentUser()]);
  return (
    <>
      <SiteHeader signedIn={Boolean(user)} />
      <main className="mx-auto max-w-2xl px-4 py-10">
        <h1 className="font-serif text-3xl font-bold">Live coverage</h1>
        {events.length === 0 ? (
          <p className="mt-6 text-stone-600">Nothing is being covered right now.</p>
        ) : (
          <ul className="mt-6 divide-y divide-stone-200 dark:divide-stone-800">
            {events.map((event) => (
              <li key={event.slug} className="py-4">
                <Link href={`/e/${event.slug}`} className="group block">
                  <span className="text-xs font-bold uppercase tracking-widest text-brand-strong dark:text-red-300">
                    {label[event.status]}
                  </span>
                  <span className="block text-lg font-semibold group-hover:underline">{event.title}</span>
                  {event.description && (
                    <span className="block text-stone-600 dark:text-stone-300">{event.description}</span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
