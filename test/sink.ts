// A broadcaster Sink that records what it is given, for lib/realtime tests.
import type { Sink } from "@/lib/realtime/broadcaster";
import { parseSse, type SseEvent } from "./sse";

const decoder = new TextDecoder();

export class RecordingSink implements Sink {
  readonly writes: string[] = [];
  closes = 0;

  /** `accept(n)` decides whether the n-th write (1-based) is accepted; by default all are. */
  constructor(private readonly accept: (n: number) => boolean = () => true) {}

  write(chunk: Uint8Array): boolean {
    this.writes.push(decoder.decode(chunk));
    return this.accept(this.writes.length);
  }

  /** Set `isStalled` to make the broadcaster's sweep see a reader that stopped reading. */
  isStalled = false;
  /** Set `isFull` to make the broadcaster hold messages back until `drained()` resolves. */
  isFull = false;
  drainResult: Promise<boolean> = Promise.resolve(true);

  full(): boolean {
    return this.isFull;
  }

  drained(): Promise<boolean> {
    return this.drainResult;
  }

  stalled(): boolean {
    return this.isStalled;
  }

  close(): void {
    this.closes++;
  }

  get closed(): boolean {
    return this.closes > 0;
  }

  /** Everything written, parsed as SSE (heartbeat comments are skipped). */
  get events(): SseEvent[] {
    return parseSse(this.writes.join("")).events;
  }

  /** The seqs of the change events written, in order. */
  get seqs(): number[] {
    return this.events.filter((e) => e.id !== null).map((e) => Number(e.id));
  }
}

/** [from, from+1, …, to] */
export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
