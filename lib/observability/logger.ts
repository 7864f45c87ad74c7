import "server-only";
import pino, { type Logger } from "pino";
import { env } from "@/lib/env";
import { logOptions } from "./log-options";
import { currentRequestId } from "./request-context";

const key = Symbol.for("herald.logger");
const store = globalThis as unknown as Record<symbol, Logger | undefined>;

/**
 * The process's JSON logger (one line per entry, on stdout). Every entry written while a
 * request is handled carries its `reqId`, the id echoed in the X-Request-Id header.
 */
export function logger(): Logger {
  return (store[key] ??= pino({
    ...logOptions(env().HERALD_PROCESS_ROLE ?? "worker", env().HERALD_LOG_LEVEL),
    mixin: () => {
      const reqId = currentRequestId();
      return reqId ? { reqId } : {};
    },
  }));
}
