import "server-only";
import { db } from "@/lib/db";
import { slugPattern } from "@/lib/shared/slug";
import { limits } from "@/lib/shared/limits";

export type EventSummary = {
  id: string;
  slug: string;
  title: string;
  description: string;
  status: "DRAFT" | "SCHEDULED" | "LIVE" | "ENDED";
  lastSeq: number;
  startsAt: Date | null;
  order: "NEWEST_FIRST" | "OLDEST_FIRST";
  timeZone: string;
  language: string;
  coverImageKey: string | null;
  questionsOpen: boolean;
  /** The key points' Markdown (for the console) and sanitized HTML (for readers). */
  summaryMarkdown: string;
  summaryHtml: string;
  summaryUpdatedAt: Date | null;
  createdAt: Date;
};

export const eventSummarySelect = {
  id: true,
  slug: true,
  title: true,
  description: true,
  status: true,
  lastSeq: true,
  startsAt: true,
  order: true,
  timeZone: true,
  language: true,
  coverImageKey: true,
  questionsOpen: true,
  summaryMarkdown: true,
  summaryHtml: true,
  summaryUpdatedAt: true,
  createdAt: true,
} as const;

/**
 * The event at /e/<slug>, or null (malformed slugs never reach the database). A response
 * built from it depends on it: the production page cache drops it when the event changes.
 */
export async function findEventBySlug(slug: string): Promise<EventSummary | null> {
  // A server action's arguments are whatever the client sent, not what its type says.
  if (typeof slug !== "string" || slug.length > limits.slug || !slugPattern.test(slug)) return null;
  const event = await db.event.findUnique({
    where: { slug },
    select: eventSummarySelect,
  });
  return event;
}
