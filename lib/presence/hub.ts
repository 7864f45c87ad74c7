import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/observability/logger";

/** The Postgres channel for presence heartbeats: ephemeral, never in the change log. */
export const presenceChannel = "herald_presence";
/** A member without a heartbeat for this long has left. */
export const presenceTimeoutMs = 30_000;

export type PresenceMember = { id: string; name: string; typing: boolean };
export type PresenceSnapshot = { members: PresenceMember[] };
export type PresenceListener = (snapshot: PresenceSnapshot) => void;

/** The NOTIFY payload: "<eventId>:<userId>:<0|1>" (names are looked up, never sent). */
export function presencePayload(eventId: string, userId: string, typing: boolean): string {
  return `${eventId}:${userId}:${typing ? 1 : 0}`;
}

/**
 * The NOTIFY payload that says "<userId> is no longer on <eventId>'s team": every process
 * drops them from the event's presence and closes their presence streams at once.
 */
export function removedPayload(eventId: string, userId: string): string {
  return `${eventId}:${userId}:removed`;
}

/**
 * The NOTIFY payload that says "what waits for <eventId>'s desk changed": a submission, a
 * review outcome or a reader's question. Consoles refetch what they show; nothing of the
 * content travels (the console reads it with the member's own rights).
 */
export function deskPayload(eventId: string): string {
  return `${eventId}:*:desk`;
}

type Entry = { typing: boolean; seenAt: number };
type LookupNames = (userIds: string[]) => Promise<Map<string, string>>;

export type PresenceHubOptions = {
  timeoutMs?: number;
  now?: () => number;
  lookupNames?: LookupNames;
};

async function namesFromDb(userIds: string[]): Promise<Map<string, string>> {
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
  return new Map(users.map((user) => [user.id, user.name]));
}

/**
 * Who is in each event's console, in this process: fed by the listener with every
 * process's heartbeats, read by the console's presence streams. Separate from the
 * readers' broadcaster: these streams are few, uncapped and not counted as readers.
 */
export class PresenceHub {
  private readonly events = new Map<string, Map<string, Entry>>();
  private readonly listeners = new Map<string, Set<PresenceListener>>();
  private readonly names = new Map<string, string>();
  /** eventId → userId → what to call when that member is removed (their open streams). */
  private readonly removalWatchers = new Map<string, Map<string, Set<() => void>>>();
  /** eventId → what to call when the desk's queues change (the event's presence streams). */
  private readonly deskWatchers = new Map<string, Set<() => void>>();
  private sweepTimer: ReturnType<typeof setInterval> | undefined;
  readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly lookupNames: LookupNames;

  constructor(options: PresenceHubOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? presenceTimeoutMs;
    this.now = options.now ?? Date.now;
    this.lookupNames = options.lookupNames ?? namesFromDb;
  }

  /** From the listener: one heartbeat payload, from any process. Malformed ones are ignored. */
  receive(payload: string | undefined): void {
    const [eventId, userId, typing, ...rest] = (payload ?? "").split(":");
    if (!eventId || !userId || rest.length > 0) return;
    if (typing === "removed") return this.removed(eventId, userId);
    if (typing === "desk" && userId === "*") return this.deskChanged(eventId);
    if (typing !== "0" && typing !== "1") return;
    this.heartbeat(eventId, userId, typing === "1");
  }

  /** A member left the team: out of the snapshot, and their own streams are told. */
  removed(eventId: string, userId: string): void {
    for (const watcher of [...(this.removalWatchers.get(eventId)?.get(userId) ?? [])]) watcher();
    if (this.events.get(eventId)?.delete(userId)) void this.publish(eventId);
  }

  /** Calls `onRemoved` if `userId` is removed from the event's team; returns "off". */
  watchRemoval(eventId: string, userId: string, onRemoved: () => void): () => void {
    let byUser = this.removalWatchers.get(eventId);
    if (!byUser) this.removalWatchers.set(eventId, (byUser = new Map()));
    let set = byUser.get(userId);
    if (!set) byUser.set(userId, (set = new Set()));
    set.add(onRemoved);
    return () => {
      set.delete(onRemoved);
      if (set.size === 0) byUser.delete(userId);
      if (byUser.size === 0) this.removalWatchers.delete(eventId);
    };
  }

