import "server-only";
import { db } from "@/lib/db";

export type PublicEvent = {
  slug: string;
  title: string;
  description: string;
  status: "SCHEDULED" | "LIVE" | "ENDED";
  startsAt: Date | null;
  timeZone: string;
  updatedAt: Date;
};

export type PublicEvents = { live: PublicEvent[]; upcoming: PublicEvent[]; recent: PublicEvent[] };

const select = {
  slug: true,
  title: true,
  description: true,
  status: true,
  startsAt: true,
  timeZone: true,
  updatedAt: true,
} as const;

/**
 * What the home page lists: everything live (most recently active first), what is coming
 * (soonest first) and what has recently ended. Drafts stay private.
 */
export async function listPublicEvents(limit = 20): Promise<PublicEvents> {
  const [live, upcoming, recent] = await Promise.all([
    db.event.findMany({ where: { status: "LIVE" }, orderBy: { updatedAt: "desc" }, take: limit, select }),
    db.event.findMany({
      where: { status: "SCHEDULED" },
      orderBy: [{ startsAt: { sort: "asc", nulls: "last" } }, { updatedAt: "desc" }],
      take: limit,
      select,
    }),
    db.event.findMany({ where: { status: "ENDED" }, orderBy: { updatedAt: "desc" }, take: limit, select }),
  ]);
  return { live, upcoming, recent } as PublicEvents;
}
