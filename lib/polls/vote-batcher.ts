import "server-only";
import { Batcher } from "@/lib/tally/batcher";
import { writeVotes, type VoteWrite, type VoteWritten } from "./write-votes";

const key = Symbol.for("herald.voteBatcher");
const store = globalThis as unknown as Record<symbol, Batcher<VoteWrite, VoteWritten> | undefined>;

/** This process's vote batcher: votes within 5 ms of each other are one insert. */
export function voteBatcher(): Batcher<VoteWrite, VoteWritten> {
  return (store[key] ??= new Batcher({ write: writeVotes, windowMs: 5, maxBatch: 1_000 }));
}
