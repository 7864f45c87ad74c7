// The contract between the page cache (lib/server/page-cache.ts, in the production
// server's own module graph) and Next's code (the pages that read an event, the LISTEN
// connection that hears it change). The two are separate module graphs in one process,
// so the shared state lives on globalThis, like the listener and broadcaster.
//
// No `import "server-only"`: the custom server loads this module with plain Node, outside
// Next's bundler, where that package (resolvable only under the react-server condition)
// throws. Nothing here is secret or reaches a browser.
//
// Without the production server (next dev, next start) nothing subscribes: tagging and
// invalidating cost a property lookup and do nothing.
import { AsyncLocalStorage } from "node:async_hooks";

/** What a cache keeps to hear about changes. */
export type PageCacheSubscriber = {
  invalidate(tag: string): void;
  invalidateAll(): void;
};

type Shared = {
  /** The response being rendered for the cache, collecting the tags of what it read. */
  scope: AsyncLocalStorage<Set<string>>;
  subscribers: Set<PageCacheSubscriber>;
  /** True while the LISTEN connection is up: only then can a cached page learn it is stale. */
  listening: boolean;
};

const key = Symbol.for("herald.pageInvalidation");
const store = globalThis as unknown as Record<symbol, Shared | undefined>;
const shared = (store[key] ??= { scope: new AsyncLocalStorage(), subscribers: new Set(), listening: false });

export const eventTag = (eventId: string) => `event:${eventId}`;

/** Called by whatever reads an event for a page: the response depends on that event. */
export function tagResponse(tag: string): void {
  shared.scope.getStore()?.add(tag);
}

/** Runs a render and collects the tags of everything it read (see tagResponse). */
export function collectTags<T>(tags: Set<string>, render: () => T): T {
  return shared.scope.run(tags, render);
}

/** From the listener: a change to this event was committed. */
export function eventChanged(eventId: string): void {
  for (const subscriber of shared.subscribers) subscriber.invalidate(eventTag(eventId));
}

/**
 * From the listener: it is (re)connected, or it lost its connection. Either way anything
 * cached may have missed a notification; while it is down nothing is served from cache.
 */
export function listening(up: boolean): void {
  shared.listening = up;
  for (const subscriber of shared.subscribers) subscriber.invalidateAll();
}

export function isListening(): boolean {
  return shared.listening;
}

export function subscribeToInvalidations(subscriber: PageCacheSubscriber): () => void {
  shared.subscribers.add(subscriber);
  return () => shared.subscribers.delete(subscriber);
}
