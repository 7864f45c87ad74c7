import "server-only";
import net, { type AddressInfo, type Server, type Socket } from "node:net";
import { db } from "@/lib/db";
import { withoutReaderCounts } from "@/lib/realtime/reader-counts";

/**
 * A stream process fresh from a start accepts its first crowd at about two thirds the rate
 * of a warm one: V8 is still compiling Node's socket and stream code, and ours
 * (docs/performance.md, "A fresh process and a warm one"). That first crowd is everyone
 * reconnecting after a deploy or a crash. So, before it listens on the shared port, the
 * process serves a crowd of its own: connections from itself, on a private loopback port,
 * to the front door's own connection listener (`accept`), asking for a live event's
 * stream as browsers ask for it.
 *
 * They take the whole real path, down to the event lookup and the process's broadcaster:
 * code V8 compiled for stand-ins (a made-up event, a broadcaster of their own) was thrown
 * away when the real crowd came (measured, docs/performance.md). While they are connected
 * the process writes no reader counts, so editors never see them.
 *
 * With no live event it does nothing. It throws only if Postgres cannot be read; the
 * stream process then logs it and takes readers anyway.
 */
export async function warmUpStreams(
  accept: (socket: Socket) => void,
  connections: number,
  { deadlineMs = 20_000 } = {},
): Promise<WarmUp> {
  if (connections <= 0) return { skipped: "HERALD_STREAM_WARM_UP is 0" };
  const event = await db.event.findFirst({
    where: { status: "LIVE" },
    orderBy: { updatedAt: "desc" },
    select: { slug: true, lastSeq: true },
  });
  if (!event) return { skipped: "no live event" };
  const started = performance.now();
  const server = net.createServer(accept);
  await new Promise<void>((resolve, reject) =>
    server.once("error", reject).listen({ port: 0, host: "127.0.0.1", exclusive: true }, resolve),
  );
  try {
    const answered = await withoutReaderCounts(async () => {
      const { port } = server.address() as AddressInfo;
      const statuses = await crowd(port, requestHeads(event.slug, event.lastSeq, port), connections, deadlineMs);
      await closed(server);
      return statuses;
    });
    return { slug: event.slug, connections, answered, ms: Math.round(performance.now() - started) };
  } finally {
    if (server.listening) server.close();
  }
}

export type WarmUp =
  { skipped: string } | { slug: string; connections: number; answered: Record<string, number>; ms: number };

/** Connections in flight at once, as a crowd arrives: more only lengthens the accept queue. */
const inFlight = 256;

/**
 * The three ways real readers ask (they take different branches of the head parser and of
 * open-stream): a browser's first connection, with the page's position in the query; its
 * reconnect, with Last-Event-ID; a bare client, from now.
 */
function requestHeads(slug: string, lastSeq: number, port: number): string[] {
  const path = `/api/events/${encodeURIComponent(slug)}/stream`;
  const browser = [
    `Host: 127.0.0.1:${port}`,
    "Connection: keep-alive",
    "Cache-Control: no-cache",
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
    "Accept: text/event-stream",
    "Sec-Fetch-Site: same-origin",
    "Sec-Fetch-Mode: cors",
    "Sec-Fetch-Dest: empty",
    `Referer: http://127.0.0.1:${port}/e/${slug}`,
    "Accept-Encoding: gzip, deflate, br, zstd",
    "Accept-Language: en-US,en;q=0.9",
  ];
  const head = (line: string, headers: string[]) => [line, ...headers, "", ""].join("\r\n");
  return [
    head(`GET ${path}?lastEventId=${lastSeq} HTTP/1.1`, browser),
    head(`GET ${path} HTTP/1.1`, [...browser, `Last-Event-ID: ${lastSeq}`]),
    head(`GET ${path} HTTP/1.1`, [`Host: 127.0.0.1:${port}`, "Accept: text/event-stream"]),
  ];
}

/**
 * Opens `count` connections, at most `inFlight` waiting at once, each sending one of
 * `heads`; when every one has its answer's status line, or after `deadlineMs` however slow
 * the machine is, closes them all and opens no more. Resolves with how many got each status.
 */
function crowd(port: number, heads: string[], count: number, deadlineMs: number): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  const sockets: Socket[] = [];
  const buffer = Buffer.allocUnsafe(16 * 1024);
  return new Promise((resolve) => {
    let opened = 0;
    let settled = 0;
    let done = false;
    const timer = setTimeout(finish, deadlineMs);
    function finish() {
      done = true;
      clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      resolve(statuses);
    }
    function settle(status: string) {
      if (done) return; // a socket finish() destroyed: nothing to count, nothing to open
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (++settled === count) finish();
      else open();
    }
    function open() {
      while (opened < count && opened - settled < inFlight) {
        const head = heads[opened++ % heads.length]!;
        let answered = false;
        const once = (status: string) => !answered && ((answered = true), settle(status));
        // `onread`: no Buffer per read. The status line is all this reader wants.
        const socket = net.connect({
          host: "127.0.0.1",
          port,
          onread: { buffer, callback: (bytes) => (once(buffer.toString("latin1", 9, Math.min(bytes, 12))), true) },
        });
        socket.on("connect", () => socket.write(head));
        socket.on("error", () => once("error"));
        socket.on("close", () => once("closed"));
        sockets.push(socket);
      }
    }
    open();
  });
}

/** Once the server has let every connection go (its readers have left the broadcaster). */
function closed(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 5_000);
    server.close(() => (clearTimeout(timer), resolve()));
  });
}
