import { requireUser } from "@/lib/auth/session";
import { requireSameOrigin } from "@/lib/security/same-origin";
import { declaredLength, readBounded } from "@/lib/api/read-bounded";
import { httpError, NotFoundError, ValidationError } from "@/lib/errors";
import { findEventBySlug } from "@/lib/events/find-event";
import { imageFieldsSchema, type ImageFields } from "@/lib/shared/image-markdown";
import { limits } from "@/lib/shared/limits";
import { fieldErrors } from "@/lib/shared/validation";
import { listUploads } from "@/lib/uploads/list-uploads";
import { uploadImage, uploadTooLarge } from "@/lib/uploads/upload-image";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Room for the multipart boundaries and part headers around the file itself. */
const multipartOverhead = 16 * 1024;

/**
 * POST /api/events/<slug>/uploads — an image for a post, as multipart field `file` (with
 * optional fields `alt`, `caption`, `credit`, and `decorative=on` for an empty alt on
 * purpose) or as the raw body. Answers 201 `{ key, url, markdown, width, height }` (the key
 * is what an event's cover image setting takes). The work (who may, how big, what type)
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
    if (!form || !file || typeof file === "string")
      throw new ValidationError("Send the image as the form field `file`.");
    const fields = imageFields(form);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const uploaded = await uploadImage(actor, event.id, bytes, bytes.byteLength, undefined, fields);
    return Response.json(uploaded, { status: 201 });
  } catch (error) {
    return httpError(error);
  }
}

/** GET /api/events/<slug>/uploads — the event's media shelf, newest first (lib/uploads/list-uploads.ts). */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const actor = await requireUser();
    const { slug } = await params;
    const event = await findEventBySlug(slug);
    if (!event) throw new NotFoundError("No such event.");
    return Response.json({ images: await listUploads(actor, event.id) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return httpError(error);
  }
}

/** The description, caption and credit sent with the file; a decorative image's alt is "". */
function imageFields(form: FormData): ImageFields {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const parsed = imageFieldsSchema.safeParse({
    alt: text("alt"),
    caption: text("caption"),
    credit: text("credit"),
    decorative: text("decorative"),
  });
  if (!parsed.success)
    throw new ValidationError("Check the image's description, caption and credit.", fieldErrors(parsed.error));
  const { alt, caption, credit, decorative } = parsed.data;
  const isDecorative = decorative === "on" || decorative === "true";
  return { alt: isDecorative ? "" : alt || null, caption, credit };
}
