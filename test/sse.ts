// Reads Server-Sent Events the way EventSource would, for asserting on a stream's bytes.

export type SseEvent = { id: string | null; event: string; data: string; retry: number | null };

/**
 * Parses complete SSE blocks (each ends with a blank line); returns them and the
 * unfinished remainder. Comment lines (":") are skipped; a block with only `retry:` or
 * only comments is kept as an event named "" so that ordering can be asserted.
 */
export function parseSse(text: string): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = [];
  const blocks = text.replace(/\r\n?/g, "\n").split("\n\n");
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let id: string | null = null;
    let event = "";
    let retry: number | null = null;
    const data: string[] = [];
    let fields = 0;
    for (const line of block.split("\n")) {
      if (line === "" || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const name = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      fields++;
      if (name === "id") id = value;
      else if (name === "event") event = value;
      else if (name === "data") data.push(value);
      else if (name === "retry") retry = Number(value);
    }
    if (fields > 0) events.push({ id, event, data: data.join("\n"), retry });
  }
  return { events, rest };
}

/** Parses the data of a change event as JSON. */
export function dataOf<T = Record<string, unknown>>(event: SseEvent): T {
  return JSON.parse(event.data) as T;
}

/**
 * Incremental reader over an SSE body. `until()` reads until the events seen so far
 * satisfy a condition or the time runs out (it never throws on timeout: assert on the
 * result). A read still pending at a timeout is kept for the next call, so nothing is lost.
 * Deadlines default to a generous 30 s: a condition met returns at once.
 */
export class SseReader {
  text = "";
  events: SseEvent[] = [];
  done = false;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  private rest = "";

  constructor(body: ReadableStream<Uint8Array> | null) {
    if (!body) throw new Error("The response has no body.");
    this.reader = body.getReader();
  }

  /** Change events only (those with an id). */
  get changes(): SseEvent[] {
    return this.events.filter((e) => e.id !== null);
  }

  async until(
    condition: (events: SseEvent[]) => boolean,
    timeoutMs = 30_000,
  ): Promise<{ events: SseEvent[]; met: boolean }> {
    const deadline = Date.now() + timeoutMs;
    while (!condition(this.events)) {
      if (this.done) return { events: this.events, met: false };
      const left = deadline - Date.now();
      if (left <= 0) return { events: this.events, met: false };
      // A body that errors (its request was aborted) has ended, as far as a reader can tell.
      this.pending ??= this.reader.read().catch(() => ({ done: true as const, value: undefined }));
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), left)));
      const result = await Promise.race([this.pending, timeout]).finally(() => clearTimeout(timer));
      if (result === "timeout") return { events: this.events, met: condition(this.events) };
      this.pending = null;
      if (result.done) {
        this.done = true;
        this.push(this.decoder.decode());
      } else {
        this.push(this.decoder.decode(result.value, { stream: true }));
      }
    }
    return { events: this.events, met: true };
  }

  /** Reads to the end of the body (for responses that end by themselves). */
  async readAll(timeoutMs = 30_000): Promise<string> {
    await this.until(() => false, timeoutMs);
    if (!this.done) throw new Error(`The body did not end within ${timeoutMs} ms.`);
    return this.text;
  }

  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => {});
  }

  private push(chunk: string): void {
    this.text += chunk;
    const parsed = parseSse(this.rest + chunk);
    this.rest = parsed.rest;
    this.events.push(...parsed.events);
  }
}

/** Reads an SSE body until `condition` holds or `timeoutMs` passes, then cancels it. */
export async function readSse(
  response: Response,
  condition: (events: SseEvent[]) => boolean,
  timeoutMs = 30_000,
): Promise<{ events: SseEvent[]; text: string; met: boolean }> {
  const reader = new SseReader(response.body);
  try {
    const { met } = await reader.until(condition, timeoutMs);
    return { events: reader.events, text: reader.text, met };
  } finally {
    await reader.cancel();
  }
}
