import { EventDocument } from "@/components/event-document";
import { siteMetadata, siteViewport } from "@/lib/seo/site-metadata";

export const metadata = siteMetadata;
export const viewport = siteViewport;

type Props = { children: React.ReactNode; params: Promise<{ slug: string }> };

/** An event's pages (the page and its permalinks), in the event's language. */
export default async function ReaderLayout({ children, params }: Props) {
  return <EventDocument slug={(await params).slug}>{children}</EventDocument>;
}
