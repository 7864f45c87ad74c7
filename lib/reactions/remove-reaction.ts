import "server-only";
import { ValidationError } from "@/lib/errors";
import { isReactionKind, reactionKinds, type ReactionCounts } from "@/lib/shared/reactions";
import { sqlPool } from "@/lib/sql";
import { tallyChannel } from "@/lib/tally/channel";
import { verifyReaderToken } from "@/lib/tally/reader-token";
import { findReactionTarget } from "./find-reaction-target";
import { countsByPost } from "./reaction-totals";

/**
 * A reader takes back their reaction: one delete of exactly their row, so a replay removes
 * nothing more. Rare next to reacting, so it is not batched. A reader without a valid
 * token has nothing to take back.
 */
export async function removeReaction(input: {
  slug: string;
  postId: string;
  kind: unknown;
  readerToken: (eventId: string) => string | null;
}): Promise<{ removed: boolean; counts: ReactionCounts }> {
  if (!isReactionKind(input.kind)) {
    throw new ValidationError("That is not a reaction.", { kind: [`One of: ${reactionKinds.join(", ")}.`] });
  }
  const { eventId } = await findReactionTarget(input.slug, input.postId);
  const readerId = verifyReaderToken(input.readerToken(eventId), eventId);
  const client = await sqlPool().connect();
  try {
    await client.query("BEGIN");
    const deleted = readerId
      ? await client.query(`DELETE FROM "Reaction" WHERE "postId" = $1 AND "readerId" = $2 AND "kind" = $3`, [
          input.postId,
          readerId,
          input.kind,
        ])
      : { rowCount: 0 };
    const removed = (deleted.rowCount ?? 0) > 0;
    if (removed) await client.query(`SELECT pg_notify($1, $2)`, [tallyChannel, eventId]);
    const counts = await countsByPost([input.postId], client);
    await client.query("COMMIT");
    return { removed, counts: counts[input.postId] ?? {} };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
