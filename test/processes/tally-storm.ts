// Shared by the process tests of reactions and polls (test/processes/reactions.test.ts,
// polls.test.ts): two server processes, a storm of readers' writes sent to both while one
// of them restarts, and what a reader's page shows from the stream's state events.
import { afterAll, beforeAll } from "vitest";
import { EventSourceRecorder } from "@/test/event-source";
import { makeUser, type TestUser } from "@/test/factories";
import { ServerProcess, stopAllServers } from "@/test/server-process";

/** An answer as a reader's page gets it; a connection that fails is `status: null`. */
export type Sent = { status: number | null; body: Record<string, unknown> };

export const answered = (sent: Sent) => sent.status === 200 || sent.status === 201;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two servers (`a`, `b`) and an owner, for the file's tests; stopped, with every stream opened, after them. */
export function twoServers(env: Record<string, string>) {
  const cluster = {
    a: undefined as unknown as ServerProcess,
    b: undefined as unknown as ServerProcess,
    owner: undefined as unknown as TestUser,
    clients: [] as EventSourceRecorder[],
    /** A reader's stream of `path` on `server`, closed after the tests. */
    watch(server: ServerProcess, path: string): EventSourceRecorder {
      const client = new EventSourceRecorder(`${server.url}${path}`);
      cluster.clients.push(client);
      return client;
    },
  };
  beforeAll(async () => {
    [cluster.a, cluster.b, cluster.owner] = await Promise.all([
      ServerProcess.start({ env }),
      ServerProcess.start({ env }),
      makeUser(),
    ]);
  }, 120_000);
  afterAll(async () => {
    for (const client of cluster.clients) client.close();
    await stopAllServers();
  });
  return cluster;
}

/** A JSON POST from the event's page (same origin), as a reader's script sends it. */
export async function postJson(
  server: ServerProcess,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Sent> {
  try {
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
  } catch {
    return { status: null, body: {} };
  }
}

/**
 * Sends again while `again(sent)` holds, as a page lets a reader retry, up to ten tries.
 * A process that sheds load on a busy machine answers 503 + Retry-After, and one that
 * restarts does not connect: by default those are retried.
 */
export async function retried(
  send: () => Promise<Sent>,
  { again = (sent: Sent) => sent.status === null || sent.status === 503, waitMs = 1_000 } = {},
): Promise<Sent> {
  let sent = await send();
  for (let tries = 1; again(sent) && tries < 10; tries++) {
    await sleep(waitMs);
    sent = await send();
  }
  return sent;
}

/**
 * The storm: every write sent once to each server, spread over 3 s (`spread` gives each
 * send its delay), while `b` stops gracefully and comes back on its port.
 */
export async function stormWithRestart<Write>(
  cluster: { a: ServerProcess; b: ServerProcess },
  writes: Write[],
  send: (server: ServerProcess, write: Write) => Promise<Sent>,
  spread: (n: number, copy: number) => number,
): Promise<{ write: Write; sent: Sent }[]> {
  const attempts: { write: Write; sent: Sent }[] = [];
  const storm = writes.flatMap((write, n) =>
    [cluster.a, cluster.b].map(async (server, copy) => {
      await sleep(spread(n, copy) % 3_000);
      attempts.push({ write, sent: await send(server, write) });
    }),
  );
  const restart = (async () => {
    await sleep(100);
    await cluster.b.stop();
    await cluster.b.restart();
  })();
  await Promise.all([...storm, restart]);
  return attempts;
}

/** What a reader's page shows for `id`: the last `type` state event that named it. */
export function shownIn<Counts>(client: EventSourceRecorder, type: string, id: string): Counts | undefined {
  for (let i = client.states.length - 1; i >= 0; i--) {
    const state = client.states[i]!;
    const byId = state.data as Record<string, Counts>;
    if (state.type === type && byId[id]) return byId[id];
  }
  return undefined;
}

/** Counts as text, whatever order their keys came in. */
export const countsText = (counts: Record<string, number> | undefined) =>
  JSON.stringify(Object.entries(counts ?? {}).sort(([x], [y]) => x.localeCompare(y)));
