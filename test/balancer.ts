// A TCP load balancer for process-level tests: each new connection goes to the first
// backend that accepts it. When a server process stops listening (a graceful shutdown),
// new connections — a reconnecting EventSource's — reach the next one, as behind any
// load balancer with health checks.
import net from "node:net";

export class Balancer {
  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    private readonly sockets: Set<net.Socket>,
  ) {}

  static async start(backends: () => number[]): Promise<Balancer> {
    const sockets = new Set<net.Socket>();
    const track = (socket: net.Socket) => {
      sockets.add(socket);
      socket.once("close", () => sockets.delete(socket));
    };
    const server = net.createServer((client) => {
      track(client);
      client.pause();
      const tryBackend = (ports: number[]) => {
        const [port, ...rest] = ports;
        if (port === undefined) return void client.destroy();
        const upstream = net.connect({ port, host: "127.0.0.1" });
        let connected = false;
        upstream.once("error", () => (connected ? client.destroy() : tryBackend(rest)));
        upstream.once("connect", () => {
          connected = true;
          track(upstream);
          upstream.on("error", () => client.destroy());
          client.on("error", () => upstream.destroy());
          client.pipe(upstream).pipe(client);
          client.resume();
        });
      };
      tryBackend(backends());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new Balancer(server, (server.address() as net.AddressInfo).port, sockets);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
