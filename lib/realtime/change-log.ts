import "server-only";
import { sql } from "@/lib/sql";
import type { ChangeData, ChangeKind, ChangeMessage } from "@/lib/shared/types";

/** Changes of one event with seq > afterSeq, oldest first: for replay and catch-up. */
export async function changesAfter(eventId: string, afterSeq: number, limit: number): Promise<ChangeMessage[]> {
  // The stored enum value ("post.published") is the wire name.
  const rows = await sql<{ seq: number; type: ChangeKind; data: ChangeData }>`
    SELECT "seq", "type"::text AS "type", "data"
    FROM "Change"
    WHERE "eventId" = ${eventId} AND "seq" > ${afterSeq}
    ORDER BY "seq"
    LIMIT ${limit}`;
  return rows.map((row) => ({ ...row.data, seq: row.seq, type: row.type }));
}
