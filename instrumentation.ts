// Runs once when a server process starts. Open the LISTEN connection now rather than on
// the first reader, so the first reader does not wait for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureListener } = await import("./lib/realtime/listener");
  ensureListener();
  // Scheduled posts are published by whichever process gets to them first.
  const { ensureScheduler } = await import("./lib/posts/scheduler");
  ensureScheduler();
}
