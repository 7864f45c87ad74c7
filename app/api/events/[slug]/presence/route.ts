import { requireSession, requireUser } from "@/lib/auth/session";
import { requireSameOrigin } from "@/lib/security/same-origin";
import { httpError } from "@/lib/errors";
import { readJsonBody } from "@/lib/api/read-json-body";
import { presenceStream, sendHeartbeat } from "@/lib/presence/presence";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/**
 * POST /api/events/<slug>/presence `{ "typing": boolean }` — a console heartbeat from a
 * member of the event's team (every ~10 s, and when typing starts or stops). Ephemeral:
 * it goes to every server process through NOTIFY and never into the change log.
 */
export async function POST(request: Request, { params }: Params) {
  try {
    requireSameOrigin(request);
    const user = await requireUser();
    const body = await readJsonBody(request, 1024);
    const { slug } = await params;
    await sendHeartbeat(user, slug, body);
    return new Response(null, { status: 204 });
  } catch (error) {
    return httpError(error);
  }
}

/** GET /api/events/<slug>/presence — members only: an SSE stream of who is in the console. */
export async function GET(request: Request, { params }: Params) {
  try {
    // With the session's version: the stream ends if the session does (a password change).
    const session = await requireSession();
    const { slug } = await params;
    return await presenceStream(request, session, slug);
  } catch (error) {
    return httpError(error);
  }
}
