import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { presenceHub } from "@/lib/presence/hub";
import { ensureListener } from "@/lib/realtime/listener";
import { addMember, makeEvent, makeUser, type TestUser } from "@/test/factories";
import { signInAs } from "@/test/next-request";
import { waitUntil } from "@/test/wait";
import { GET, POST } from "./route";

// next-auth sessions cannot be made outside Next: the route's calls into them answer
// with whoever signInAs() named (null: a 401, as in production).
vi.mock("@/lib/auth/session", () => import("@/test/next-request").then((m) => m.sessionModule));

let owner: TestUser;
let editor: TestUser;
let outsider: TestUser;
let event: { id: string; slug: string };

beforeAll(async () => {
  [owner, editor, outsider] = await Promise.all([makeUser(), makeUser({ name: "Edna Editor" }), makeUser()]);
  event = await makeEvent(owner);
  await addMember(event.id, editor, "EDITOR");
});

afterAll(() => presenceHub().stop());

function post(slug: string, body: string) {
  const request = new Request(`http://localhost/api/events/${slug}/presence`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body,
  });
  return POST(request, { params: Promise.resolve({ slug }) });
}

function get(slug: string) {
  const request = new Request(`http://localhost/api/events/${slug}/presence`);
  return GET(request, { params: Promise.resolve({ slug }) });
}

describe("POST /api/events/<slug>/presence", () => {
  it("answers 401, 400, 404 and 403 as it should", async () => {
    signInAs(null);
    expect((await post(event.slug, '{"typing":false}')).status).toBe(401);
    expect((await get(event.slug)).status).toBe(401);
    signInAs(editor);
    expect((await post(event.slug, "{not json")).status).toBe(400);
    expect((await post(event.slug, '{"typing":"no"}')).status).toBe(400);
    expect((await post("no-such-event-anywhere", '{"typing":false}')).status).toBe(404);
    signInAs(outsider);
    expect((await post(event.slug, '{"typing":false}')).status).toBe(403);
    expect((await get(event.slug)).status).toBe(403);
  });

  it("reaches this process's presence hub through the process listener", async () => {
    const listener = ensureListener();
    await waitUntil(() => listener.connected, { message: "the listener to connect" });
    signInAs(editor);
    expect((await post(event.slug, '{"typing":true}')).status).toBe(204);
    await waitUntil(async () => (await presenceHub().snapshot(event.id)).members.length === 1, {
      message: "the heartbeat to reach the hub",
    });
    expect(await presenceHub().snapshot(event.id)).toEqual({
      members: [{ id: editor.id, name: "Edna Editor", typing: true }],
    });
  });
});
