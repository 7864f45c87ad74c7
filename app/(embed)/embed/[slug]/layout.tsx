import { RootDocument } from "@/components/root-document";
import { findEventBySlug } from "@/lib/events/find-event";
import { setRequestLocale } from "next-intl/server";
import { toLocale } from "@/lib/i18n/locales";
import { siteMetadata, siteViewport } from "@/lib/seo/site-metadata";

export const metadata = siteMetadata;
export const viewport = siteViewport;

type Props = { children: React.ReactNode; params: Promise<{ slug: string }> };

/** The embed of an event, in the event's language. */
export default async function EmbedLayout({ children, params }: Props) {
  const event = await findEventBySlug((await params).slug);
  const locale = toLocale(event && event.status !== "DRAFT" ? event.language : undefined);
  setRequestLocale(locale);
  return (
    <RootDocument locale={locale} namespaces={["reader"]}>
      {children}
    </RootDocument>
  );
}
