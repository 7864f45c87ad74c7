// A module resolution hook for the production server process (scripts/server-worker.ts).
// lib/ modules start with `import "server-only"`, whose package throws unless it is
// resolved under the "react-server" condition, as it is inside Next's server bundles. The
// worker loads lib/server/sse-fast-path.ts outside those bundles, on the server, so it
// resolves "server-only" to the package's own empty module, exactly as Next would.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") {
    return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  }
  return nextResolve(specifier, context);
}
