import { describe, expect, it } from "vitest";
import { changePassword } from "@/lib/auth/change-password";
import { removeMember } from "@/lib/members/remove-member";
import { ensureListener } from "@/lib/realtime/listener";
import { addMember, makeEvent, makeUser } from "@/test/factories";
import { SseReader } from "@/test/sse";
import { sleep, waitUntil } from "@/test/wait";
import { presenceHub, PresenceHub } from "./hub";
import { presenceStream } from "./presence";

/** An editor's console presence stream, opened with a fresh session; reader counts every `readersEveryMs`. */
async function editorsPresence(readersEveryMs: number) {
  const [owner, member] = await Promise.all([makeUser(), makeUser()]);
  const event = await makeEvent(owner);
  await addMember(event.id, member, "EDITOR");
  const controller = new AbortController();
  const response = await presenceStream(
    new Request("http://localhost/", { signal: controller.signal }),
    { actor: member, version: 0 },
    event.slug,
    presenceHub(),
    readersEveryMs,
  );
  return { owner, member, event, controller, reader: new SseReader(response.body) };
}

describe("a member taken off the team", () => {
  it("loses their open presence stream at once: removeMember tells every process through NOTIFY", async () => {
    const listener = ensureListener();
    await waitUntil(() => listener.connected, { message: "the listener" });
    // Reader counts every 10 minutes: only the NOTIFY can end this stream within the test.
    const { owner, member, event, controller, reader } = await editorsPresence(600_000);
    const first = await reader.until((events) => events.some((e) => e.event === "self"));
    expect(first.met).toBe(true);

    await removeMember(owner, event.id, member.id);
    await reader.readAll(60_000);
    expect(reader.done).toBe(true);
    controller.abort();
  });

  it("drops a removed member from everyone's snapshot", async () => {
    const hub = new PresenceHub({ lookupNames: async (ids) => new Map(ids.map((id) => [id, id])) });
    let closed = 0;
    hub.watchRemoval("e", "u", () => closed++);
    hub.receive("e:u:1");
    hub.receive("e:v:0");
    hub.receive("e:u:removed");
    expect(closed).toBe(1);
    expect(await hub.snapshot("e")).toEqual({ members: [{ id: "v", name: "v", typing: false }] });
    hub.stop();
  });
});

describe("a member whose password changes", () => {
  it("loses the presence stream opened with the old session: it is checked with every reader count", async () => {
    const { member, controller, reader } = await editorsPresence(50);
    expect((await reader.until((events) => events.some((e) => e.event === "readers"))).met).toBe(true);
    await sleep(200); // several checks: the session is still good, and the stream stays
    expect(reader.done).toBe(false);

    // Changed elsewhere (another device): every session from before it is over.
    await changePassword(member, { currentPassword: member.password, newPassword: "a whole new password" });
    await reader.readAll(60_000);
    expect(reader.done).toBe(true);
    controller.abort();
  });
});
