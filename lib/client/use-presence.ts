import { useEffect, useState } from "react";

export type PresentMember = { id: string; name: string; typing: boolean };

/** How often the console says "still here". The server forgets a member after ~30 s. */
const heartbeatMs = 10_000;
/** Typing stops this long after the last keystroke. */
const typingIdleMs = 3_000;

// The composer and the presence bar are separate leaves of the console page: keystrokes
// reach the bar through this tiny per-slug signal instead of shared React state.
const typingSignals = new Map<string, Set<() => void>>();

/** Called by the composer on every keystroke; cheap (the hook debounces). */
export function reportTyping(slug: string): void {
  for (const listener of typingSignals.get(slug) ?? []) listener();
}

function onTyping(slug: string, listener: () => void): () => void {
  let set = typingSignals.get(slug);
  if (!set) typingSignals.set(slug, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) typingSignals.delete(slug);
  };
}

const deskSignals = new Map<string, Set<() => void>>();

/**
 * Calls `listener` whenever what waits for the event's desk changes (a submission, a review
 * outcome, a reader's question, a kept-back post), and whenever the presence stream connects
 * (a change may have come between the page's render, or a drop, and this stream). Needs a
 * mounted usePresence for the slug.
 */
export function onDeskChange(slug: string, listener: () => void): () => void {
  let set = deskSignals.get(slug);
  if (!set) deskSignals.set(slug, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) deskSignals.delete(slug);
  };
}

function deskChanged(slug: string): void {
  for (const listener of deskSignals.get(slug) ?? []) listener();
}

/**
 * The console's presence: sends heartbeats (`POST /api/events/<slug>/presence`) every
 * 10 s and when typing starts or stops, and follows the presence stream. Returns the
 * other members in the console (never the signed-in user) and the event's readers now.
 */
export function usePresence(slug: string): { others: PresentMember[]; readers: number | null } {
  const [members, setMembers] = useState<PresentMember[]>([]);
  const [readers, setReaders] = useState<number | null>(null);
  const [self, setSelf] = useState<string | null>(null);

  useEffect(() => {
    const url = `/api/events/${encodeURIComponent(slug)}/presence`;
    let typing = false;
    let stopped = false;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;

    const send = () => {
      if (stopped) return;
      void fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ typing }),
        keepalive: true,
      }).catch(() => {}); // the next heartbeat tries again
    };
    const interval = setInterval(send, heartbeatMs);
    send();

    const offTyping = onTyping(slug, () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        typing = false;
        send();
      }, typingIdleMs);
      if (!typing) {
        typing = true;
        send();
      }
    });

    const source = new EventSource(url);
    source.addEventListener("self", (event) => {
      setSelf((JSON.parse((event as MessageEvent<string>).data) as { id: string }).id);
      // `self` opens every connection. The desk may have changed since the page was
      // rendered (before this stream was open to hear it), or while a dropped stream was
      // down: either way the queues are fetched again now.
      deskChanged(slug);
    });
    source.addEventListener("desk", () => deskChanged(slug));
    source.addEventListener("presence", (event) => {
      setMembers((JSON.parse((event as MessageEvent<string>).data) as { members: PresentMember[] }).members);
    });

    source.addEventListener("readers", (event) => {
      setReaders((JSON.parse((event as MessageEvent<string>).data) as { readers: number }).readers);
    });

    return () => {
      stopped = true;
      clearInterval(interval);
      clearTimeout(idleTimer);
      offTyping();
      source.close();
    };
  }, [slug]);

  return { others: members.filter((member) => member.id !== self), readers };
}
