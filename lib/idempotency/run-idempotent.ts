import "server-only";
import { db, type Tx } from "@/lib/db";
import { ConflictError, IdempotencyKeyReusedError, NotFoundError } from "@/lib/errors";
import { logger } from "@/lib/observability/logger";
import type { IdempotentRequest } from "./idempotent-request";

/** What the caller answers: an HTTP status and a JSON body (kept, and replayed, as JSON text). */
export type Answer<R> = { status: number; body: R };
export type IdempotentAnswer<R> = Answer<R> & { replayed: boolean };

/**
 * Handed to a domain verb, which calls `claim` first in its transaction (before it locks
 * anything, so a waiting retry holds no lock another writer needs) and `record` last
 * with its result. The key's row and the write then commit together, or neither does.
 */
export type WriteGuard<T> = {
  claim(tx: Tx): Promise<void>;
  record(tx: Tx, result: T): Promise<void>;
};

/**
 * The key was committed by another request while this one waited for it: a refusal (so
 * logged as one), which runIdempotent turns into that request's answer.
 */
class KeyTaken extends ConflictError {
  constructor() {
    super("This idempotency key is in use by another request. Try again in a moment.");
  }
}

/**
 * Does `write` at most once per key. A retry whose key is already committed gets the
 * first answer (`replayed`) and writes nothing; with another request's fingerprint, a 422.
 *
 * A retry that arrives while the first attempt is still committing waits in `claim` (its
 * insert waits on the primary key), then finds the first attempt's row. A write that
 * fails rolls its key back, so the client's retry does the write afresh. Without a key
 * (`request` null), `write` runs unguarded, as before keys existed.
 */
export async function runIdempotent<T, R>(
  request: IdempotentRequest | null,
  respond: (result: T) => Answer<R>,
  write: (guard?: WriteGuard<T>) => Promise<T>,
): Promise<IdempotentAnswer<R>> {
  if (!request) return { ...respond(await write()), replayed: false };
  const { eventId, caller, key, fingerprint } = request;
  const where = { eventId_caller_key: { eventId, caller, key } };

  for (let attempt = 1; ; attempt++) {
    const recorded: { answer?: Answer<R> } = {};
    const guard: WriteGuard<T> = {
      async claim(tx) {
        // INSERT … ON CONFLICT DO NOTHING: waits for an uncommitted insert of the same key.
        const { count } = await tx.idempotencyKey
          .createMany({ data: [{ eventId, caller, key, fingerprint }], skipDuplicates: true })
          .catch((error: unknown) => {
            // The key's foreign key: the event is gone (or never was).
            if ((error as { code?: unknown }).code === "P2003") throw new NotFoundError("No such event.");
            throw error;
          });
        if (count === 0) throw new KeyTaken();
      },
      async record(tx, result) {
        const answer = (recorded.answer = respond(result));
        await tx.idempotencyKey.update({ where, data: { status: answer.status, body: JSON.stringify(answer.body) } });
      },
    };
    try {
      await write(guard);
    } catch (error) {
      // Whatever failed (the key taken, or a precondition the first attempt's commit
      // changed, such as its post now being deleted), a committed key is the answer.
      const row = await committedKey(request).catch(() => {
        throw error; // the lookup failed too (a lost database): report the first failure
      });
      const first = row && replay<R>(request, row);
      if (first) {
        logger().info({ eventId, caller, status: first.status }, "idempotency: answered a retry from its key");
        return first;
      }
      // A key taken, then gone (pruned in between): try again, a few times at most.
      if (error instanceof KeyTaken && attempt < 3) continue;
      throw error;
    }
    if (!recorded.answer) throw new Error("runIdempotent: the write recorded no answer (a verb ignored its guard)");
    return { ...recorded.answer, replayed: false };
  }
}

type KeyRow = { fingerprint: string; status: number | null; body: string | null };

function committedKey({ eventId, caller, key }: IdempotentRequest): Promise<KeyRow | null> {
  return db.idempotencyKey.findUnique({
    where: { eventId_caller_key: { eventId, caller, key } },
    select: { fingerprint: true, status: true, body: true },
  });
}

/** The first answer to the key, to send again; the key used by another request is a 422. */
function replay<R>(request: IdempotentRequest, row: KeyRow): IdempotentAnswer<R> | null {
  // status and body are set in the transaction that inserted the row: never null once committed.
  if (row.status === null || row.body === null) return null;
  if (row.fingerprint !== request.fingerprint) throw new IdempotencyKeyReusedError();
  return { status: row.status, body: JSON.parse(row.body) as R, replayed: true };
}
