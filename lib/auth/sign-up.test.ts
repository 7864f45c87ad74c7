import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, TooManyRequestsError } from "@/lib/errors";
import { unique } from "@/test/factories";
import { signUpPerEmail } from "./rate-limits";
import { signUp } from "./sign-up";

// lib/env.ts reads the environment on first use: a small per-address limit for this file.
vi.hoisted(() => {
  process.env.HERALD_SIGN_UPS_PER_HOUR = "3";
});

const person = () => ({ name: "Sam", email: `sam-${unique()}@herald.test`, password: "password1" });

describe("signUp rate limits", () => {
  it("lets one address make HERALD_SIGN_UPS_PER_HOUR accounts an hour, then answers 429", async () => {
    const ip = `192.0.2.${unique()}`;
    for (let i = 0; i < 3; i++) await signUp(person(), ip);
    const refused = person();
    const error = await signUp(refused, ip).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as Error).message).toMatch(/^Too many sign-ups from here\. Try again in \d+ minutes?\.$/);
    expect(await db.user.count({ where: { email: refused.email } })).toBe(0);
    // Someone else is not affected.
    await expect(signUp(person(), `192.0.2.${unique()}`)).resolves.toMatchObject({ name: "Sam" });
  });

  it("limits probing one email for an account, from any address", async () => {
    const taken = person();
    await signUp(taken, `198.51.100.${unique()}`);
    for (let i = 1; i < signUpPerEmail.limit; i++) {
      await expect(signUp(taken, `198.51.100.${unique()}`)).rejects.toBeInstanceOf(ConflictError);
    }
    await expect(signUp(taken, `198.51.100.${unique()}`)).rejects.toBeInstanceOf(TooManyRequestsError);
  });
});
