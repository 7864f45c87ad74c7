// Test data made through the real domain functions, unique per call so that test files
// can run in parallel against the one database without ever truncating it.
import crypto from "node:crypto";
import { createAccount, type Account } from "@/lib/auth/create-account";
import { db } from "@/lib/db";
import { createEvent, type CreatedEvent } from "@/lib/events/create-event";
import { removeMember } from "@/lib/members/remove-member";
import type { Role } from "@/lib/generated/prisma/enums";

export const testPassword = "correct horse battery staple";

/** A short random suffix: lowercase letters and digits, valid inside a slug or an email. */
export function unique(): string {
  return crypto.randomBytes(6).toString("hex");
}

export type TestUser = Account & { password: string };

export async function makeUser(
  overrides: { name?: string; email?: string; password?: string } = {},
): Promise<TestUser> {
  const password = overrides.password ?? testPassword;
  const account = await createAccount({
    name: overrides.name ?? `Test User ${unique()}`,
    email: overrides.email ?? `user-${unique()}@herald.test`,
    password,
  });
  return { ...account, password };
}

export async function makeEvent(
  owner: Account,
  overrides: { title?: string; slug?: string; description?: string } = {},
): Promise<CreatedEvent> {
  const id = unique();
  return createEvent(owner, {
    title: overrides.title ?? `Test event ${id}`,
    slug: overrides.slug ?? `test-event-${id}`,
    description: overrides.description ?? "",
  });
}

/** Adds `user` to the event's team. (No domain verb for invitations exists yet.) */
export async function addMember(eventId: string, user: Account, role: Role): Promise<void> {
  await db.membership.create({ data: { eventId, userId: user.id, role } });
}

/** Rows written for an event, read straight from the database. */
export async function eventState(eventId: string) {
  const [event, posts, changes] = await Promise.all([
    db.event.findUniqueOrThrow({ where: { id: eventId }, select: { lastSeq: true } }),
    db.post.count({ where: { eventId } }),
    db.change.findMany({ where: { eventId }, orderBy: { seq: "asc" } }),
  ]);
  return { lastSeq: event.lastSeq, posts, changes };
}

/**
 * An event of `owner`'s with a member of each other role, someone who owns another event
 * (`outsider`), and a former member (`removed`, who held `removedRole` until removed).
 */
export async function makeTeam(owner: Account, { removedRole = "EDITOR" as Role } = {}) {
  const event = await makeEvent(owner);
  const [editor, contributor, outsider, removed] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser()]);
  await addMember(event.id, editor, "EDITOR");
  await addMember(event.id, contributor, "CONTRIBUTOR");
  await addMember(event.id, removed, removedRole);
  await removeMember(owner, event.id, removed.id);
  await makeEvent(outsider);
  return { event, editor, contributor, outsider, removed };
}
