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
};

/** The event as readers get it in `event.updated`: the cover as a URL, never a storage key. */
export function toEventView({ coverImageKey, ...row }: EventRow): EventView {
  return {
    ...row,
    language: toLocale(row.language),
    startsAt: row.startsAt?.toISOString() ?? null,
    coverImageUrl: coverImageKey ? uploadUrl(coverImageKey) : null,
  };
}
