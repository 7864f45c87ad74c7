"use client";

import { useEffect, useState } from "react";
import { PollStore, PollsContext } from "@/lib/client/poll-store";
import type { PollResults } from "@/lib/shared/polls";

type Props = {
  slug: string;
  /** The counts when the page was rendered; the stream keeps them current. */
  initial: PollResults;
  /** When the page was rendered (ms): closing times are compared with it until hydration. */
  renderedAt: number;
  /** The event has ended: every poll is closed. */
  frozen: boolean;
  embed?: boolean;
  /** The console: results always, no voting. */
  desk?: boolean;
  /** A post whose poll this reader just voted in without JavaScript: its results are shown. */
  revealPostId?: string;
  children: React.ReactNode;
};

/** Gives the posts below it their polls' results and votes. */
export function PollsProvider({ slug, initial, renderedAt, children, ...options }: Props) {
  const [store] = useState(
    () =>
      new PollStore(slug, initial, renderedAt, {
        embed: options.embed ?? false,
        desk: options.desk ?? false,
        frozen: options.frozen,
        revealPostId: options.revealPostId,
      }),
  );
  useEffect(() => store.start(), [store]);
  return <PollsContext value={store}>{children}</PollsContext>;
}