  /** The event's desk changed (see deskPayload): every watcher is told. */
  deskChanged(eventId: string): void {
    for (const watcher of [...(this.deskWatchers.get(eventId) ?? [])]) watcher();
  }

  /** Calls `onChange` whenever the event's desk changes; returns "off". */
  watchDesk(eventId: string, onChange: () => void): () => void {
    let set = this.deskWatchers.get(eventId);
    if (!set) this.deskWatchers.set(eventId, (set = new Set()));
    set.add(onChange);
    return () => {
      set.delete(onChange);
      if (set.size === 0) this.deskWatchers.delete(eventId);
    };
  }

  heartbeat(eventId: string, userId: string, typing: boolean): void {
    let members = this.events.get(eventId);
    if (!members) this.events.set(eventId, (members = new Map()));
    const before = members.get(userId);
    members.set(userId, { typing, seenAt: this.now() });
    this.startSweep();
    if (!before || before.typing !== typing) void this.publish(eventId);
  }

  /** Calls `listener` with the event's snapshot now and whenever it changes; returns "off". */
  subscribe(eventId: string, listener: PresenceListener): () => void {
    let set = this.listeners.get(eventId);
    if (!set) this.listeners.set(eventId, (set = new Set()));
    set.add(listener);
    void this.snapshot(eventId).then((snapshot) => {
      if (this.listeners.get(eventId)?.has(listener)) listener(snapshot);
    }, logLookupError);
    return () => {
      const current = this.listeners.get(eventId);
      current?.delete(listener);
      if (current?.size === 0) this.listeners.delete(eventId);
    };
  }

  /** The members seen in the last `timeoutMs`, by name. */
  async snapshot(eventId: string): Promise<PresenceSnapshot> {
    const members = this.events.get(eventId) ?? new Map<string, Entry>();
    const unknown = [...members.keys()].filter((id) => !this.names.has(id));
    if (unknown.length > 0) {
      for (const [id, name] of await this.lookupNames(unknown)) this.names.set(id, name);
    }
    const list = [...members]
      .filter(([id]) => this.names.has(id))
      .map(([id, entry]) => ({ id, name: this.names.get(id)!, typing: entry.typing }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return { members: list };
  }

  /** Drops members whose last heartbeat is older than the timeout; public for tests. */
  sweep(): void {
    const cutoff = this.now() - this.timeoutMs;
    for (const [eventId, members] of this.events) {
      let changed = false;
      for (const [userId, entry] of members) {
        if (entry.seenAt <= cutoff) {
          members.delete(userId);
          changed = true;
        }
      }
      if (members.size === 0) this.events.delete(eventId);
      if (changed) void this.publish(eventId);
    }
    if (this.events.size === 0) this.stopSweep();
  }

  stop(): void {
    this.stopSweep();
  }

  private async publish(eventId: string): Promise<void> {
    const listeners = this.listeners.get(eventId);
    if (!listeners || listeners.size === 0) return;
    try {
      const snapshot = await this.snapshot(eventId);
      for (const listener of this.listeners.get(eventId) ?? []) listener(snapshot);
    } catch (error) {
      logLookupError(error);
    }
  }

  private startSweep(): void {
    this.sweepTimer ??= setInterval(() => this.sweep(), Math.max(50, Math.min(1_000, this.timeoutMs / 4)));
    this.sweepTimer.unref?.();
  }

  private stopSweep(): void {
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
  }
}

function logLookupError(error: unknown): void {
  logger().warn({ err: error }, "presence: could not look up member names");
}

const key = Symbol.for("herald.presence");
const store = globalThis as unknown as Record<symbol, PresenceHub | undefined>;

/** This process's presence hub, shared by every module graph Next builds. */
export function presenceHub(): PresenceHub {
  return (store[key] ??= new PresenceHub());
}
