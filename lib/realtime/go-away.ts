import "server-only";
import { goAwayJitterMs, goAwayRetryMs } from "./broadcaster";
import { sseHeaders } from "./sse-response";
import { encodeRetry } from "./sse";

/**
 * For a stream asked of a process that is shutting down: a jittered `retry:` and the end
 * of the stream. EventSource reconnects after that delay (a 503 would make it give up),
 * and `Connection: close` makes that reconnect a new connection, which the load balancer
 * sends to a process still running.
 */
export function goAwayResponse(): Response {
  return new Response(encodeRetry(goAwayRetryMs, goAwayJitterMs), {
    headers: { ...sseHeaders, Connection: "close" },
  });
}
