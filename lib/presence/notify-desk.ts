import "server-only";
import { db, type Tx } from "@/lib/db";
import { deskPayload, presenceChannel } from "./hub";

/**
 * Tells every console of the event, in every process, that what waits for its desk changed.
 * Inside a transaction the NOTIFY is delivered on commit, and not at all on a rollback.
 */
export async function notifyDesk(eventId: string, tx: Tx | typeof db = db): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${presenceChannel}, ${deskPayload(eventId)})`;
}
