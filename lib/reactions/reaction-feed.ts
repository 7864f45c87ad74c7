import "server-only";
import { reactionsEventName, type ReactionCounts } from "@/lib/shared/reactions";
import { TallyFeed, tallyUpdateIntervalMs, type TallyFeedOptions } from "@/lib/tally/tally-feed";
import { eventReactionTotals } from "./reaction-totals";

/** At most two reaction updates per second per event, whatever the reaction rate. */
export const reactionUpdateIntervalMs = tallyUpdateIntervalMs;

/**
 * The reaction totals of every event this process has readers on (lib/tally/tally-feed.ts):
 * readers get `event: reactions` with the posts whose counts changed, `{}` for a post
 * whose reactions all went.
 */
export class ReactionFeed extends TallyFeed<ReactionCounts> {
  constructor(options: TallyFeedOptions<ReactionCounts> = {}) {
    super({ name: reactionsEventName, read: eventReactionTotals, empty: {} }, options);
  }
}

const key = Symbol.for("herald.reactionFeed");
const store = globalThis as unknown as Record<symbol, ReactionFeed | undefined>;

/** This process's reaction feed, started with the listener. */
export function reactionFeed(): ReactionFeed {
  return (store[key] ??= new ReactionFeed());
}
