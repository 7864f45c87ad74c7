import "server-only";

/** Told of every committed change this process hears, and of its LISTEN connection going up or down. */
export type ChangeWatcher = {
  changed(eventId: string): void;
  /** Up or down, either way something may have been missed: drop whatever depends on changes. */
  listening(up: boolean): void;
};

// On globalThis: the listener is a process singleton, and in a Next.js process the
// modules that watch and the listener may be loaded by different module graphs.
const key = Symbol.for("herald.changeWatchers");
const store = globalThis as unknown as Record<symbol, { watchers: Set<ChangeWatcher>; up: boolean } | undefined>;
const shared = (store[key] ??= { watchers: new Set(), up: false });

export function watchChanges(watcher: ChangeWatcher): () => void {
  shared.watchers.add(watcher);
  return () => shared.watchers.delete(watcher);
}

/** Whether the LISTEN connection is up: only then can a watcher trust that it hears every change. */
export function hearingChanges(): boolean {
  return shared.up;
}

/** From the listener. */
export function eventChanged(eventId: string): void {
  for (const watcher of shared.watchers) watcher.changed(eventId);
}

/** From the listener. */
export function listening(up: boolean): void {
  shared.up = up;
  for (const watcher of shared.watchers) watcher.listening(up);
}
