import { brandMarkPng } from "@/lib/seo/brand-mark";

// Rendered once, at build: it depends on nothing but app/icon.svg.
export const dynamic = "force-static";

/**
 * GET /favicon.ico — for clients that ask for it without reading the page's icon links
 * (feed readers, crawlers). A PNG: every browser takes one at this address.
 */
export function GET() {
  return brandMarkPng(48, { headers: { "Cache-Control": "public, max-age=86400" } });
}
