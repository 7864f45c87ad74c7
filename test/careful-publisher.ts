// A publisher as docs/api.md asks clients to be: one Idempotency-Key per post, and the same
// request sent again with that key until the server answers it (a refused connection, a
// 502/503 or a timeout is not an answer). Used by the process tests that stop a box or its
// Postgres mid-run and count what was lost or written twice.
import crypto from "node:crypto";
import { bearer } from "./api";
import { sleep } from "./wait";

export type Outcome = { attempts: number; status: number };

/** POSTs `body` to the event's posts until it is created (201), or `maxAttempts` runs out. */
export async function publishSurely(
  origin: string,
  slug: string,
  token: string,
  body: string,
  { maxAttempts = 20, retryMs = 250, timeoutMs = 20_000 } = {},
): Promise<Outcome> {
  const key = crypto.randomUUID();
  for (let attempts = 1; ; attempts++) {
    const status = await fetch(`${origin}/api/v1/events/${slug}/posts`, {
      method: "POST",
      headers: { ...bearer(token), "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify({ body }),
      signal: AbortSignal.timeout(timeoutMs),
    }).then(
      async (response) => (await response.text(), response.status),
      () => 0,
    );
    if (status === 201 || attempts >= maxAttempts) return { attempts, status };
    await sleep(retryMs);
  }
}

/** Publishes "Update 1", "Update 2", … every `everyMs` until `stop()`, each surely. */
export function publishEvery(
  everyMs: number,
  send: (body: string) => Promise<Outcome>,
): { outcomes: Outcome[]; stop: () => Promise<Outcome[]> } {
  const outcomes: Outcome[] = [];
  let publishing = true;
  const running = (async () => {
    for (let n = 1; publishing; n++) {
      const started = Date.now();
      outcomes.push(await send(`Update ${n}`));
      await sleep(Math.max(0, everyMs - (Date.now() - started)));
    }
  })();
  return {
    outcomes,
    stop: async () => {
      publishing = false;
      await running;
      return outcomes;
    },
  };
}
