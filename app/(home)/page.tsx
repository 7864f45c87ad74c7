import { getTranslations } from "next-intl/server";
import { EventList } from "@/components/event-list";
import { SiteHeader } from "@/components/site-header";
import { currentUser } from "@/lib/auth/session";
import { newsroomName } from "@/lib/env";
import { listPublicEvents } from "@/lib/events/list-public-events";

// Always rendered per request (never prerendered at build, when there is no database).
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [{ live, upcoming, recent }, user] = await Promise.all([listPublicEvents(), currentUser()]);
  const nothing = live.length + upcoming.length + recent.length === 0;
  const t = await getTranslations("reader.home");
  return (
    <>
      <SiteHeader signedIn={Boolean(user)} />
      <main id="main" className="mx-auto max-w-2xl px-4 pt-10 pb-20">
        <h1 className="font-serif text-4xl font-bold">{newsroomName()}</h1>
        <p className="mt-2 text-lg text-stone-700 dark:text-stone-300">{t("tagline")}</p>
        {nothing && <p className="mt-10 text-stone-700 dark:text-stone-300">{t("nothing")}</p>}
        <EventList id="live-now" title={t("liveNow")} events={live} live />
        <EventList id="upcoming" title={t("upcoming")} events={upcoming} />
        <EventList id="recent" title={t("recent")} events={recent} />
      </main>
    </>
  );
}
