import "server-only";
import { db } from "@/lib/db";
import { AppError, NotFoundError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import { findEventBySlug } from "@/lib/events/find-event";
import { excerpt, plainText } from "@/lib/shared/plain-text";
import { channelTotals, fillSeries, peakOf, type ReaderPoint } from "@/lib/shared/reader-series";
import { eventPollResults } from "@/lib/polls/poll-results";
import { eventReactionTotals } from "@/lib/reactions/reaction-totals";
import { summarisePolls, type PollSummary } from "./summarise-polls";
import { summariseReactions, type ReactionSummary } from "./summarise-reactions";
import { sampleBucketMs } from "./write-reader-samples";

export type AnalyticsPost = { id: string; label: string; publishedAt: string };

export type EventAnalytics = {
  event: { id: string; slug: string; title: string; timeZone: string; status: string };
  bucketMs: number;
  /** Every 30 s bucket from the first reader to the last, nobody reading as zeros. */
  series: ReaderPoint[];
  peak: { at: string; readers: number } | null;
  channels: ReturnType<typeof channelTotals>;
  /** The event's published posts, oldest first: markers on the timeline. */
  posts: AnalyticsPost[];
  /** Readers' reactions to the published posts: by kind, and the posts that drew most. */
  reactions: ReactionSummary;
  /** The polls in the published posts, oldest first, with their votes. */
  polls: PollSummary[];
};

/**
 * The reader history of an event for its team: readers by channel over time (summed over
 * every process that served it), the peak and when, and the posts on the same timeline.
 * Anyone not on the team gets NotFoundError, as for the console: no hint the event exists.
 */
export async function getEventAnalytics(slug: string, userId: string): Promise<EventAnalytics> {
  const event = await findEventBySlug(slug);
  if (!event) throw new NotFoundError("No such event.");
  await requireRole(event.id, userId, ["OWNER", "EDITOR", "CONTRIBUTOR"]).catch((error: unknown) => {
    if (error instanceof AppError) throw new NotFoundError("No such event.");
    throw error;
  });
  const [sums, posts, reactionTotals, polls, pollResults] = await Promise.all([
    db.readerSample.groupBy({
      by: ["bucket"],
      where: { eventId: event.id },
      _sum: { page: true, embed: true, polling: true },
      orderBy: { bucket: "asc" },
    }),
    db.post.findMany({
      where: { eventId: event.id, status: "PUBLISHED", publishedAt: { not: null } },
      select: { id: true, headline: true, bodyHtml: true, publishedAt: true },
      orderBy: { publishedAt: "asc" },
    }),
    eventReactionTotals(event.id),
    db.poll.findMany({
      where: { eventId: event.id },
      select: {
        id: true,
        postId: true,
        question: true,
        closesAt: true,
        closedAt: true,
        options: { select: { id: true, label: true }, orderBy: { position: "asc" } },
      },
    }),
    eventPollResults(event.id),
  ]);
  const series = fillSeries(
    sums.map((s) => ({ at: s.bucket, page: s._sum.page ?? 0, embed: s._sum.embed ?? 0, polling: s._sum.polling ?? 0 })),
    sampleBucketMs,
  );
  const timeline = posts.map((p) => ({
    id: p.id,
    label: excerpt(p.headline?.trim() || plainText(p.bodyHtml), 80),
    publishedAt: p.publishedAt!.toISOString(),
  }));
  return {
    event: { id: event.id, slug: event.slug, title: event.title, timeZone: event.timeZone, status: event.status },
    bucketMs: sampleBucketMs,
    series,
    peak: peakOf(series),
    channels: channelTotals(series, sampleBucketMs),
    posts: timeline,
    reactions: summariseReactions(reactionTotals, timeline),
    polls: summarisePolls(
      polls.map((poll) => ({
        ...poll,
        closesAt: poll.closesAt?.toISOString() ?? null,
        closedAt: poll.closedAt?.toISOString() ?? null,
      })),
      pollResults,
      timeline,
    ),
  };
}
