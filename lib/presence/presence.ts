import "server-only";
import type { Actor, Session } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { BadRequestError, NotFoundError } from "@/lib/errors";
import { findEventBySlug } from "@/lib/events/find-event";
import { requireRole } from "@/lib/events/require-role";
import { ensureListener } from "@/lib/realtime/listener";
import { currentReaders, readerCountIntervalMs } from "@/lib/realtime/reader-counts";
import { encodeEvent, encodeRetry, heartbeat } from "@/lib/realtime/sse";
import { sseHeaders } from "@/lib/realtime/sse-response";
import { presenceChannel, presenceHub, presencePayload, type PresenceHub } from "./hub";

/** Who may be seen, and see others, in an event's console. */
export const presenceRoles = ["OWNER", "EDITOR", "CONTRIBUTOR"] as const;

/** The event at `slug` if `actor` is on its team: 404 for no such event, 403 for non-members. */
export async function requirePresenceMember(actor: Actor, slug: string): Promise<{ eventId: string }> {
  const event = await findEventBySlug(slug);
  if (!event) throw new NotFoundError("No such event.");
  await requireRole(event.id, actor.id, presenceRoles);
  return { eventId: event.id };
}

/** Reads a heartbeat body, `{ "typing": boolean }`; anything else is a 400. */
export function parseHeartbeat(body: unknown): { typing: boolean } {
  if (typeof body !== "object" || body === null || typeof (body as { typing?: unknown }).typing !== "boolean") {
    throw new BadRequestError('Send { "typing": true | false }.');
  }
  return { typing: (body as { typing: boolean }).typing };
}

/**
 * A console heartbeat: tells every server process (through NOTIFY, not the change log)
 * that `actor` is in the event's console, and whether they are typing.
 */
export async function sendHeartbeat(actor: Actor, slug: string, body: unknown): Promise<void> {
  const { typing } = parseHeartbeat(body);
  const { eventId } = await requirePresenceMember(actor, slug);
  await db.$executeRaw`SELECT pg_notify(${presenceChannel}, ${presencePayload(eventId, actor.id, typing)})`;
}

const keepAliveMs = 15_000;

/** Still on the team, and still signed in with the session the stream was opened with. */
async function stillAllowed(eventId: string, session: Session): Promise<boolean> {
  const membership = await db.membership.findUnique({
    where: { eventId_userId: { eventId, userId: session.actor.id } },
    select: { user: { select: { sessionVersion: true } } },
  });
  return membership !== null && membership.user.sessionVersion === session.version;
}

/**
 * The console's presence stream for a member: `event: self` once (so the page can leave
 * its own user out), `event: presence` with the whole snapshot whenever it changes, and
 * `event: readers` `{"readers":N}` (readers of the live page, all processes) when that changes,
 * and `event: desk` `{}` whenever what waits for the desk changes (see notifyDesk).
 */
export async function presenceStream(
  request: Request,
  session: Session,
  slug: string,
  hub: PresenceHub = presenceHub(),
  readersEveryMs: number = readerCountIntervalMs,
): Promise<Response> {
  const { actor } = session;
  const { eventId } = await requirePresenceMember(actor, slug);
  ensureListener();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const write = (bytes: Uint8Array) => {
        if (closed) return;
        try {
          controller.enqueue(bytes);
        } catch {
          stop();
        }
      };
      write(encodeRetry(1_000, 4_000));
      write(encodeEvent("self", { id: actor.id }));
      const off = hub.subscribe(eventId, (snapshot) => write(encodeEvent("presence", snapshot)));
      // Taken off the team: the stream ends at once (removeMember notifies every process),
      // and the membership is checked again with every reader count, in case a
      // notification was lost while the listener reconnected. So is the session: a
      // password change (changePassword) ends every session signed in before it.
      const offRemoval = hub.watchRemoval(eventId, actor.id, () => stop());
      // What waits for the desk changed (a submission, a review, a question): the console refetches.
      const offDesk = hub.watchDesk(eventId, () => write(encodeEvent("desk", {})));
      const timer = setInterval(() => write(heartbeat), keepAliveMs);
      timer.unref();
      let readers = -1;
      const sendReaders = () =>
        void stillAllowed(eventId, session)
          .then((allowed) => (allowed ? currentReaders(eventId) : (stop(), null)))
          .then(
            (n) => {
              if (n !== null && n !== readers) write(encodeEvent("readers", { readers: (readers = n) }));
            },
            () => {}, // the next tick tries again
          );
      sendReaders();
      const readersTimer = setInterval(sendReaders, readersEveryMs);
      readersTimer.unref();
      stop = () => {
        if (closed) return;
        closed = true;
        off();
        offRemoval();
        offDesk();
        clearInterval(timer);
        clearInterval(readersTimer);
        try {
          controller.close();
        } catch {
          // already closed by the reader
        }
      };
    },
    cancel: () => stop(),
  });
  request.signal.addEventListener("abort", () => stop(), { once: true });
  return new Response(stream, { headers: sseHeaders });
}
