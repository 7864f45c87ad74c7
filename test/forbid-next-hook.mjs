// A module resolution hook for test/processes/stream-worker.test.ts: any import of
// Next.js in the process fails, so a stream process that came to depend on Next would
// not start.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "next" || specifier.startsWith("next/")) {
    throw new Error(`A stream process imported ${specifier} (from ${context.parentURL})`);
  }
  return nextResolve(specifier, context);
}
