import "server-only";
import type { EventView } from "@/lib/shared/types";

export const eventViewSelect = {
  title: true,
  description: true,
  status: true,
  startsAt: true,
  order: true,
  timeZone: true,
} as const;

type EventRow = {
  title: string;
  description: string;
  status: EventView["status"];
  startsAt: Date | null;
  order: EventView["order"];
  timeZone: string;
};

export function toEventView(row: EventRow): EventView {
  return { ...row, startsAt: row.startsAt?.toISOString() ?? null };
}
