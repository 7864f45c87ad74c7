import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";

export type RequestContext = { requestId: string };

// On globalThis: one storage per process, whichever module graph enters or reads it.
const key = Symbol.for("herald.request-context");
const store = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestContext> | undefined>;

export function requestStorage(): AsyncLocalStorage<RequestContext> {
  return (store[key] ??= new AsyncLocalStorage<RequestContext>());
}

/** The id of the request being handled, if any (scheduler and listener work has none). */
export function currentRequestId(): string | undefined {
  return requestStorage().getStore()?.requestId;
}

/** A caller's X-Request-Id when it is a sane token (a proxy's or a client's), else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  if (value && /^[\w.:@/+=-]{1,128}$/.test(value)) return value;
  return crypto.randomUUID();
}
