// Shared by the publishing API's route tests.
import { expect } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { db } from "@/lib/db";
import { addMember, makeEvent, makeUser, type TestUser } from "@/test/factories";

export type ErrorBody = { error: string; fieldErrors: Record<string, string[]> };

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Checks an API error response: status, JSON, never cached, and the error shape. */
export async function errorOf(response: Response, status: number): Promise<ErrorBody> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = (await response.json()) as ErrorBody;
  expect(body).toEqual({ error: expect.any(String), fieldErrors: expect.any(Object) });
  return body;
}

export type RefusedCaller = [label: string, headers: () => Promise<Record<string, string>>, status: number];

/**
 * Every kind of caller the publishing API must turn away from an event, and the status each gets.
 * `scope` is read when a test runs, so it may return what a `beforeAll` set.
 */
export function refusedCallers(scope: () => { owner: TestUser; eventId: string; secret: string }): RefusedCaller[] {
  /** An owner's token for the event, after `demote` changed its creator's membership. */
  async function tokenOfDemoted(
    name: string,
    demote: (where: { eventId: string; userId: string }) => Promise<unknown>,
  ) {
    const { eventId } = scope();
    const creator = await makeUser();
    await addMember(eventId, creator, "OWNER");
    const token = await createApiToken(creator, eventId, { name });
    await demote({ eventId, userId: creator.id });
    return bearer(token.secret);
  }
  return [
    ["no token", async () => ({}), 401],
    ["a malformed Authorization header", async () => ({ Authorization: `Bearer ${scope().secret} extra` }), 401],
    ["a malformed token", async () => bearer("hrld_too_short"), 401],
    ["an unknown token", async () => bearer(`hrld_${"z".repeat(43)}`), 401],
    [
      "a revoked token",
      async () => {
        const { owner, eventId } = scope();
        const token = await createApiToken(owner, eventId, { name: "Old bot" });
        await revokeApiToken(owner, token.id);
        return bearer(token.secret);
      },
      401,
    ],
    [
      "another event's token",
      async () => {
        const { owner } = scope();
        return bearer((await createApiToken(owner, (await makeEvent(owner)).id, { name: "Elsewhere" })).secret);
      },
      403,
    ],
    [
      "a token whose creator was removed from the team",
      () => tokenOfDemoted("Former's bot", (eventId_userId) => db.membership.delete({ where: { eventId_userId } })),
      403,
    ],
    [
      "a token whose creator is now a CONTRIBUTOR",
      () =>
        tokenOfDemoted("Demoted's bot", (eventId_userId) =>
          db.membership.update({ where: { eventId_userId }, data: { role: "CONTRIBUTOR" } }),
        ),
      403,
    ],
    ["a session cookie and no Authorization header", async () => ({ Cookie: "next-auth.session-token=abc" }), 401],
  ];
}
