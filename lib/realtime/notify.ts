import "server-only";
import type { Tx } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import type { ChangeData, ChangeKind } from "@/lib/shared/types";
import { changeTypeOf } from "./change-types";

/** The Postgres channel every server process LISTENs on. */
export const notifyChannel = "herald_changes";

type NewChange = { type: ChangeKind; postId?: string; data: ChangeData };

/**
 * Step one of the realtime path, always inside the writer's transaction: take the
 * event's next sequence number, append the change to the log, and pg_notify.
 *
 * UPDATE … RETURNING locks the event row until commit, so concurrent writers queue and
 * commit in sequence order, and a rollback hands the number back: no gaps. Postgres
 * delivers the NOTIFY only if the transaction commits. The payload is just
 * "<eventId>:<seq>" (NOTIFY caps payloads at 8000 bytes); listeners read the change itself.
 *
 * An ended event takes no more changes — checked here, under the same row lock, so a
 * publish racing the end either lands before `ended` or is refused, never after it.
 */
export async function appendChange(tx: Tx, eventId: string, change: NewChange): Promise<number> {
  const [row] = await tx.$queryRaw<{ lastSeq: number }[]>`
    UPDATE "Event" SET "lastSeq" = "lastSeq" + 1, "updatedAt" = now()
    WHERE "id" = ${eventId} AND "status" <> 'ENDED'
    RETURNING "lastSeq"`;
  if (!row) throw new ConflictError("This coverage has ended: nothing more can be published or changed.");
  const seq = row.lastSeq;
  await tx.change.create({
    data: {
      eventId,
      seq,
      type: changeTypeOf[change.type],
      postId: change.postId ?? null,
      data: change.data,
    },
  });
  await tx.$executeRaw`SELECT pg_notify(${notifyChannel}, ${`${eventId}:${seq}`})`;
  return seq;
}
