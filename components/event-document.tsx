import { setRequestLocale } from "next-intl/server";
import { findEventBySlug } from "@/lib/events/find-event";
import { toLocale } from "@/lib/i18n/locales";
import { RootDocument } from "./root-document";

/**
 * The document of an event's reader pages (the page, its permalinks, the embed): in the
 * event's language. An unknown or draft event (its page answers 404) is in the default one.
 */
export async function EventDocument({ slug, children }: { slug: string; children: React.ReactNode }) {
  const event = await findEventBySlug(slug);
  const locale = toLocale(event && event.status !== "DRAFT" ? event.language : undefined);
  setRequestLocale(locale);
  return (
    <RootDocument locale={locale} namespaces={["reader"]}>
      {children}
    </RootDocument>
  );
}
