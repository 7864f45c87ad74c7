// Messages between the benchmark (bench/run.ts) and its load-generator processes.

export type Command =
  | { id: number; cmd: "connect"; hosts: string[]; port: number; path: string; count: number }
  | { id: number; cmd: "churn"; perSecond: number; seconds: number }
  | { id: number; cmd: "tally" }
  | { id: number; cmd: "close" }
  | { id: number; cmd: "hammer"; url: string; concurrency: number; seconds: number };

/** cpuMs: this generator's CPU time while connecting (is the generator the bottleneck?). */
export type ConnectResult = { subscribed: number; failures: number; lastSubscribedAt: number; cpuMs: number };
export type ChurnResult = { reopened: number; failures: number };
/** Per post number: how many readers got it, and when the first and the last of them did. */
export type Tally = {
  open: number;
  drops: number;
  receipts: [post: number, count: number, firstAt: number, lastAt: number][];
};
/** bytes: the bodies as sent (compressed or not), all responses together. */
export type HammerResult = { ok: number; failed: number; bytes: number; latenciesMs: number[] };

export type Reply =
  | { id: number; result: ConnectResult | ChurnResult | Tally | HammerResult | null }
  /** Unprompted: every open reader of this generator has post `post` (the last at `at`). */
  | { got: number; at: number };
