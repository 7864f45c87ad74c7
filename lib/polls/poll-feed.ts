import "server-only";
import { pollsEventName, type PollCounts } from "@/lib/shared/polls";
import { TallyFeed, type TallyFeedOptions } from "@/lib/tally/tally-feed";
import { eventPollResults } from "./poll-results";

/**
 * The poll results of every event this process has readers on (lib/tally/tally-feed.ts):
 * readers get `event: polls` with the polls whose counts changed, at most twice a second
 * per event whatever the vote rate.
 */
export class PollFeed extends TallyFeed<PollCounts> {
  constructor(options: TallyFeedOptions<PollCounts> = {}) {
    super({ name: pollsEventName, read: eventPollResults, empty: {} }, options);
  }
}

const key = Symbol.for("herald.pollFeed");
const store = globalThis as unknown as Record<symbol, PollFeed | undefined>;

/** This process's poll feed, started with the listener. */
export function pollFeed(): PollFeed {
  return (store[key] ??= new PollFeed());
}
