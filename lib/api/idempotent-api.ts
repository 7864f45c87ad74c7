import "server-only";
import { idempotentRequest, type IdempotentRequest } from "@/lib/idempotency/idempotent-request";
import type { IdempotentAnswer } from "@/lib/idempotency/run-idempotent";
import type { ApiCaller } from "./api-caller";
import { apiJson } from "./api-error";

/**
 * The `Idempotency-Key` of an API write, scoped to the caller's token and event; null
 * when the client sent none. `route` names the target by id (not by slug, which may be
 * renamed between a request and its retry); a malformed key is a 400.
 */
export function apiIdempotentRequest(
  request: Request,
  caller: ApiCaller,
  route: string,
  body: unknown,
): IdempotentRequest | null {
  return idempotentRequest({
    eventId: caller.event.id,
    caller: `token:${caller.tokenId}`,
    key: request.headers.get("idempotency-key"),
    method: request.method,
    route,
    body,
  });
}

/** The answer as a response; a replay says so in `Idempotent-Replayed: true`. */
export function apiAnswer(answer: IdempotentAnswer<unknown>, headers: Record<string, string> = {}): Response {
  return apiJson(answer.body, {
    status: answer.status,
    headers: answer.replayed ? { ...headers, "Idempotent-Replayed": "true" } : headers,
  });
}
