import "server-only";
import { publishDuePosts } from "./publish-due-posts";

const key = Symbol.for("herald.scheduler");
const store = globalThis as unknown as Record<symbol, ReturnType<typeof setInterval> | undefined>;
const everyMs = 5_000;

/** Starts this process's scheduled-post timer once (instrumentation.ts calls it). */
export function ensureScheduler(): void {
  store[key] ??= setInterval(() => {
    publishDuePosts().catch((error: unknown) => console.error("[herald] publishing scheduled posts failed", error));
  }, everyMs);
  store[key].unref?.();
}
