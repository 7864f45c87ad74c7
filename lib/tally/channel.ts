import "server-only";

/**
 * The Postgres channel a tally write notifies, in the transaction that wrote it: the
 * payload names the event whose totals changed — its bare id for reactions,
 * `polls:<id>` for poll votes. Ephemeral, never in the change log.
 */
export const tallyChannel = "herald_tally";

export type TallyName = "reactions" | "polls";

/** The payload that says `eventId`'s `tally` changed. */
export const tallyPayload = (tally: TallyName, eventId: string) =>
  tally === "reactions" ? eventId : `${tally}:${eventId}`;

/** Event ids are cuids; anything else on the channel is ignored. */
export function parseTallyPayload(payload: string | undefined): { tally: TallyName; eventId: string } | null {
  const match = /^(?:(polls):)?([a-z0-9]{1,40})$/.exec(payload ?? "");
  if (!match) return null;
  return { tally: match[1] === "polls" ? "polls" : "reactions", eventId: match[2]! };
}
