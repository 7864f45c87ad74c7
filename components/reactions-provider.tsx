"use client";

import { useEffect, useState } from "react";
import { ReactionStore, ReactionsContext } from "@/lib/client/reaction-store";
import type { ReactionTotals } from "@/lib/shared/reactions";

type Props = {
  slug: string;
  /** The counts when the page was rendered; the stream keeps them current. */
  initial: ReactionTotals;
  /** The event has ended: counts are shown, frozen. */
  frozen: boolean;
  embed?: boolean;
  children: React.ReactNode;
};

/** Gives the posts below it their reaction buttons (a page without it shows none: the console). */
export function ReactionsProvider({ slug, initial, frozen, embed = false, children }: Props) {
  const [store] = useState(() => new ReactionStore(slug, initial, frozen, embed));
  useEffect(() => store.loadMine(), [store]);
  return <ReactionsContext value={store}>{children}</ReactionsContext>;
}
