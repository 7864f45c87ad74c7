import "server-only";
import type { ChangeMessage } from "@/lib/shared/types";

// The SSE wire format (https://html.spec.whatwg.org/multipage/server-sent-events.html).
const encoder = new TextEncoder();

/** One change as bytes: encoded once per process, then written to every subscriber. */
export function encodeChange(change: ChangeMessage): Uint8Array<ArrayBuffer> {
  const { seq, type, ...data } = change;
  // JSON.stringify never emits a raw newline, so one data: line is always enough.
  return encoder.encode(`id: ${seq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
}

export function encodeEvent(type: string, data: unknown): Uint8Array<ArrayBuffer> {
  return encoder.encode(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** How long the browser waits before reconnecting, spread so a restart is not a stampede. */
export function encodeRetry(baseMs: number, jitterMs: number): Uint8Array<ArrayBuffer> {
  return encoder.encode(`retry: ${Math.round(baseMs + Math.random() * jitterMs)}\n\n`);
}

/** A comment line: keeps proxies from closing an idle stream; EventSource ignores it. */
export const heartbeat = encoder.encode(":\n\n");
