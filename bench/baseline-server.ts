// The baseline: the least a node:http server can do to fan out SSE — a Set of responses
// and one shared Buffer written to each. GET /sub subscribes; POST /pub publishes (through
// the cluster primary, bench/cluster-host.ts, to every worker). Bench only.
import http from "node:http";

const port = Number(process.env.PORT);
const subscribers = new Set<http.ServerResponse>();
let seq = 0;

const server = http.createServer((request, response) => {
  if (request.method === "GET" && request.url === "/sub") {
    response.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
    });
    response.write("retry: 1000\n\n");
    subscribers.add(response);
    response.on("close", () => subscribers.delete(response));
    return;
  }
  if (request.method === "POST" && request.url === "/pub") {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (part: string) => (body += part));
    request.on("end", () => {
      process.send!({ type: "baseline:publish", body });
      response.writeHead(202).end();
    });
    return;
  }
  response.writeHead(404).end();
});
server.requestTimeout = 0;
server.keepAliveTimeout = 65_000;
server.listen({ port, host: "0.0.0.0", backlog: 4096 }, () => process.send!({ type: "ready" }));

process.on("message", (m: { type?: string; body?: string }) => {
  if (m.type === "baseline:publish") {
    const bytes = Buffer.from(`id: ${++seq}\nevent: post\ndata: ${JSON.stringify({ body: m.body })}\n\n`);
    for (const subscriber of subscribers) subscriber.write(bytes);
  }
  if (m.type === "bench:memory") {
    (globalThis as { gc?: () => void }).gc?.();
    process.send!({ type: "bench:memory", memory: process.memoryUsage() });
  }
});
process.on("SIGTERM", () => process.exit(0));
