import { beforeAll, describe, expect, it } from "vitest";
import { TooManyRequestsError } from "@/lib/errors";
import { makeUser, unique, type TestUser } from "@/test/factories";
import { signInPerAccount, signInPerAddress } from "./rate-limits";
import { signIn } from "./sign-in";

let user: TestUser;
beforeAll(async () => {
  user = await makeUser();
});

const address = () => `10.${unique()}`;
const failures = (n: number, run: (i: number) => Promise<unknown>) =>
  Promise.all(Array.from({ length: n }, (_, i) => run(i)));

describe("signIn rate limits", () => {
  it("signs in, and a correct password does not use up the account's attempts", async () => {
    const ip = address();
    for (let i = 0; i < signInPerAccount.limit + 2; i++) {
      expect((await signIn(user.email, user.password, ip))?.id).toBe(user.id);
    }
  });

  it("locks an account after its failures, from any address, even for the right password", async () => {
    const victim = await makeUser();
    await failures(signInPerAccount.limit, () => signIn(victim.email, "wrong password", address()));
    const error = await signIn(victim.email, victim.password, address()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).status).toBe(429);
    expect((error as TooManyRequestsError).message).toMatch(
      /^Too many sign-in attempts\. Try again in \d+ minutes?\.$/,
    );
    // Another account is not affected.
    expect((await signIn(user.email, user.password, address()))?.id).toBe(user.id);
  });

  it("treats an unknown email exactly like a wrong password, locks included", async () => {
    const nobody = `nobody-${unique()}@herald.test`;
    const ip = address();
    const answers = await failures(signInPerAccount.limit, () => signIn(nobody, "whatever", ip));
    expect(answers.every((a) => a === null)).toBe(true);
    await expect(signIn(nobody, "whatever", ip)).rejects.toBeInstanceOf(TooManyRequestsError);
  });

  it("limits one address across many accounts", async () => {
    const ip = address();
    await failures(signInPerAddress.limit, (i) => signIn(`spray-${i}-${unique()}@herald.test`, "password1", ip));
    await expect(signIn(user.email, user.password, ip)).rejects.toBeInstanceOf(TooManyRequestsError);
    // The account itself is fine from elsewhere.
    expect((await signIn(user.email, user.password, address()))?.id).toBe(user.id);
  });

  it("keys accounts the way sign-in finds them: case and spaces do not make new buckets", async () => {
    const victim = await makeUser();
    await failures(signInPerAccount.limit, (i) =>
      signIn(i % 2 ? ` ${victim.email.toUpperCase()} ` : victim.email, "wrong password", address()),
    );
    await expect(signIn(victim.email, victim.password, address())).rejects.toBeInstanceOf(TooManyRequestsError);
  });
});
