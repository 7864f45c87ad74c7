import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setQuestionsOpen } from "@/lib/questions/set-questions-open";
import { honeypotField } from "@/lib/shared/question-fields";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { POST } from "./route";

// The public question route: anyone may ask (no account), from this site's pages only, and
// every refusal is a 4xx that says why and keeps nothing.

let owner: TestUser;
let slug: string;
let eventId: string;

beforeAll(async () => {
  owner = await makeUser();
  const event = await makeEvent(owner);
  ({ slug, id: eventId } = event);
  await setQuestionsOpen(owner, eventId, true);
});

/** A reader's request from its own address (rate limits count per address). */
function ask(body: BodyInit, type: string, headers: Record<string, string> = {}, to = slug) {
  const request = new Request(`http://localhost/api/events/${to}/questions`, {
    method: "POST",
    headers: { "content-type": type, host: "localhost", origin: "http://localhost", ...headers },
    body,
  });
  return POST(request, { params: Promise.resolve({ slug: to }) });
}
const json = (value: unknown, headers?: Record<string, string>) =>
  ask(JSON.stringify(value), "application/json", headers);
const count = () => db.question.count({ where: { eventId } });

describe("POST /api/events/[slug]/questions", () => {
  it("takes a question as JSON: 201", async () => {
    const before = await count();
    const response = await json({ body: "When do the polls close?", name: "Ana" });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
    expect(await count()).toBe(before + 1);
  });

  it("takes a plain form post and answers a page that thanks the reader", async () => {
    const before = await count();
    const response = await ask(
      new URLSearchParams({ body: "Is the count on time?", name: "", [honeypotField]: "" }).toString(),
      "application/x-www-form-urlencoded",
    );
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await response.text();
    expect(page).toContain("Thank you");
    expect(page).toContain(`href="/e/${slug}"`);
    expect(await count()).toBe(before + 1);
  });

  it("answers a form post it refuses with a page that says why", async () => {
    const response = await ask(
      new URLSearchParams({ body: "<script>alert(1)</script>".repeat(30) }).toString(),
      "application/x-www-form-urlencoded",
    );
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain("Your question was not sent");
    expect(page).toContain("under 500 characters");
    expect(page).not.toContain("<script>");
  });

  it.each([
    ["another site's page", () => json({ body: "Cross-site?" }, { origin: "https://evil.example" }), 403],
    ["no such event", () => ask(JSON.stringify({ body: "Where?" }), "application/json", {}, "no-such-event-x"), 404],
    ["a malformed slug", () => ask(JSON.stringify({ body: "Where?" }), "application/json", {}, "%00..%2F"), 404],
    ["not JSON", () => ask("{", "application/json"), 400],
    ["a JSON array", () => json(["When?"]), 400],
    ["a body that is not text", () => json({ body: { $gt: "" } }), 422],
    ["the honeypot filled", () => json({ body: "Buy now", [honeypotField]: "http://spam.example" }), 422],
    ["an unknown content type", () => ask("When?", "text/plain"), 400],
    ["an oversized body", () => json({ body: "x".repeat(20_000) }), 413],
  ])("refuses %s with a message, and keeps nothing", async (_label, call, status) => {
    const before = await count();
    const response = await call();
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toMatch(/\w/);
    expect(await count()).toBe(before);
  });

  it("refuses questions while the desk takes none: 409", async () => {
    const closed = await makeEvent(owner);
    const response = await ask(JSON.stringify({ body: "Anyone there?" }), "application/json", {}, closed.slug);
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: string }).error).toMatch(/not taking questions/);
  });
});
