import "server-only";
import type { Tx } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import type { ChangeData, ChangeKind, ChangeMessage } from "@/lib/shared/types";

/** The Postgres channel every server process LISTENs on. */
export const notifyChannel = "herald_changes";

type NewChange = { type: ChangeKind; postId?: string; data: ChangeData };

/**
 * Step one of the realtime path, always inside the writer's transaction: take the
 * event's next sequence number, append the change to the log, and pg_notify.
 *
 * The UPDATE locks the event row until commit, so concurrent writers queue and commit in
 * sequence order, and a rollback hands the number back: no gaps. Postgres delivers the
 * NOTIFY only if the transaction commits. The payload is notifyPayload's, composed in SQL
 * because the seq is known only there.
 *
 * One round trip: the number, the log entry and the NOTIFY are one statement, the last
 * before the commit, so the row lock that every other writer of the event waits on is
 * held for one round trip.
 *
 * An ended event takes no more changes — checked here, under the same row lock, so a
 * publish racing the end either lands before `ended` or is refused, never after it.
 */
export async function appendChange(tx: Tx, eventId: string, change: NewChange): Promise<number> {
  // The stored ChangeType value is the change's kind ("post.published"): see the enum's
  // @map in prisma/schema.prisma, and lib/realtime/change-log.ts, which reads it back.
  const [row] = await tx.$queryRaw<{ seq: number }[]>`
    WITH "bumped" AS (
      UPDATE "Event" SET "lastSeq" = "lastSeq" + 1, "updatedAt" = now()
      WHERE "id" = ${eventId} AND "status" <> 'ENDED'
      RETURNING "lastSeq"
    ), "logged" AS (
      INSERT INTO "Change" ("eventId", "seq", "type", "postId", "data")
      SELECT ${eventId}, "lastSeq", ${change.type}::"ChangeType", ${change.postId ?? null}, ${JSON.stringify(change.data)}::jsonb
      FROM "bumped"
      RETURNING "seq"
    )
    SELECT "seq", pg_notify(${notifyChannel}, ${eventId}::text || ':' || "seq"::text || ${notifyTail(change)}::text)::text AS "notified"
    FROM "logged"`;
  if (!row) throw new ConflictError("This coverage has ended: nothing more can be published or changed.");
  return row.seq;
}

/** Postgres refuses NOTIFY payloads of 8000 bytes or more. */
const payloadLimit = 7_999;
/** Room for "<eventId>:<seq>": an event id (a cuid, 25 characters; 64 allowed) and an int4 seq. */
const headRoom = 64 + 1 + 10;

/**
 * "<eventId>:<seq>:<the change as JSON>", or "<eventId>:<seq>" when the change is too
 * large to ride along. With the change in hand, each server process fans it out without
 * reading it back: one publish costs Postgres no query per process. Without it (a long
 * post), each process reads it from the change log as before.
 */
export function notifyPayload(eventId: string, seq: number, change: NewChange): string {
  return `${eventId}:${seq}${notifyTail(change)}`;
}

/** What follows "<eventId>:<seq>": ":<the change as JSON>" when it fits whatever the head, else "". */
function notifyTail(change: NewChange): string {
  const tail = `:${JSON.stringify({ ...change.data, type: change.type })}`;
  return headRoom + Buffer.byteLength(tail) <= payloadLimit ? tail : "";
}

/** The other end of notifyPayload (the listener); null for a payload that is not one. */
export function parseNotifyPayload(payload: string): { eventId: string; seq: number; change?: ChangeMessage } | null {
  const first = payload.indexOf(":");
  const second = first === -1 ? -1 : payload.indexOf(":", first + 1);
  const eventId = payload.slice(0, Math.max(0, first));
  const seq = Number(payload.slice(first + 1, second === -1 ? undefined : second));
  if (!eventId || !Number.isSafeInteger(seq)) return null;
  if (second === -1) return { eventId, seq };
  try {
    const change = JSON.parse(payload.slice(second + 1)) as Omit<ChangeMessage, "seq">;
    return { eventId, seq, change: { ...change, seq } };
  } catch {
    return { eventId, seq }; // unreadable: the change log has it
  }
}
