import "server-only";

/**
 * The Postgres channel a tally write notifies, in the transaction that wrote it: the
 * payload is one event id whose totals changed. Ephemeral, never in the change log.
 */
export const tallyChannel = "herald_tally";

/** Event ids are cuids; anything else on the channel is ignored. */
export function parseTallyPayload(payload: string | undefined): string | null {
  return payload && /^[a-z0-9]{1,40}$/.test(payload) ? payload : null;
}
