import { beforeAll, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/test/next-request";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { db } from "@/lib/db";
import { publishPost } from "@/lib/posts/publish-post";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import * as presence from "@/app/api/events/[slug]/presence/route";
import * as stream from "@/app/api/events/[slug]/stream/route";
import * as tallies from "@/app/api/events/[slug]/tallies/route";
import * as updates from "@/app/api/events/[slug]/updates/route";
import * as uploads from "@/app/api/events/[slug]/uploads/route";
import * as servedUploads from "@/app/api/uploads/[...key]/route";
import * as posts from "@/app/api/v1/events/[slug]/posts/route";
import * as post from "@/app/api/v1/events/[slug]/posts/[id]/route";
import * as pollClose from "@/app/api/v1/events/[slug]/posts/[id]/poll/close/route";
import { expectCleanAnswer, expectWholeChangeLog } from "./invariants";
import { fuzzSeed, random, type Random } from "./random";

// Random and malformed input at every route handler, called as Next calls them: a Request
// and its params. The session is next-auth's, so it is stood in for (test/next-request.ts,
// signed in as someone or no one); everything else is real, the database included.
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  ...(await import("@/test/next-request")).sessionModule,
}));

const seed = fuzzSeed();
const rounds = Number(process.env.HERALD_FUZZ_ROUNDS ?? 40);
const r: Random = random(seed);
const base = "http://localhost:3000";
let owner: TestUser;
let outsider: TestUser;
let event: { id: string; slug: string };
let postId: string;
let token: string;

beforeAll(async () => {
  [owner, outsider] = await Promise.all([makeUser(), makeUser()]);
  event = await makeEvent(owner);
  postId = (await publishPost(owner, event.id, { body: "Fuzz target" })).post.id;
  token = (await createApiToken(owner, event.id, { name: "fuzz" })).secret;
});

const params = <T>(value: T) => ({ params: Promise.resolve(value) });
const slug = () => (r.chance(0.6) ? event.slug : r.string());
const id = () => (r.chance(0.5) ? postId : r.string());
const as = () => signInAs(r.pick([owner, outsider, null]));

function body(): BodyInit | null {
  switch (r.int(5)) {
    case 0:
      return null;
    case 1:
      return r.bytes() as Uint8Array<ArrayBuffer>;
    case 2: {
      const form = new FormData();
      form.set(
        r.pick(["file", "body", r.string()]),
        r.chance(0.5) ? new Blob([r.bytes() as Uint8Array<ArrayBuffer>]) : r.string(),
      );
      return form;
    }
    default:
      return r.json();
  }
}

function headers(extra: Record<string, string> = {}): Headers {
  const h = new Headers(extra);
  if (r.chance(0.3))
    h.set(
      "content-type",
      r.pick(["application/json", "text/plain", "multipart/form-data", "image/png", r.headerValue()]),
    );
  if (r.chance(0.2)) h.set("content-length", r.pick(["-1", "abc", "99999999999999999", "0", r.headerValue()]));
  if (r.chance(0.3)) h.set("last-event-id", r.chance(0.5) ? asHeader(r.query()) : r.headerValue());
  if (r.chance(0.2)) h.set("if-none-match", r.headerValue());
  if (r.chance(0.2)) h.set("origin", r.pick([base, "https://evil.example", "null", r.headerValue()]));
  return h;
}

/** What can travel in a header: bytes 0x21–0xFF (others are refused by fetch itself). */
function asHeader(value: string): string {
  return [...value].map((c) => (c.charCodeAt(0) > 0x20 && c.charCodeAt(0) <= 0xff ? c : "x")).join("");
}

function request(path: string, method: string, extra: Record<string, string> = {}): Request {
  const init: RequestInit & { duplex?: "half" } = { method, headers: headers(extra) };
  if (method !== "GET" && method !== "HEAD") init.body = body();
  // A stream left open would outlive the test: abort it once the answer is in.
  init.signal = AbortSignal.timeout(5_000);
  return new Request(`${base}${path}`, init);
}

function auth(): Record<string, string> {
  return { authorization: r.pick([`Bearer ${token}`, `Bearer ${r.headerValue()}`, r.headerValue(), "Bearer"]) };
}

const encoded = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\uD800-\uDFFF]/g, "%ED%A0%80"); // a lone surrogate, as raw bytes
  }
};

type Case = [string, () => Promise<Response>];
const cases: Case[] = [
  [
    "GET stream",
    () => stream.GET(request(`/api/events/x/stream?lastEventId=${r.query()}`, "GET"), params({ slug: slug() })),
  ],
  [
    "GET updates",
    () => updates.GET(request(`/api/events/x/updates?since=${r.query()}`, "GET"), params({ slug: slug() })),
  ],
  ["GET tallies", () => tallies.GET(request(`/api/events/x/tallies?${r.query()}`, "GET"), params({ slug: slug() }))],
  ["POST presence", () => (as(), presence.POST(request("/api/events/x/presence", "POST"), params({ slug: slug() })))],
  ["GET presence", () => (as(), presence.GET(request("/api/events/x/presence", "GET"), params({ slug: slug() })))],
  ["POST uploads", () => (as(), uploads.POST(request("/api/events/x/uploads", "POST"), params({ slug: slug() })))],
  ["GET uploads (shelf)", () => (as(), uploads.GET(request("/api/events/x/uploads", "GET"), params({ slug: slug() })))],
  [
    "GET uploads/…",
    () =>
      servedUploads.GET(
        request("/api/uploads/x", "GET"),
        params({ key: Array.from({ length: r.int(4) }, () => r.pick([r.string(), "..", event.id, "a.png"])) }),
      ),
  ],
  [
    "GET v1 posts",
    () =>
      posts.GET(
        request(`/api/v1/events/x/posts?limit=${r.query()}&before=${encoded(r.string().slice(0, 200))}`, "GET", auth()),
        params({ slug: slug() }),
      ),
  ],
  ["POST v1 posts", () => posts.POST(request("/api/v1/events/x/posts", "POST", auth()), params({ slug: slug() }))],
  [
    "GET v1 post",
    () => post.GET(request("/api/v1/events/x/posts/y", "GET", auth()), params({ slug: slug(), id: id() })),
  ],
  [
    "PATCH v1 post",
    () => post.PATCH(request("/api/v1/events/x/posts/y", "PATCH", auth()), params({ slug: slug(), id: id() })),
  ],
  [
    "DELETE v1 post",
    () => post.DELETE(request("/api/v1/events/x/posts/y", "DELETE", auth()), params({ slug: slug(), id: id() })),
  ],
  [
    "POST v1 poll close",
    () =>
      pollClose.POST(
        request("/api/v1/events/x/posts/y/poll/close", "POST", auth()),
        params({ slug: slug(), id: id() }),
      ),
  ],
];

describe(`route handlers under fuzz (seed ${seed}: HERALD_FUZZ_SEED=${seed} reproduces)`, () => {
  it.each(cases)("%s: only clean answers, and the change log stays whole", async (name, call) => {
    for (let round = 0; round < rounds; round++) {
      let response: Response;
      try {
        response = await call();
      } catch (error) {
        throw new Error(`${name}, round ${round} (seed ${seed}) threw: ${String(error)}`, { cause: error });
      }
      await expectCleanAnswer(response, `${name}, round ${round} (seed ${seed})`);
    }
    await expectWholeChangeLog(event.id);
  });

  it("wrote nothing anywhere it was refused: no post by the outsider, none on unknown events", async () => {
    expect(await db.post.count({ where: { authorId: outsider.id } })).toBe(0);
  });
});
