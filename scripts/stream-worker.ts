// A stream process: the cluster's front door (scripts/server-cluster.ts). It accepts the
// new connections on the shared port and answers a reader's stream request on the socket
// itself (lib/server/sse-fast-path.ts). Every other connection goes, with the bytes read
// so far, through the primary to a reader process (pages, assets) or a newsroom process
// (scripts/cluster/connection-role.ts).
//
// It never loads Next.js. A process that renders through Next has AsyncLocalStorage
// stores enabled, and then every socket, write and promise it makes pays for each of them
// (docs/performance.md); the realtime path (listener, broadcaster, open-stream, node-sse)
// needs nothing from Next. It has its own LISTEN connection and broadcaster, like every
// server process.
import "./register-server-only-hook.mjs";
import net, { type Socket } from "node:net";
import { connectionRole } from "./cluster/connection-role";
import { destroyOnError, handOffMessage, readFirstBytes, stopReading, type HandOff } from "./cluster/first-bytes";
import { stopGracefully } from "./cluster/graceful-stop";
import { answerMemoryProbes } from "./cluster/memory-probe";

// After the hook above: lib/ modules start with `import "server-only"`.
const { logger } = await import("../lib/observability/logger");
const { metrics } = await import("../lib/observability/metrics");
const { shutDown } = await import("../lib/process/shutdown");
const { ensureListener } = await import("../lib/realtime/listener");
const { answerHealthProbes } = await import("../lib/observability/cluster-health");
const { serveStreamOnSocket } = await import("../lib/server/sse-fast-path");
const { warmUpStreams } = await import("../lib/server/stream-warm-up");
const { env } = await import("../lib/env");

if (!process.send) throw new Error("A stream process runs under the cluster primary (scripts/server-cluster.ts).");
const send = process.send.bind(process);
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const log = logger();

// Now rather than with the first reader: the primary scrapes every worker's metrics, and
// the first reader should not wait for the LISTEN connection.
metrics();
ensureListener();
// /api/health, answered in a Next process, asks every process whether it LISTENs.
answerHealthProbes();

function accept(socket: Socket) {
  readFirstBytes(socket, (head) => {
    if (serveStreamOnSocket(socket, head)) return;
    // Anything else, including a stream request that is not plain (HTTP/1.0, a body,
    // several requests in one packet), is served by node:http in a Next process.
    const message: HandOff = { type: handOffMessage, role: connectionRole(head), head };
    stopReading(socket);
    send(message, socket, { keepOpen: false }, (error: Error | null) => error && socket.destroy());
  });
}
const frontDoor = net.createServer(accept);
// A stream a reader process was asked for on a connection it served (scripts/server-worker.ts),
// with the request's head: nothing more comes before the answer.
process.on("message", (message: HandOff, socket?: Socket) => {
  if (message?.type !== handOffMessage || !socket) return;
  destroyOnError(socket);
  if (!serveStreamOnSocket(socket, message.head)) socket.destroy();
});
// Before the shared port: a crowd of its own through `accept`, so that the first real crowd
// (everyone reconnecting after a deploy) meets compiled code.
try {
  const warmUp = await warmUpStreams(accept, env().HERALD_STREAM_WARM_UP);
  log.info({ warmUp }, "skipped" in warmUp ? "server: no warm-up" : "server: warmed up");
} catch (error) {
  log.warn({ err: error }, "server: the warm-up failed; taking readers anyway");
}
// A crowd arriving at once: Node's default backlog is 511 (the kernel allows 4096 here).
frontDoor.listen({ port, host, backlog: 4096 }, () => {
  log.info({ port, host }, "server: listening");
  send({ type: "ready" });
});

// Graceful shutdown: stop accepting, send the readers to other processes with a jittered
// retry (lib/process/shutdown.ts), close the Postgres connections, exit 0.
stopGracefully(log, { stopAccepting: () => frontDoor.close(), shutDown: () => shutDown(() => 0) });
answerMemoryProbes();
