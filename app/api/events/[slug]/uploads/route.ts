import { requireUser } from "@/lib/auth/session";
import { requireSameOrigin } from "@/lib/security/same-origin";
import { declaredLength, readBounded } from "@/lib/api/read-bounded";
import { httpError, NotFoundError, ValidationError } from "@/lib/errors";
import { findEventBySlug } from "@/lib/events/find-event";
import { limits } from "@/lib/shared/limits";
import { uploadImage, uploadTooLarge } from "@/lib/uploads/upload-image";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Room for the multipart boundaries and part headers around the file itself. */
const multipartOverhead = 16 * 1024;

/**
 * POST /api/events/<slug>/uploads — an image for a post, as multipart field `file` or as
 * the raw body. Answers 201 `{ key, url, markdown }` (the key is what an event's cover image
 * setting takes). The work (who may, how big, what type)
 * is lib/uploads/upload-image.ts; this only finds the user, the event and the bytes.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    requireSameOrigin(request);
    const actor = await requireUser();
    const { slug } = await params;
    const event = await findEventBySlug(slug);
    if (!event) throw new NotFoundError("No such event.");

    const declared = declaredLength(request);
    const contentType = request.headers.get("content-type") ?? "";
    if (!/^multipart\/form-data\b/i.test(contentType)) {
      const uploaded = await uploadImage(actor, event.id, request.body, declared);
      return Response.json(uploaded, { status: 201 });
    }
    // Multipart: bound the whole request before parsing, then hand over the file's bytes.
    const raw = await readBounded(request.body, declared, limits.uploadBytes + multipartOverhead, uploadTooLarge);
    const form = await new Response(raw, { headers: { "content-type": contentType } }).formData().catch(() => null);
    const file = form?.get("file");
    if (!file || typeof file === "string") throw new ValidationError("Send the image as the form field `file`.");
    const bytes = new Uint8Array(await file.arrayBuffer());
    const uploaded = await uploadImage(actor, event.id, bytes, bytes.byteLength);
    return Response.json(uploaded, { status: 201 });
  } catch (error) {
    return httpError(error);
  }
}
