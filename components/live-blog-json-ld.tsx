import { serializeJsonLd, type BlogPosting, type LiveBlogPosting } from "@/lib/shared/live-blog-json-ld";

/** A page's LiveBlogPosting or BlogPosting as a JSON-LD data block (never executed, so it needs no nonce). */
export function LiveBlogJsonLd({ data }: { data: LiveBlogPosting | BlogPosting }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
