import "server-only";
import { authenticateApiToken } from "@/lib/api-tokens/authenticate-api-token";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { findEventBySlug, type EventSummary } from "@/lib/events/find-event";

export type ApiCaller = { event: EventSummary; actor: Actor; tokenId: string };

/**
 * Who is calling the publishing API for the event at `slug`: a valid token of that very
 * event (401/403 otherwise), and the event (404 when there is none). The domain verbs
 * check the actor's role again inside their own transactions.
 */
export async function apiCaller(request: Request, slug: string): Promise<ApiCaller> {
  // Side by side: neither waits for the other's round trip.
  const [{ token, actor }, event] = await Promise.all([authenticateApiToken(request), findEventBySlug(slug)]);
  if (!event) throw new NotFoundError("No such event.");
  if (token.eventId !== event.id) throw new ForbiddenError("This token is for another event.");
  return { event, actor, tokenId: token.id };
}
