import { isPollClosed, percentOf, type PollResults } from "@/lib/shared/polls";

export type PollSummary = {
  id: string;
  question: string;
  /** The post that carries it (its label on the timeline) and when it was published. */
  postLabel: string;
  publishedAt: string;
  closed: boolean;
  total: number;
  /** In the editor's order, with whole percentages of the poll's votes. */
  options: { label: string; votes: number; percent: number }[];
};

type PollRow = {
  id: string;
  postId: string;
  question: string;
  closesAt: string | null;
  closedAt: string | null;
  options: { id: string; label: string }[];
};

/**
 * An event's polls for its desk, oldest post first: each option's votes from `results`
 * (lib/polls/poll-results.ts). Polls of posts not on the timeline (`posts`: the published
 * ones) are left out, as on the page. `now` decides whether a closing time has passed.
 */
export function summarisePolls(
  polls: PollRow[],
  results: PollResults,
  posts: { id: string; label: string; publishedAt: string }[],
  now = Date.now(),
): PollSummary[] {
  const byPost = new Map(polls.map((poll) => [poll.postId, poll]));
  return posts.flatMap((post) => {
    const poll = byPost.get(post.id);
    if (!poll) return [];
    const counts = results[poll.id] ?? {};
    const votes = poll.options.map((option) => counts[option.id] ?? 0);
    const total = votes.reduce((sum, n) => sum + n, 0);
    return [
      {
        id: poll.id,
        question: poll.question,
        postLabel: post.label,
        publishedAt: post.publishedAt,
        closed: isPollClosed(poll, now),
        total,
        options: poll.options.map((option, i) => ({
          label: option.label,
          votes: votes[i]!,
          percent: percentOf(votes[i]!, total),
        })),
      },
    ];
  });
}
