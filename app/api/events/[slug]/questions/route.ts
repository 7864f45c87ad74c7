import { readBounded, declaredLength } from "@/lib/api/read-bounded";
import { readJsonBody } from "@/lib/api/read-json-body";
import { env } from "@/lib/env";
import { BadRequestError, httpError } from "@/lib/errors";
import { honeypotField, type QuestionInput } from "@/lib/questions/question-input";
import { submitQuestion } from "@/lib/questions/submit-question";
import { clientAddress } from "@/lib/security/client-address";
import { requireSameOrigin } from "@/lib/security/same-origin";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/** A question with its name and the honeypot weighs far less than this. */
const maxBytes = 8 * 1024;

/** The reader's form, from JSON (the page's script) or a plain form post (no JavaScript). */
async function readQuestion(request: Request): Promise<{ input: QuestionInput; form: boolean }> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("application/json")) {
    const json = await readJsonBody(request, maxBytes);
    if (typeof json !== "object" || json === null || Array.isArray(json))
      throw new BadRequestError("Send a JSON object.");
    const { body, name, [honeypotField]: trap } = json as Record<string, unknown>;
    return { input: { body, name: name ?? undefined, [honeypotField]: trap } as QuestionInput, form: false };
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    const text = new TextDecoder().decode(await readBounded(request.body, declaredLength(request), maxBytes));
    const fields = new URLSearchParams(text);
    const input = {
      body: fields.get("body") ?? "",
      name: fields.get("name") ?? undefined,
      [honeypotField]: fields.get(honeypotField) ?? undefined,
    };
    return { input, form: true };
  }
  throw new BadRequestError("Send the question as JSON or as a form.");
}

/**
 * POST /api/events/<slug>/questions — a reader (no account) sends the desk a question.
 * 201 `{ ok: true }` for a script; a form post without JavaScript is sent back to the page
 * (303), which thanks the reader. Refusals are 4xx with a message: 400/422 for the input,
 * 403 from another site, 404 for no such event, 409 when questions are closed, 429 for
 * too many.
 */
export async function POST(request: Request, { params }: Params) {
  try {
    requireSameOrigin(request);
    const { slug } = await params;
    const { input, form } = await readQuestion(request);
    try {
      await submitQuestion(slug, input, clientAddress(request.headers, env().HERALD_TRUST_PROXY));
    } catch (error) {
      if (!form) throw error;
      const answer = httpError(error);
      const { error: message, fieldErrors } = (await answer.json()) as {
        error: string;
        fieldErrors?: Record<string, string[]>;
      };
      const details = Object.values(fieldErrors ?? {}).flat();
      return formPage(slug, answer.status, "Your question was not sent", [message, ...details], answer.headers);
    }
    if (form) return formPage(slug, 201, "Thank you", ["The desk has your question. Only the editors see it."]);
    return Response.json({ ok: true }, { status: 201 });
  } catch (error) {
    return httpError(error);
  }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * The answer to a form posted without JavaScript: a short page that says what happened and
 * leads back to the coverage (the browser's Back keeps what the reader typed).
 */
function formPage(slug: string, status: number, title: string, lines: string[], headers?: Headers): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("")}<p><a href="/e/${escapeHtml(slug)}">Back to the coverage</a></p></main></body></html>`;
  const answer = new Headers(headers);
  answer.set("content-type", "text/html; charset=utf-8");
  answer.set("cache-control", "no-store");
  return new Response(html, { status, headers: answer });
}
