import "server-only";

export type BatcherOptions<Item, Result> = {
  /** Writes a batch durably (one statement, one transaction) and answers each item, in order. */
  write: (items: Item[]) => Promise<Result[]>;
  /** How long the first item of a batch waits for company. */
  windowMs?: number;
  /** A batch this large is written at once, without waiting out the window. */
  maxBatch?: number;
  /** Runs `flush` after `ms` (tests pass their own, and call flush() themselves). */
  schedule?: (flush: () => void, ms: number) => void;
};

type Waiting<Item, Result> = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void };

const defaultSchedule = (flush: () => void, ms: number) => setTimeout(flush, ms).unref();

/**
 * Groups a process's tally writes: items added within a few milliseconds of each other are
 * written together, by one call to `write`. Each add() resolves only after its batch has
 * committed, so a request is never answered before what it counted is durable; if the
 * write fails, every item of that batch rejects and nothing of it was counted.
 */
export class Batcher<Item, Result> {
  private waiting: Waiting<Item, Result>[] = [];
  private scheduled = false;
  private readonly windowMs: number;
  private readonly maxBatch: number;
  private readonly schedule: (flush: () => void, ms: number) => void;

  constructor(private readonly options: BatcherOptions<Item, Result>) {
    this.windowMs = options.windowMs ?? 5;
    this.maxBatch = options.maxBatch ?? 1_000;
    this.schedule = options.schedule ?? defaultSchedule;
  }

  /** Items waiting for the next flush. */
  get pending(): number {
    return this.waiting.length;
  }

  add(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.maxBatch) void this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        this.schedule(() => void this.flush(), this.windowMs);
      }
    });
  }

  /** Writes what is waiting now, as one batch. Batches in flight do not wait for each other. */
  async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.waiting;
    if (batch.length === 0) return;
    this.waiting = [];
    try {
      const results = await this.options.write(batch.map((waiting) => waiting.item));
      if (results.length !== batch.length) throw new Error(`tally: ${results.length} results for ${batch.length}`);
      batch.forEach((waiting, i) => waiting.resolve(results[i]!));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
