import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import pg from "pg";
import { approvePost, sendBackPost } from "@/lib/posts/review-post";
import { submitPost } from "@/lib/posts/submit-post";
import { setQuestionsOpen } from "@/lib/questions/set-questions-open";
import { submitQuestion } from "@/lib/questions/submit-question";
import { discardQuestion } from "@/lib/questions/decide-question";
import { makeTeam, makeUser, type TestUser } from "@/test/factories";
import { waitUntil } from "@/test/wait";
import { deskPayload, presenceChannel, PresenceHub } from "./hub";

// The desk signal crosses processes as presence does: the verbs NOTIFY on commit, and a
// hub fed by a LISTEN connection of its own ("another process") tells its watchers.
let owner: TestUser;
let client: pg.Client;
let hub: PresenceHub;

beforeAll(async () => {
  owner = await makeUser();
  hub = new PresenceHub();
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  client.on("notification", (message) => message.channel === presenceChannel && hub.receive(message.payload));
  await client.connect();
  await client.query(`LISTEN ${presenceChannel}`);
});

afterAll(async () => {
  hub.stop();
  await client.end();
});

describe("the desk signal", () => {
  it("tells the event's consoles in another process of submissions, reviews and questions", async () => {
    const { event, contributor, editor } = await makeTeam(owner);
    let heard = 0;
    const off = hub.watchDesk(event.id, () => heard++);
    const step = async (what: string, act: () => Promise<unknown>) => {
      const before = heard;
      await act();
      await waitUntil(() => heard > before, { message: `the desk to hear of ${what}` });
    };
    const first = await submitPost(contributor, event.id, { body: "One" });
    await waitUntil(() => heard === 1, { message: "the desk to hear of a submission" });
    const second = await submitPost(contributor, event.id, { body: "Two" });
    await waitUntil(() => heard === 2, { message: "the desk to hear of the second submission" });
    await step("an approval", () => approvePost(editor, first.id, { version: 1 }));
    await step("a send-back", () => sendBackPost(editor, second.id, { note: "Source?" }));
    await setQuestionsOpen(owner, event.id, true);
    const question = await submitQuestion(event.slug, { body: "When?" }, "198.51.100.7");
    await waitUntil(() => heard === 5, { message: "the desk to hear of a question" });
    await step("a discarded question", () => discardQuestion(editor, question.id));
    off();
  });

  it("says nothing of a refused write", async () => {
    const { event, contributor, outsider } = await makeTeam(owner);
    const { id } = await submitPost(contributor, event.id, { body: "Mine" });
    // A marker NOTIFY after a step: once it arrives, everything sent before it has arrived too.
    let markers = 0;
    const offMarker = hub.watchDesk("marker-event", () => markers++);
    const flush = async () => {
      const before = markers;
      await client.query("SELECT pg_notify($1, $2)", [presenceChannel, deskPayload("marker-event")]);
      await waitUntil(() => markers > before, { message: "the marker" });
    };
    await flush(); // the submission's own signal is in before anyone counts
    let heard = 0;
    const off = hub.watchDesk(event.id, () => heard++);
    await expect(approvePost(outsider, id, { version: 1 })).rejects.toThrow();
    await flush();
    expect(heard).toBe(0);
    off();
    offMarker();
  });

  it("only for the well-formed payload", () => {
    const local = new PresenceHub();
    let heard = 0;
    const off = local.watchDesk("e", () => heard++);
    for (const payload of ["e:u:desk", "e:*:desk:x", ":*:desk", "e:*:Desk"]) local.receive(payload);
    expect(heard).toBe(0);
    local.receive(deskPayload("e"));
    expect(heard).toBe(1);
    off();
    local.receive(deskPayload("e"));
    expect(heard).toBe(1);
    local.stop();
  });
});
