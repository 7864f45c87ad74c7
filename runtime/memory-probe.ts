// For the benchmark (bench/cluster-host.ts runs the stream tier with --expose-gc): on
// request, a full GC, then this process's memory figures. Without --expose-gc nothing listens.
export function answerMemoryProbes(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  process.on("message", (m: { type?: string }) => {
    if (m.type !== "bench:memory") return;
    gc();
    process.send?.({ type: "bench:memory", memory: process.memoryUsage() });
  });
}
