import { beforeAll, describe, expect, it } from "vitest";
import { makeUser, type TestUser } from "@/test/factories";
import { authenticate } from "./authenticate";

let user: TestUser;

beforeAll(async () => {
  user = await makeUser({ password: "the right password" });
});

describe("authenticate", () => {
  it("returns the account for the right password", async () => {
    expect(await authenticate(user.email, "the right password")).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      sessionVersion: 0,
    });
  });

  it("finds the account whatever the email's case and surrounding spaces", async () => {
    const account = await authenticate(`  ${user.email.toUpperCase()} `, "the right password");
    expect(account?.id).toBe(user.id);
  });

  it("returns null for a wrong password and for an unknown email alike", async () => {
    expect(await authenticate(user.email, "the wrong password")).toBeNull();
    expect(await authenticate(user.email, "the right password ")).toBeNull();
    expect(await authenticate(user.email, "")).toBeNull();
    expect(await authenticate(`nobody-${user.id}@herald.test`, "the right password")).toBeNull();
  });

  it("returns null for input that is not a pair of strings, or too long", async () => {
    expect(await authenticate(undefined, "the right password")).toBeNull();
    expect(await authenticate(user.email, undefined)).toBeNull();
    expect(await authenticate({ email: user.email }, ["the right password"])).toBeNull();
    expect(await authenticate(user.email, "x".repeat(10_000))).toBeNull();
  });
});
