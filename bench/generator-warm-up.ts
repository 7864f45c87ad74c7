// The load generators are fresh processes too, and a fresh process spends its first crowd
// compiling (docs/performance.md, "A fresh process and a warm one"), on the cores the
// server under test shares. Started once and shared by every target, they met the first
// target measured (Herald) cold and the others warm. So before any target, they open and
// close a crowd against a throwaway server here that answers each with an SSE head.
import net, { type AddressInfo } from "node:net";
import type { Generators } from "./generators";

const head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\nretry: 1000\n\n";

export async function warmUpGenerators(generators: Generators, hosts: string[], readers: number): Promise<void> {
  const server = net.createServer((socket) => {
    socket.on("error", () => {});
    socket.once("data", () => socket.write(head));
  });
  // All addresses: the generators spread their connections over 127.0.0.2, 127.0.0.3, ….
  await new Promise<void>((resolve) => server.listen({ port: 0, host: "0.0.0.0", backlog: 4096 }, resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await generators.connect(readers, hosts, port, "/warm-up");
    await generators.close();
  } finally {
    server.close();
  }
}
