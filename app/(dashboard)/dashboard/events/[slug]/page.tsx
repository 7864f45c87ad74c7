import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Composer } from "@/components/composer";
import { ApiTokensSection } from "@/components/api-tokens-section";
import { ConsoleFeed } from "@/components/console-feed";
import { EmbedConsent } from "@/components/embed-consent";
import { ConsolePresence } from "@/components/console-presence";
import { DeskRefresh } from "@/components/desk-refresh";
import { KeptBackSection } from "@/components/kept-back-section";
import { KeyPointsSection } from "@/components/key-points-section";
import { EventSettingsForm } from "@/components/event-settings-form";
import { EventStatusControls } from "@/components/event-status-controls";
import { QuestionsSection } from "@/components/questions-section";
import { ReviewSection } from "@/components/review-section";
import { TeamSection } from "@/components/team-section";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getEventSnapshot } from "@/lib/events/get-event-snapshot";
import { eventPollResults } from "@/lib/polls/poll-results";
import { requireRole } from "@/lib/events/require-role";
import { timeZoneChoices } from "@/lib/shared/time-zones";
import { uploadUrl } from "@/lib/uploads/upload-url";
import { UndoDeleteToast } from "@/components/undo-delete-toast";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("newsroom.console");
  return { title: t("title") };
}

const consolePostCount = 100;

export default async function EventConsolePage({ params }: Props) {
  const { slug } = await params;
  const user = await requireUserOrRedirect(`/dashboard/events/${slug}`);
  // Editors act on recent posts: the console shows more of them than a reader's first page.
  const snapshot = await getEventSnapshot(slug, { pageSize: consolePostCount });
  if (!snapshot) notFound();
  // Not on the team: the console does not exist for you (no hint that the event does).
  const role = await requireRole(snapshot.event.id, user.id, ["OWNER", "EDITOR", "CONTRIBUTOR"]).catch((e: unknown) => {
    if (e instanceof AppError) notFound();
    throw e;
  });
  const { event, posts, seq } = snapshot;
  const polls = await eventPollResults(event.id);
  const ended = event.status === "ENDED";
  const t = await getTranslations("newsroom.console");
  return (
    // In document order (so for the keyboard and a phone): the composer, the feed, then the
    // newsroom's tools. On a wide screen the feed sits beside both, as its own column.
    <div className="grid gap-x-8 gap-y-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] lg:grid-rows-[auto_1fr] lg:items-start">
      <section aria-labelledby="console-heading" className="space-y-4">
        <div>
          {event.coverImageKey && (
            // What readers see atop the page; our own upload, so no optimizer.
            // eslint-disable-next-line @next/next/no-img-element
            <img
              src={uploadUrl(event.coverImageKey)}
              alt=""
              data-testid="console-cover-image"
              className="mb-3 aspect-[3/1] w-full rounded-lg object-cover"
            />
          )}
          <p className="text-sm text-stone-500 dark:text-stone-400">
            <Link href="/dashboard" className="hover:underline">
              {t("dashboard")}
            </Link>{" "}
            {t.rich("crumb", {
              role: role.toLowerCase(),
              status: event.status.toLowerCase(),
              state: (chunks) => <span data-testid="event-status">{chunks}</span>,
            })}
          </p>
          <h1 id="console-heading" className="text-2xl font-semibold">
            {event.title}
          </h1>
          <p className="text-sm">
            {t("readers")}{" "}
            <Link
              href={`/e/${event.slug}`}
              className="font-medium text-brand-strong underline dark:text-red-300"
              target="_blank"
            >
              /e/{event.slug}
            </Link>
            {" · "}
            <Link href={`/dashboard/events/${event.slug}/analytics`} className="font-medium underline">
              {t("analytics")}
            </Link>
          </p>
          <ConsolePresence slug={event.slug} />
          <DeskRefresh slug={event.slug} />
        </div>
        {role !== "CONTRIBUTOR" && (
          <EventStatusControls slug={event.slug} status={event.status} timeZone={event.timeZone} />
        )}
        {ended ? (
          <p className="rounded-lg border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900">
            {t("ended")}
          </p>
        ) : (
          <Composer slug={event.slug} mode={role === "CONTRIBUTOR" ? "submit" : "publish"} timeZone={event.timeZone} />
        )}
      </section>
      <div className="rounded-lg border border-stone-200 bg-white px-5 py-4 lg:col-start-2 lg:row-span-2 lg:row-start-1 dark:border-stone-800 dark:bg-stone-900">
        {/* Never keyed by the sequence: a refresh (any desk change) must not remount the feed,
            which would close an open dialog and drop an edit being typed. The stream brings
            every change, our own publishes included. */}
        <ConsoleFeed
          slug={event.slug}
          initialPosts={posts}
          initialSeq={seq}
          ended={ended}
          canEdit={role !== "CONTRIBUTOR"}
          polls={polls}
          renderedAt={snapshot.renderedAt}
        />
        {role !== "CONTRIBUTOR" && <UndoDeleteToast />}
        <EmbedConsent />
      </div>
      <div className="space-y-4 lg:col-start-1">
        {role !== "CONTRIBUTOR" && !ended && (
          <KeyPointsSection
            slug={event.slug}
            summary={event.summaryMarkdown}
            updatedAt={event.summaryUpdatedAt}
            timeZone={event.timeZone}
          />
        )}
        {role !== "CONTRIBUTOR" && (
          <KeptBackSection eventId={event.id} slug={event.slug} actor={user} timeZone={event.timeZone} />
        )}
        <ReviewSection eventId={event.id} slug={event.slug} actor={user} role={role} timeZone={event.timeZone} />
        {role !== "CONTRIBUTOR" && (
          <QuestionsSection
            eventId={event.id}
            slug={event.slug}
            actor={user}
            open={event.questionsOpen}
            timeZone={event.timeZone}
          />
        )}
        {role === "OWNER" && (
          <details className="rounded-lg border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900">
            <summary className="cursor-pointer font-semibold">{t("settings")}</summary>
            <EventSettingsForm
              slug={event.slug}
              settings={event}
              slugLocked={event.status === "LIVE" || event.status === "ENDED"}
              zones={timeZoneChoices(event.timeZone)}
            />
          </details>
        )}
        <TeamSection eventId={event.id} slug={event.slug} actor={user} role={role} timeZone={event.timeZone} />
        {role === "OWNER" && (
          <ApiTokensSection slug={event.slug} eventId={event.id} actor={user} timeZone={event.timeZone} />
        )}
      </div>
    </div>
  );
}
