// Preloaded into the server process by bench/profile-stream.ts (`--import`): answers a
// "probe" message over IPC with the process's memory after two full GCs (needs
// --expose-gc), and writes a heap snapshot first when asked to. Nothing else: the server under test is the ordinary scripts/server-worker.ts.
import v8 from "node:v8";

type Gc = () => void;

process.on("message", (message: { type?: string; snapshot?: string }) => {
  if (message.type !== "probe") return;
  if (message.snapshot) v8.writeHeapSnapshot(message.snapshot);
  const gc = (globalThis as { gc?: Gc }).gc;
  gc?.();
  gc?.();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  process.send?.({ type: "probe", rss, heapUsed, external, arrayBuffers, gc: Boolean(gc) });
});
