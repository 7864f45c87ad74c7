import "server-only";
import type { EventView } from "@/lib/shared/types";
import { toLocale } from "@/lib/i18n/locales";
import { uploadUrl } from "@/lib/uploads/upload-url";

export const eventViewSelect = {
  title: true,
  description: true,
  status: true,
  startsAt: true,
  order: true,
  timeZone: true,
  language: true,
  coverImageKey: true,
  questionsOpen: true,
  summaryHtml: true,
  summaryUpdatedAt: true,
} as const;

type EventRow = {
  title: string;
  description: string;
  status: EventView["status"];
  startsAt: Date | null;
  order: EventView["order"];
  timeZone: string;
  language: string;
  coverImageKey: string | null;
  questionsOpen: boolean;
  summaryHtml: string;
  summaryUpdatedAt: Date | null;
};

/** The event as readers get it in `event.updated`: the cover as a URL, never a storage key. */
export function toEventView(row: EventRow): EventView {
  // Picked field by field: a wider row (the reader's EventSummary) must not leak into the view.
  return {
    title: row.title,
    description: row.description,
    status: row.status,
    startsAt: row.startsAt?.toISOString() ?? null,
    order: row.order,
    timeZone: row.timeZone,
    language: toLocale(row.language),
    coverImageUrl: row.coverImageKey ? uploadUrl(row.coverImageKey) : null,
    questionsOpen: row.questionsOpen,
    summaryHtml: row.summaryHtml,
    summaryUpdatedAt: row.summaryUpdatedAt?.toISOString() ?? null,
  };
}
