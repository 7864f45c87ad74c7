import { useCallback, useSyncExternalStore } from "react";
import type { EventView } from "@/lib/shared/types";

type Order = EventView["order"];

// The reader's own choice of order for an event, kept in localStorage (not a cookie, so the
// server's HTML stays the same for every reader and can be cached).
const storageKey = (slug: string) => `herald:order:${slug}`;
const listeners = new Set<() => void>();
/** Choices made where storage is blocked: remembered for this page's life only. */
const memory = new Map<string, Order>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function read(slug: string): Order | null {
  try {
    const value = localStorage.getItem(storageKey(slug));
    if (value === "NEWEST_FIRST" || value === "OLDEST_FIRST") return value;
  } catch {
    // Storage blocked: fall back to this page's memory.
  }
  return memory.get(slug) ?? null;
}

/** The order to show: the reader's remembered choice, else the event's. */
export function useReaderOrder(slug: string, eventOrder: Order): [Order, (order: Order) => void] {
  const stored = useSyncExternalStore(
    subscribe,
    () => read(slug),
    () => null,
  );
  const choose = useCallback(
    (order: Order) => {
      memory.set(slug, order);
      try {
        localStorage.setItem(storageKey(slug), order);
      } catch {
        // Not remembered across pages, but applied to this one.
      }
      for (const listener of listeners) listener();
    },
    [slug],
  );
  return [stored ?? eventOrder, choose];
}
