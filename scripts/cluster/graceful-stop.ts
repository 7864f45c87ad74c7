// A server process's graceful shutdown (a rolling deploy, `docker stop`, the cluster
// primary stopping), the same for the stream processes and the Next processes.
import type { Logger } from "pino";

type Steps = {
  /** Stops taking new connections. */
  stopAccepting(): void;
  /** Sends readers to other processes, lets in-flight work finish, closes Postgres (lib/process/shutdown.ts). */
  shutDown(): Promise<void> | undefined;
  /** What is left to close once that is done. */
  afterwards?(): void;
  /** Logged with the first line. */
  details?(): Record<string, unknown>;
};

/**
 * On the first SIGTERM or SIGINT: tell the primary this process is draining (it takes it
 * out of the rotation), take the steps, exit 0, even if shutting down failed. Returns
 * whether that has begun.
 */
export function stopGracefully(log: Logger, steps: Steps): () => boolean {
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    process.send?.({ type: "draining" });
    log.info({ signal, ...steps.details?.() }, "shutdown: stopped accepting connections");
    steps.stopAccepting();
    try {
      await steps.shutDown();
    } catch (error) {
      log.error({ err: error }, "shutdown: failed; exiting anyway");
    }
    steps.afterwards?.();
    log.flush();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled rejection"));
  return () => closing;
}
