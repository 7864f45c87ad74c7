import "server-only";
import { env } from "@/lib/env";

/**
 * Whether this process was started by the supervisor (runtime/supervisor.ts), which sets
 * its tier and keeps an IPC channel to it. Otherwise it is on its own (Next alone, tests).
 */
export function underSupervisor(): boolean {
  return env().HERALD_PROCESS_ROLE !== undefined && typeof process.send === "function";
}

/**
 * A process whose supervisor is gone (killed, crashed) must not live on holding its port:
 * it exits when the IPC channel closes, as node:cluster's workers do.
 */
export function exitWithSupervisor(): void {
  if (underSupervisor()) process.once("disconnect", () => process.exit(0));
}
