import "server-only";
import { db } from "@/lib/db";

export type PublicEvent = { slug: string; title: string; description: string; status: string; updatedAt: Date };

const rank: Record<string, number> = { LIVE: 0, SCHEDULED: 1, ENDED: 2 };
const order = (status: string) => rank[status] ?? 3;

/** Events a reader may open, live first. Drafts stay private. */
export async function listPublicEvents(limit = 20): Promise<PublicEvent[]> {
  const events = await db.event.findMany({
    where: { status: { in: ["LIVE", "SCHEDULED", "ENDED"] } },
    orderBy: { updatedAt: "desc" },
    take: limit,
    select: { slug: true, title: true, description: true, status: true, updatedAt: true },
  });
  return events.sort((a, b) => order(a.status) - order(b.status));
}
