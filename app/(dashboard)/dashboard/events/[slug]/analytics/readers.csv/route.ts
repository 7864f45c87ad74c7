import { getEventAnalytics } from "@/lib/analytics/get-event-analytics";
import { requireUser } from "@/lib/auth/session";
import { httpError } from "@/lib/errors";
import { readersCsv } from "@/lib/shared/reader-series";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /dashboard/events/<slug>/analytics/readers.csv — the event's reader history, one row
 * per 30 s bucket, for its team only: 401 signed out, 404 for anyone else (as the console).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const user = await requireUser();
    const { slug } = await params;
    const { event, series } = await getEventAnalytics(slug, user.id);
    return new Response(readersCsv(series), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        // The slug is [a-z0-9-] (lib/shared/slug.ts): safe inside the quoted filename.
        "Content-Disposition": `attachment; filename="${event.slug}-readers.csv"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return httpError(error);
  }
}
