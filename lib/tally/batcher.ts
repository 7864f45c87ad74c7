import "server-only";

export type BatcherOptions<Item, Result> = {
  /** Writes a batch durably (one statement, one transaction) and answers each item, in order. */
  write: (items: Item[]) => Promise<Result[]>;
  /** How long the first item of a batch waits for company. */
  windowMs?: number;
  /** A batch this large is written at once, without waiting out the window. */
  maxBatch?: number;
  /** Answers given between yields to the event loop, once a batch has committed. */
  answerSlice?: number;
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
 *
 * One batch is in flight at a time (group commit): what arrives while one is written is the
 * next batch, written as soon as that one commits. Under a storm the batches grow instead of
 * multiplying, so Postgres runs a few large transactions rather than many small ones.
 */
export class Batcher<Item, Result> {
  private waiting: Waiting<Item, Result>[] = [];
  private scheduled = false;
  private writing: Promise<void> | null = null;
  private readonly windowMs: number;
  private readonly maxBatch: number;
  private readonly answerSlice: number;
  private readonly schedule: (flush: () => void, ms: number) => void;

  constructor(private readonly options: BatcherOptions<Item, Result>) {
    this.windowMs = options.windowMs ?? 5;
    this.maxBatch = options.maxBatch ?? 1_000;
    this.answerSlice = options.answerSlice ?? 100;
    this.schedule = options.schedule ?? defaultSchedule;
  }

  /** Items waiting for the next flush. */
  get pending(): number {
    return this.waiting.length;
  }

  add(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.writing) return; // the batch in flight starts the next one when it ends
      if (this.waiting.length >= this.maxBatch) void this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        this.schedule(() => void this.flush(), this.windowMs);
      }
    });
  }

  /**
   * Writes what is waiting now (at most `maxBatch` of it) as one batch, after the batch in
   * flight if there is one; resolves once that batch has been answered.
   */
  async flush(): Promise<void> {
    this.scheduled = false;
    while (this.writing) await this.writing;
    const batch = this.waiting.splice(0, this.maxBatch);
    if (batch.length === 0) return;
    this.writing = this.write(batch);
    try {
      await this.writing;
    } finally {
      this.writing = null;
    }
    // What arrived meanwhile has waited a whole batch already: no window for it.
    if (this.waiting.length > 0) void this.flush();
  }

  /** Resolves once the batch is durable (or failed); its answers go out after, in slices. */
  private async write(batch: Waiting<Item, Result>[]): Promise<void> {
    let results: Result[];
    try {
      results = await this.options.write(batch.map((waiting) => waiting.item));
      if (results.length !== batch.length) throw new Error(`tally: ${results.length} results for ${batch.length}`);
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    void this.answer(batch, results);
  }

  /**
   * Every answer of a batch at once would run its requests' responses back to back: under
   * a storm, 1,000 of them hold the process for 100 ms or more, and a publish it forwards
   * waits behind them. In slices, I/O gets its turn between them; the next batch is
   * already being written meanwhile.
   */
  private async answer(batch: Waiting<Item, Result>[], results: Result[]): Promise<void> {
    for (let i = 0; i < batch.length; i++) {
      if (i > 0 && i % this.answerSlice === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      batch[i]!.resolve(results[i]!);
    }
  }
}
