import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { TooManyRequestsError, ValidationError } from "@/lib/errors";
import { makeUser } from "@/test/factories";
import { authenticate } from "./authenticate";
import { changePassword } from "./change-password";
import { signInPerAccount } from "./rate-limits";
import { liveAccount } from "./session";

describe("changePassword", () => {
  it("replaces the password and ends every session issued before", async () => {
    const user = await makeUser();
    const before = await authenticate(user.email, user.password);
    expect(before?.sessionVersion).toBe(0);
    expect(await liveAccount(user.id, 0)).toEqual({ id: user.id, name: user.name, email: user.email });

    await changePassword(user, { currentPassword: user.password, newPassword: "a brand new password" });

    expect(await liveAccount(user.id, 0)).toBeNull();
    expect(await authenticate(user.email, user.password)).toBeNull();
    const after = await authenticate(user.email, "a brand new password");
    expect(after?.sessionVersion).toBe(1);
    expect(await liveAccount(user.id, 1)).toEqual({ id: user.id, name: user.name, email: user.email });
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const user = await makeUser();
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    const error = await changePassword(user, { currentPassword: "not it", newPassword: "another password" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.currentPassword).toHaveLength(1);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(row);
  });

  it("refuses a short new password with a field error", async () => {
    const user = await makeUser();
    const error = await changePassword(user, { currentPassword: user.password, newPassword: "short" }).catch(
      (e: unknown) => e,
    );
    expect((error as ValidationError).fieldErrors.newPassword).toHaveLength(1);
  });

  it("counts wrong current passwords like failed sign-ins", async () => {
    const user = await makeUser();
    for (let i = 0; i < signInPerAccount.limit; i++) {
      await changePassword(user, { currentPassword: "guess", newPassword: "another password" }).catch(() => {});
    }
    await expect(
      changePassword(user, { currentPassword: user.password, newPassword: "another password" }),
    ).rejects.toBeInstanceOf(TooManyRequestsError);
  });

  it("a session of a deleted account is no longer live", async () => {
    expect(await liveAccount("no-such-user", 0)).toBeNull();
  });
});
