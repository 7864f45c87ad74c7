import "server-only";
import { countHttpResponse } from "@/lib/observability/metrics";
import { requestIdFrom, requestStorage } from "@/lib/observability/request-context";
import { routeFamily } from "@/lib/observability/route-family";
import { shutDown } from "./shutdown";

/**
 * What the custom server (scripts/server-worker.ts) needs from lib/. It runs outside
 * Next's module graph and cannot import `server-only` modules, so instrumentation.ts
 * hands these over on globalThis, the way the listener and the broadcaster are shared.
 */
export type ServerHooks = {
  requestIdFrom(header: string | string[] | undefined): string;
  /** Runs the request's handling with its id in context (every log line carries it). */
  inRequest<T>(requestId: string, handle: () => T): T;
  routeFamily(method: string, url: string, serverAction: boolean): string;
  responseFinished(route: string, method: string, status: number): void;
  /** Sends readers away, waits for in-flight work (`inFlight()` requests), closes connections. */
  shutDown(inFlight: () => number): Promise<void>;
};

export const serverHooksKey = Symbol.for("herald.server-hooks");

export function installServerHooks(): void {
  const hooks: ServerHooks = {
    requestIdFrom,
    inRequest: (requestId, handle) => requestStorage().run({ requestId }, handle),
    routeFamily,
    responseFinished: countHttpResponse,
    shutDown,
  };
  (globalThis as unknown as Record<symbol, ServerHooks>)[serverHooksKey] = hooks;
}
