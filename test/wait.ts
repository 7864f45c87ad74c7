// Polling and timing helpers for asynchronous assertions.

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once `check()` is truthy; rejects with `message` after `timeoutMs`. The default
 * deadline is generous (the machine is shared and can slow down 20x): a check that holds
 * returns at once, and only a failure waits it out.
 */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 30_000, intervalMs = 10, message = "condition" } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${message}.`);
    await sleep(intervalMs);
  }
}
