import { describe, expect, it } from "vitest";
import { verify } from "@node-rs/argon2";
import { db } from "@/lib/db";
import { ConflictError, ValidationError } from "@/lib/errors";
import { unique } from "@/test/factories";
import { createAccount } from "./create-account";

describe("createAccount", () => {
  it("stores an argon2id hash, never the password, and returns the account", async () => {
    const email = `new-${unique()}@herald.test`;
    const account = await createAccount({ name: "  Nia Reporter ", email, password: "s3cret-enough" });
    expect(account).toEqual({ id: expect.any(String), email, name: "Nia Reporter" });

    const row = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("s3cret-enough");
    expect(await verify(row.passwordHash, "s3cret-enough")).toBe(true);
    expect(await verify(row.passwordHash, "s3cret-enougH")).toBe(false);
  });

  it("salts: the same password hashes differently for two accounts", async () => {
    const [x, y] = await Promise.all([
      createAccount({ name: "X", email: `x-${unique()}@herald.test`, password: "same password" }),
      createAccount({ name: "Y", email: `y-${unique()}@herald.test`, password: "same password" }),
    ]);
    const rows = await db.user.findMany({ where: { id: { in: [x.id, y.id] } }, select: { passwordHash: true } });
    expect(rows).toHaveLength(2);
    expect(rows[0]!.passwordHash).not.toBe(rows[1]!.passwordHash);
  });

  it("normalizes the email to lower case", async () => {
    const id = unique();
    const account = await createAccount({
      name: "Case",
      email: `  Mixed.Case-${id}@Herald.TEST `,
      password: "password1",
    });
    expect(account.email).toBe(`mixed.case-${id}@herald.test`);
  });

  it("refuses a duplicate email with a ConflictError, whatever its case", async () => {
    const id = unique();
    const first = await createAccount({ name: "First", email: `dup-${id}@herald.test`, password: "password1" });

    for (const email of [`dup-${id}@herald.test`, `DUP-${id}@Herald.Test`]) {
      const error = await createAccount({ name: "Second", email, password: "password2" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).fieldErrors.email).toEqual([expect.any(String)]);
    }
    const rows = await db.user.findMany({ where: { email: { equals: `dup-${id}@herald.test`, mode: "insensitive" } } });
    expect(rows.map((r) => [r.id, r.name])).toEqual([[first.id, "First"]]);
  });

  it("lets exactly one of two racing sign-ups have an email", async () => {
    const email = `race-${unique()}@herald.test`;
    const results = await Promise.allSettled([
      createAccount({ name: "One", email, password: "password1" }),
      createAccount({ name: "Two", email: email.toUpperCase(), password: "password2" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ConflictError);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it.each([
    ["a malformed email", { name: "N", email: "not-an-email", password: "password1" }, "email"],
    ["a short password", { name: "N", email: "short@herald.test", password: "1234567" }, "password"],
    ["a too-long password", { name: "N", email: "long@herald.test", password: "p".repeat(201) }, "password"],
    ["an empty name", { name: "  ", email: "noname@herald.test", password: "password1" }, "name"],
  ])("refuses %s with a ValidationError", async (_label, input, field) => {
    const error = await createAccount(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual([field]);
  });
});
