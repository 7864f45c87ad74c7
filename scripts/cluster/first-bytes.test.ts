import net, { type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { readFirstBytes, serveHere, stopReading } from "./first-bytes";

// Real loopback sockets: what the front door of a reader process holds.
const sockets: Socket[] = [];
const servers: net.Server[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) server.close();
});

/** A client, and the socket its server accepted for it. */
async function connectedPair(): Promise<{ client: Socket; accepted: Socket }> {
  const server = net.createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const accepted = new Promise<Socket>((resolve) => server.once("connection", resolve));
  const client = net.connect((server.address() as net.AddressInfo).port, "127.0.0.1");
  sockets.push(client);
  const socket = await accepted;
  sockets.push(socket);
  return { client, accepted: socket };
}

/** Node keeps a socket's TCP_NODELAY setting under this symbol (node:net's kSetNoDelay). */
function noDelayOf(socket: Socket): unknown {
  const symbol = Object.getOwnPropertySymbols(socket).find((s) => s.description === "kSetNoDelay");
  return symbol ? (socket as unknown as Record<symbol, unknown>)[symbol] : undefined;
}

/** Stands in for the HTTP server: collects what it would parse. */
function collectingServer() {
  const received: Buffer[] = [];
  return {
    received: () => Buffer.concat(received).toString("latin1"),
    emit(_event: "connection", socket: Socket) {
      socket.on("data", (chunk: Buffer) => received.push(chunk));
    },
  };
}

describe("a connection's first bytes", () => {
  it("are read once, then served here in front of the rest, with Nagle off", async () => {
    const { client, accepted } = await connectedPair();
    const server = collectingServer();
    const head = new Promise<string>((resolve) => readFirstBytes(accepted, resolve));
    client.write("GET /api/events/x/stream HTTP/1.1\r\n");
    const first = await head;
    expect(first).toBe("GET /api/events/x/stream HTTP/1.1\r\n");

    serveHere(server, accepted, first);
    client.write("Host: herald.test\r\n\r\n");
    await expect.poll(server.received).toBe("GET /api/events/x/stream HTTP/1.1\r\nHost: herald.test\r\n\r\n");
    // A socket node:http did not accept itself must still have Nagle off, or a response's
    // second write waits for the client's delayed ACK (40 ms on every request).
    expect(noDelayOf(accepted)).toBe(true);
  });

  it("stay with the sender when the socket stops reading: the rest waits in the kernel", async () => {
    const { client, accepted } = await connectedPair();
    const head = new Promise<string>((resolve) => readFirstBytes(accepted, resolve));
    client.write("POST /api/v1/events/x/posts HTTP/1.1\r\n");
    const first = await head;
    stopReading(accepted);
    client.write("Content-Length: 2\r\n\r\n{}");
    const seen: Buffer[] = [];
    accepted.on("data", (chunk: Buffer) => seen.push(chunk));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toEqual([]);

    // They are all still there for whoever reads the socket next (the newsroom process,
    // which gets the handle and the first bytes: test/processes/cluster.test.ts).
    const handle = (accepted as unknown as { _handle: { reading: boolean; readStart(): number } })._handle;
    handle.reading = true;
    handle.readStart();
    accepted.resume();
    await expect.poll(() => Buffer.concat(seen).toString("latin1")).toBe("Content-Length: 2\r\n\r\n{}");
    expect(first).toBe("POST /api/v1/events/x/posts HTTP/1.1\r\n");
  });

  it("close a connection that sends nothing on error", async () => {
    const { accepted } = await connectedPair();
    readFirstBytes(accepted, () => {});
    accepted.emit("error", new Error("ECONNRESET"));
    expect(accepted.destroyed).toBe(true);
  });
});
