import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { hashInvitationToken, isWellFormedToken } from "./invitation-token";

export type InvitationDetails = {
  email: string;
  role: Role;
  expiresAt: Date;
  event: { slug: string; title: string };
  /** The signed-in person's current role on the event, if they are on its team. */
  yourRole: Role | null;
};

export type InvitationLookup =
  { state: "unknown" } | ({ state: "pending" | "expired" | "accepted" } & InvitationDetails);

/** What an invitation link leads to, for its page. The token is the only credential. */
export async function getInvitation(token: string, viewer: Actor | null): Promise<InvitationLookup> {
  if (!isWellFormedToken(token)) return { state: "unknown" };
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: {
      eventId: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      event: { select: { slug: true, title: true } },
    },
  });
  if (!invitation) return { state: "unknown" };
  const membership = viewer
    ? await db.membership.findUnique({
        where: { eventId_userId: { eventId: invitation.eventId, userId: viewer.id } },
        select: { role: true },
      })
    : null;
  const state = invitation.acceptedAt ? "accepted" : invitation.expiresAt <= new Date() ? "expired" : "pending";
  const { email, role, expiresAt, event } = invitation;
  return { state, email, role, expiresAt, event, yourRole: membership?.role ?? null };
}
