import "server-only";
import { logger } from "@/lib/observability/logger";

export type CoalescerClock = { now(): number; setTimeout(run: () => void, ms: number): void };

const realClock: CoalescerClock = { now: Date.now, setTimeout: (run, ms) => void setTimeout(run, ms).unref() };

type State = { lastStart: number; scheduled: boolean; running: boolean; dirty: boolean };

/**
 * Turns any number of "key changed" pings into at most one run per key per `intervalMs`:
 * the first ping runs at once, pings within the interval make one more run at its end,
 * and a ping during a run makes one more run after it. A run always reads what is
 * current then, so nothing pinged is ever left unread, however pings are merged.
 */
export class Coalescer {
  private readonly states = new Map<string, State>();

  constructor(
    private readonly run: (key: string) => Promise<void>,
    private readonly intervalMs = 500,
    private readonly clock: CoalescerClock = realClock,
  ) {}

  touch(key: string): void {
    let state = this.states.get(key);
    if (!state)
      this.states.set(key, (state = { lastStart: -Infinity, scheduled: false, running: false, dirty: false }));
    if (state.scheduled) return; // the scheduled run will read this change too
    if (state.running) {
      state.dirty = true;
      return;
    }
    const wait = state.lastStart + this.intervalMs - this.clock.now();
    if (wait <= 0) return void this.start(key, state);
    state.scheduled = true;
    this.clock.setTimeout(() => void this.start(key, state), wait);
  }

  /** Drops what is kept for `key` once it is idle (its event has no readers here any more). */
  forget(key: string): void {
    const state = this.states.get(key);
    if (state && !state.running && !state.scheduled) this.states.delete(key);
  }

  private async start(key: string, state: State): Promise<void> {
    state.scheduled = false;
    state.running = true;
    state.dirty = false;
    state.lastStart = this.clock.now();
    try {
      await this.run(key);
    } catch (error) {
      logger().error({ err: error, key }, "tally: reading totals failed; retrying at the next interval");
      state.dirty = true;
    } finally {
      state.running = false;
    }
    if (state.dirty) this.touch(key);
  }
}
