import { EventDocument } from "@/components/event-document";
import { siteMetadata, siteViewport } from "@/lib/seo/site-metadata";

export const metadata = siteMetadata;
export const viewport = siteViewport;

type Props = { children: React.ReactNode; params: Promise<{ slug: string }> };

/** The embed of an event, in the event's language. */
export default async function EmbedLayout({ children, params }: Props) {
  return <EventDocument slug={(await params).slug}>{children}</EventDocument>;
}
