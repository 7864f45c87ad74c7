import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { presenceHub } from "@/lib/presence/hub";
import { images } from "@/lib/uploads/test-images";
import { makeTeam, makeUser, type TestUser } from "@/test/factories";
import { signInAs } from "@/test/next-request";
import * as presence from "./presence/route";
import * as uploads from "./uploads/route";

// The authorization matrix of the console's cookie-authenticated route handlers (the
// publishing API's token matrix is in app/api/v1/**; the reader routes are public).
// Each kind of caller gets exactly its status; a refused upload stores nothing.
vi.mock("@/lib/auth/session", () => import("@/test/next-request").then((m) => m.sessionModule));

const callers = ["anonymous", "contributor", "editor", "owner", "outsider", "removed"] as const;
type Caller = (typeof callers)[number];

let dir: string;
let slug: string;
let people: Record<Exclude<Caller, "anonymous">, TestUser>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "herald-route-matrix-"));
  vi.stubEnv("HERALD_UPLOADS_DIR", dir);
  const owner = await makeUser();
  const { event, ...team } = await makeTeam(owner);
  slug = event.slug;
  people = { owner, ...team };
});

afterAll(async () => {
  presenceHub().stop();
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const params = () => ({ params: Promise.resolve({ slug }) });
const url = (rest: string) => `http://localhost/api/events/${slug}/${rest}`;

const routes: [string, () => Promise<Response>, Record<Caller, number>][] = [
  [
    "POST presence (a heartbeat)",
    () => presence.POST(new Request(url("presence"), { method: "POST", body: '{"typing":false}' }), params()),
    { anonymous: 401, contributor: 204, editor: 204, owner: 204, outsider: 403, removed: 403 },
  ],
  [
    "GET presence (the console's stream)",
    () => presence.GET(new Request(url("presence"), { signal: AbortSignal.abort() }), params()),
    { anonymous: 401, contributor: 200, editor: 200, owner: 200, outsider: 403, removed: 403 },
  ],
  [
    "POST uploads (an image for a post or the cover)",
    () =>
      uploads.POST(
        new Request(url("uploads"), {
          method: "POST",
          body: images.png,
          headers: { "content-type": "image/png", "content-length": String(images.png.byteLength) },
        }),
        params(),
      ),
    { anonymous: 401, contributor: 201, editor: 201, owner: 201, outsider: 403, removed: 403 },
  ],
  [
    "GET uploads (the event's media shelf)",
    () => uploads.GET(new Request(url("uploads")), params()),
    { anonymous: 401, contributor: 200, editor: 200, owner: 200, outsider: 403, removed: 403 },
  ],
];

const cases = routes.flatMap(([route, call, statuses]) =>
  callers.map((caller) => [route, caller, statuses[caller], call] as const),
);

describe("console route handlers: the authorization matrix", () => {
  it.each(cases)("%s as %s: %i", async (route, caller, status, call) => {
    signInAs(caller === "anonymous" ? null : people[caller]);
    const response = await call();
    await response.body?.cancel();
    expect(response.status).toBe(status);
    if (status >= 400) expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("stores nothing for a refused upload, and one file for an accepted one", async () => {
    const eventId = (await db.event.findUniqueOrThrow({ where: { slug } })).id;
    const stored = async () => (await readdir(path.join(dir, eventId)).catch(() => [])).length;
    const upload = async (caller: Exclude<Caller, "anonymous">) => {
      signInAs(people[caller]);
      return (await uploads.POST(new Request(url("uploads"), { method: "POST", body: images.png }), params())).status;
    };
    const before = await stored();
    const rows = () => db.upload.count({ where: { eventId } });
    const rowsBefore = await rows();
    expect([await upload("outsider"), await upload("removed")]).toEqual([403, 403]);
    expect(await stored()).toBe(before);
    expect(await rows()).toBe(rowsBefore);
    expect(await upload("owner")).toBe(201);
    expect(await stored()).toBe(before + 1);
    expect(await rows()).toBe(rowsBefore + 1);
  });

  it("records the description, caption and credit sent with the file, and shows them on the shelf", async () => {
    signInAs(people.contributor);
    const form = new FormData();
    form.set("file", new Blob([images.png], { type: "image/png" }), "a.png");
    form.set("alt", "  Smoke over\nthe docks ");
    form.set("caption", "Pier 4");
    form.set("credit", "Ana Ruiz");
    const response = await uploads.POST(new Request(url("uploads"), { method: "POST", body: form }), params());
    expect(response.status).toBe(201);
    const uploaded = (await response.json()) as { url: string; markdown: string };
    expect(uploaded.markdown).toBe(`![Smoke over the docks](${uploaded.url} "Pier 4 — Photo: Ana Ruiz")`);

    const shelf = (await (await uploads.GET(new Request(url("uploads")), params())).json()) as {
      images: { url: string; alt: string; caption: string; credit: string; markdown: string }[];
    };
    expect(shelf.images[0]).toMatchObject({
      url: uploaded.url,
      alt: "Smoke over the docks",
      caption: "Pier 4",
      credit: "Ana Ruiz",
      markdown: uploaded.markdown,
    });
  });

  it("refuses an overlong caption with a 422 and a message, storing no row", async () => {
    signInAs(people.editor);
    const eventId = (await db.event.findUniqueOrThrow({ where: { slug } })).id;
    const before = await db.upload.count({ where: { eventId } });
    const form = new FormData();
    form.set("file", new Blob([images.png], { type: "image/png" }), "a.png");
    form.set("caption", "x".repeat(501));
    const response = await uploads.POST(new Request(url("uploads"), { method: "POST", body: form }), params());
    expect(response.status).toBe(422);
    const json = (await response.json()) as { error: string; fieldErrors: Record<string, string[]> };
    expect(json.error).toMatch(/caption/);
    expect(json.fieldErrors.caption?.[0]).toMatch(/500/);
    expect(await db.upload.count({ where: { eventId } })).toBe(before);
  });
});
