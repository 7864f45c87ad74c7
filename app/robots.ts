import type { MetadataRoute } from "next";
import { env } from "@/lib/env";
import { absoluteUrl } from "@/lib/shared/event-urls";

// The public origin is configuration read at run time, not at build.
export const dynamic = "force-dynamic";

/**
 * /robots.txt — everything public may be crawled; the newsroom and the machine endpoints
 * may not, except uploaded images, which share cards point at (Twitterbot obeys robots.txt).
 */
export default function robots(): MetadataRoute.Robots {
  const { publicUrl } = env();
  return {
    rules: { userAgent: "*", allow: ["/", "/api/uploads/"], disallow: ["/api/", "/dashboard", "/invite/"] },
    sitemap: [absoluteUrl(publicUrl, "/sitemap.xml"), absoluteUrl(publicUrl, "/news-sitemap.xml")],
  };
}
