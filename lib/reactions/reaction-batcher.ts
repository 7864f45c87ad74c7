import "server-only";
import { Batcher } from "@/lib/tally/batcher";
import { writeReactions, type ReactionWrite, type ReactionWritten } from "./write-reactions";

const key = Symbol.for("herald.reactionBatcher");
const store = globalThis as unknown as Record<symbol, Batcher<ReactionWrite, ReactionWritten> | undefined>;

/** This process's reaction batcher: reactions within 5 ms of each other are one insert. */
export function reactionBatcher(): Batcher<ReactionWrite, ReactionWritten> {
  return (store[key] ??= new Batcher({ write: writeReactions, windowMs: 5, maxBatch: 1_000 }));
}
