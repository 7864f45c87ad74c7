import { useSyncExternalStore } from "react";

/** The console's last deletion, offered for undo: one at a time, the newest wins. */
export type RecentDeletion = { postId: string; at: number };

let current: RecentDeletion | null = null;
const listeners = new Set<() => void>();

export function announceDeletion(postId: string): void {
  current = { postId, at: Date.now() };
  for (const listener of listeners) listener();
}

export function clearDeletion(postId: string): void {
  if (current?.postId !== postId) return;
  current = null;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRecentDeletion(): RecentDeletion | null {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
}
