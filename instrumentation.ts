// Runs once when a server process starts. Open the LISTEN connection now rather than on
// the first reader, so the first reader does not wait for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureListener } = await import("./lib/realtime/listener");
  ensureListener();
}
