import "server-only";
import { toAppError } from "@/lib/errors";
import { logger } from "./logger";
import { publishFinished } from "./metrics";

/**
 * Times and logs a publish transaction (called as it starts) and returns it unchanged.
 * Refusals (validation, permissions, an ended event) are logged at info; a lost
 * database at warn; anything else is a bug, at error.
 */
export async function observePublish<T extends { seq: number }>(eventId: string, work: Promise<T>): Promise<T> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const result = await work;
    publishFinished(seconds(), "ok");
    logger().info({ eventId, seq: result.seq, ms: Math.round(seconds() * 1000) }, "publish: committed");
    return result;
  } catch (error) {
    publishFinished(seconds(), "error");
    const known = toAppError(error);
    const level = !known ? "error" : known.status === 503 ? "warn" : "info";
    logger()[level]({ eventId, err: error, status: known?.status ?? 500 }, "publish: not committed");
    throw error;
  }
}
