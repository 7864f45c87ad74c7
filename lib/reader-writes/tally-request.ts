import "server-only";
import { declaredLength, readBounded } from "@/lib/api/read-bounded";
import { readJsonBody } from "@/lib/api/read-json-body";
import { BadRequestError } from "@/lib/errors";
import { withReaderCookie } from "@/lib/tally/reader-cookie";

// What a reader's vote or reaction request carries, and the answer to a form post.

/** `{ option }` or `{ kind }`, and perhaps a reader token, weigh far less than this. */
const maxBytes = 1024;

/** `value` is the named field, unchecked; `reader` a token the page's script kept, if any. */
export type TallyRequest = { value: unknown; reader: string | null; form: boolean; embed: boolean };

/** From JSON (the page's script) or a plain form post (no JavaScript); `what` names it in errors. */
export async function readTallyRequest(request: Request, field: string, what: string): Promise<TallyRequest> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("application/json")) {
    const json = await readJsonBody(request, maxBytes);
    if (typeof json !== "object" || json === null || Array.isArray(json))
      throw new BadRequestError("Send a JSON object.");
    const { [field]: value, reader } = json as Record<string, unknown>;
    return { value, reader: typeof reader === "string" ? reader : null, form: false, embed: false };
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    const text = new TextDecoder().decode(await readBounded(request.body, declaredLength(request), maxBytes));
    const fields = new URLSearchParams(text);
    return { value: fields.get(field) ?? "", reader: null, form: true, embed: fields.get("from") === "embed" };
  }
  throw new BadRequestError(`Send the ${what} as JSON or as a form.`);
}

/** A form post (no JavaScript) goes back to where it came from (303), with the reader's cookie. */
export function formAnswer(
  request: Request,
  location: string,
  result: { eventId: string; issuedToken?: string },
): Response {
  const response = new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
  return withReaderCookie(response, request, result.eventId, result.issuedToken);
}

/** The script's answer: 201 when this request counted, 200 when it was a replay; with the reader's cookie. */
export function jsonAnswer(
  request: Request,
  body: Record<string, unknown>,
  result: { created: boolean; eventId: string; issuedToken?: string },
): Response {
  const response = Response.json({ ...body, reader: result.issuedToken }, { status: result.created ? 201 : 200 });
  return withReaderCookie(response, request, result.eventId, result.issuedToken);
}
