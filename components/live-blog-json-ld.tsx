import { serializeJsonLd, type LiveBlogPosting } from "@/lib/shared/live-blog-json-ld";

/** The page's LiveBlogPosting as a JSON-LD data block (never executed, so it needs no nonce). */
export function LiveBlogJsonLd({ data }: { data: LiveBlogPosting }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
