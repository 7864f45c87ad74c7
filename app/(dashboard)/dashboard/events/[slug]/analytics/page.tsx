import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReadersChart, type ChartMarker } from "@/components/readers-chart";
import { getEventAnalytics } from "@/lib/analytics/get-event-analytics";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { formatClockSeconds, formatDeskTime } from "@/lib/shared/format-time";
import { reactionEmoji, reactionKinds } from "@/lib/shared/reactions";
import { readerChannels } from "@/lib/shared/reader-channels";
import { thinSeries } from "@/lib/shared/reader-series";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("newsroom.analytics");
  return { title: t("title") };
}

/** Points drawn and tabled: a long event's 30 s buckets are thinned to its busiest ones. */
const maxPoints = 240;

export default async function EventAnalyticsPage({ params }: Props) {
  const { slug } = await params;
  const user = await requireUserOrRedirect(`/dashboard/events/${slug}/analytics`);
  // Not on the team: no analytics, and no hint that the event exists.
  const analytics = await getEventAnalytics(slug, user.id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { event, series, peak, channels, posts, bucketMs, reactions, polls } = analytics;
  const t = await getTranslations("newsroom.analytics");
  const kindName = await getTranslations("reader.reactions");
  const zone = event.timeZone;
  const { points, step } = thinSeries(series, maxPoints);
  const span = step * bucketMs;
  const markers: ChartMarker[] = posts.map((post) => ({
    id: post.id,
    at: post.publishedAt,
    title: t("markerTitle", { time: formatDeskTime(post.publishedAt, zone), label: post.label }),
  }));
  // The posts of each table row: published within the row's span.
  const postsIn = (at: string) =>
    posts.filter(
      (p) => Date.parse(p.publishedAt) >= Date.parse(at) && Date.parse(p.publishedAt) < Date.parse(at) + span,
    );

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-stone-500 dark:text-stone-400">
          <Link href={`/dashboard/events/${event.slug}`} className="hover:underline">
            {t("console")}
          </Link>{" "}
          {t("crumb")}
        </p>
        <h1 className="text-2xl font-semibold">{t("heading", { title: event.title })}</h1>
        <p className="mt-1 text-sm text-stone-600 dark:text-stone-300">{t("intro")}</p>
      </div>

      {!peak ? (
        <p className="rounded-lg border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900">
          {t("empty")}
        </p>
      ) : (
        <>
          <dl className="grid gap-4 sm:grid-cols-4">
            <div className="rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
              <dt className="text-sm text-stone-500 dark:text-stone-400">{t("peakLabel")}</dt>
              <dd data-testid="peak" className="text-xl font-semibold">
                {t("peak", { readers: peak.readers })}
              </dd>
              <dd data-testid="peak-time" className="text-sm">
                {t("peakAt", { time: formatDeskTime(peak.at, zone) })}
              </dd>
            </div>
            {readerChannels.map((channel) => (
              <div
                key={channel}
                data-testid={`channel-${channel}`}
                className="rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
              >
                <dt className="text-sm text-stone-500 dark:text-stone-400">{t(`channels.${channel}`)}</dt>
                <dd className="text-xl font-semibold">{t("channelPeak", { peak: channels[channel].peak })}</dd>
                <dd className="text-sm">{t("channelMinutes", { minutes: channels[channel].readerMinutes })}</dd>
              </div>
            ))}
          </dl>

          <figure className="rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
            <ReadersChart
              points={points}
              bucketMs={span}
              markers={markers}
              timeZone={zone}
              labels={{
                title: t("chartTitle"),
                description: t("chartDescription", {
                  from: formatDeskTime(series[0]!.at, zone),
                  to: formatDeskTime(new Date(Date.parse(series.at(-1)!.at) + bucketMs).toISOString(), zone),
                  readers: peak.readers,
                  peakTime: formatDeskTime(peak.at, zone),
                  posts: posts.length,
                }),
                readers: t("readersAxis"),
                time: t("timeAxis", { zone }),
                legend: t("legend"),
                post: t("postMarker"),
                channels: { page: t("channels.page"), embed: t("channels.embed"), polling: t("channels.polling") },
              }}
            />
          </figure>

          <details className="rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
            <summary className="cursor-pointer font-medium">{t("tableSummary")}</summary>
            <table className="mt-3 w-full text-sm" data-testid="readers-table">
              <caption className="mb-2 text-left text-stone-600 dark:text-stone-300">
                {t("tableCaption", { zone })}
              </caption>
              <thead>
                <tr className="text-left">
                  <th scope="col">{t("colTime")}</th>
                  {readerChannels.map((channel) => (
                    <th key={channel} scope="col" className="text-right">
                      {t(`channels.${channel}`)}
                    </th>
                  ))}
                  <th scope="col" className="text-right">
                    {t("colTotal")}
                  </th>
                  <th scope="col" className="pl-4">
                    {t("colPosts")}
                  </th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {points.map((point) => (
                  <tr key={point.at} className="border-t border-stone-100 dark:border-stone-800">
                    <th scope="row" className="text-left font-normal">
                      <time dateTime={point.at}>{formatClockSeconds(point.at, zone)}</time>
                    </th>
                    {readerChannels.map((channel) => (
                      <td key={channel} className="text-right">
                        {point[channel]}
                      </td>
                    ))}
                    <td className="text-right font-medium">{point.total}</td>
                    <td className="pl-4">
                      {postsIn(point.at)
                        .map((p) => p.label)
                        .join(" · ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}

      <section
        aria-labelledby="reactions-heading"
        data-testid="reactions"
        className="space-y-3 rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
      >
        <h2 id="reactions-heading" className="text-lg font-semibold">
          {t("reactionsHeading")}
        </h2>
        <p data-testid="reactions-total">{t("reactionsTotal", { total: reactions.total })}</p>
        {reactions.total > 0 && (
          <>
            <ul aria-label={t("reactionsByKind")} className="flex flex-wrap gap-3">
              {reactionKinds.map((kind) => (
                <li
                  key={kind}
                  data-testid={`reactions-${kind}`}
                  className="rounded-full border border-stone-200 px-3 py-1 tabular-nums dark:border-stone-700"
                >
                  <span aria-hidden="true">{reactionEmoji[kind]}</span> {kindName(kind)}{" "}
                  <strong>{reactions.byKind[kind]}</strong>
                </li>
              ))}
            </ul>
            <table className="w-full text-sm" data-testid="top-posts">
              <caption className="mb-2 text-left text-stone-600 dark:text-stone-300">{t("topPostsCaption")}</caption>
              <thead>
                <tr className="text-left">
                  <th scope="col">{t("colPost")}</th>
                  {reactionKinds.map((kind) => (
                    <th key={kind} scope="col" className="text-right">
                      {kindName(kind)}
                    </th>
                  ))}
                  <th scope="col" className="text-right">
                    {t("colTotal")}
                  </th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {reactions.topPosts.map((post) => (
                  <tr key={post.id} className="border-t border-stone-100 dark:border-stone-800">
                    <th scope="row" className="text-left font-normal">
                      {post.label}
                    </th>
                    {reactionKinds.map((kind) => (
                      <td key={kind} className="text-right">
                        {post.counts[kind] ?? 0}
                      </td>
                    ))}
                    <td className="text-right font-medium">{post.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section
        aria-labelledby="polls-heading"
        data-testid="polls"
        className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
      >
        <h2 id="polls-heading" className="text-lg font-semibold">
          {t("pollsHeading")}
        </h2>
        {polls.length === 0 && <p>{t("pollsNone")}</p>}
        {polls.map((poll) => (
          <table key={poll.id} className="w-full text-sm" data-testid="poll-results">
            <caption className="mb-1 text-left">
              <span className="font-medium">
                {t("pollCaption", {
                  question: poll.question,
                  post: poll.postLabel,
                  time: formatDeskTime(poll.publishedAt, zone),
                })}
              </span>{" "}
              <span data-testid="poll-state" className="text-stone-600 dark:text-stone-300">
                {t("pollState", { closed: String(poll.closed), total: poll.total })}
              </span>
            </caption>
            <thead>
              <tr className="text-left">
                <th scope="col">{t("colOption")}</th>
                <th scope="col" className="text-right">
                  {t("colVotes")}
                </th>
                <th scope="col" className="text-right">
                  {t("colShare")}
                </th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {poll.options.map((option, i) => (
                <tr key={i} className="border-t border-stone-100 dark:border-stone-800">
                  <th scope="row" className="text-left font-normal">
                    {option.label}
                  </th>
                  <td className="text-right">{option.votes}</td>
                  <td className="text-right">{option.percent}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>

      <p>
        <a
          href={`/dashboard/events/${event.slug}/analytics/readers.csv`}
          download
          className="font-medium text-brand-strong underline dark:text-red-300"
        >
          {t("csv")}
        </a>
      </p>
    </div>
  );
}
