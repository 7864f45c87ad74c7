import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { renderMarkdown } from "@/lib/posts/render-markdown";
import { changesAfter } from "@/lib/realtime/change-log";
import { limits } from "@/lib/shared/limits";
import type { EventView } from "@/lib/shared/types";
import { eventState, makeTeam, makeUser, type TestUser } from "@/test/factories";
import { xssCorpus } from "@/test/xss-corpus";
import { endEvent } from "./end-event";
import { setEventSummary } from "./set-event-summary";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

const stored = (id: string) =>
  db.event.findUniqueOrThrow({
    where: { id },
    select: { summaryMarkdown: true, summaryHtml: true, summaryUpdatedAt: true, lastSeq: true },
  });

const lastChange = async (id: string) => (await eventState(id)).changes.at(-1)!;

describe("setEventSummary", () => {
  it("lets the owner and an editor set the key points; readers get them in event.updated", async () => {
    const { event, editor } = await makeTeam(owner);
    const at = new Date("2026-12-05T18:00:00Z");
    const { seq } = await setEventSummary(
      editor,
      event.id,
      { summary: "- Polls close at 8pm\n- Turnout **high**" },
      at,
    );

    const row = await stored(event.id);
    expect(row.summaryMarkdown).toBe("- Polls close at 8pm\n- Turnout **high**");
    expect(row.summaryHtml).toBe("<ul>\n<li>Polls close at 8pm</li>\n<li>Turnout <strong>high</strong></li>\n</ul>\n");
    expect(row.summaryUpdatedAt?.toISOString()).toBe(at.toISOString());

    const change = await lastChange(event.id);
    // Prisma reads the enum's name; the wire name is checked through the log below.
    expect(change).toMatchObject({ seq, type: "EVENT_UPDATED" });
    const view = (change.data as { event: EventView }).event;
    expect(view).toMatchObject({ summaryHtml: row.summaryHtml, summaryUpdatedAt: at.toISOString() });
    // The Markdown source is the newsroom's: it never rides along to readers.
    expect(JSON.stringify(change.data)).not.toContain("summaryMarkdown");

    // A reader resuming from the sequence before gets the same change from the log.
    const resumed = await changesAfter(event.id, seq - 1, 10);
    expect(resumed.map((c) => c.type)).toEqual(["event.updated"]);
    expect(resumed[0]!.event?.summaryHtml).toBe(row.summaryHtml);

    await setEventSummary(owner, event.id, { summary: "1. First" });
    expect((await stored(event.id)).summaryHtml).toContain("<ol>");
  });

  it("clears the key points with an empty summary, and readers are told", async () => {
    const { event, editor } = await makeTeam(owner);
    await setEventSummary(editor, event.id, { summary: "- Something" });
    const { seq } = await setEventSummary(owner, event.id, { summary: "   " });

    expect(await stored(event.id)).toMatchObject({ summaryMarkdown: "", summaryHtml: "", lastSeq: seq });
    const view = ((await lastChange(event.id)).data as { event: EventView }).event;
    expect(view.summaryHtml).toBe("");
  });

  it("refuses contributors, outsiders and former members, and writes nothing", async () => {
    const { event, contributor, outsider, removed } = await makeTeam(owner);
    const before = await stored(event.id);
    for (const actor of [contributor, outsider, removed]) {
      await expect(setEventSummary(actor, event.id, { summary: "- Mine" })).rejects.toBeInstanceOf(ForbiddenError);
    }
    // Someone with no account at all (a forged actor) is no member either.
    const nobody = { id: "no-such-user", name: "Nobody", email: "nobody@herald.test" };
    await expect(setEventSummary(nobody, event.id, { summary: "- Mine" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await stored(event.id)).toEqual(before);
  });

  it("refuses bad input with a field error and writes nothing", async () => {
    const { event, editor } = await makeTeam(owner);
    const before = await stored(event.id);
    for (const summary of ["x".repeat(limits.eventSummary + 1), "nul \u0000 here", 42, undefined]) {
      const error = await setEventSummary(editor, event.id, { summary }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors?.summary?.length).toBeGreaterThan(0);
    }
    expect(await stored(event.id)).toEqual(before);
  });

  it("refuses an ended event, as every other change to it, and rolls the update back", async () => {
    const { event, editor } = await makeTeam(owner);
    await setEventSummary(editor, event.id, { summary: "- Before the end" });
    await endEvent(owner, event.id);
    const before = await stored(event.id);
    await expect(setEventSummary(editor, event.id, { summary: "- After" })).rejects.toBeInstanceOf(ConflictError);
    expect(await stored(event.id)).toEqual(before);
  });

  it("stores only sanitized HTML for every payload of the XSS corpus", async () => {
    const { event, editor } = await makeTeam(owner);
    for (const payload of xssCorpus) {
      // Postgres text holds no NUL: such a payload is refused before it is rendered.
      if (payload.includes("\u0000")) {
        await expect(setEventSummary(editor, event.id, { summary: payload })).rejects.toBeInstanceOf(ValidationError);
        continue;
      }
      const { summaryHtml } = await setEventSummary(editor, event.id, { summary: payload });
      // The posts' renderer, whose output the corpus test (render-markdown.xss.test.ts) vets.
      expect(summaryHtml).toBe(payload.trim() ? renderMarkdown(payload.trim()) : "");
      // And, whatever that test says, no tag here runs script: only text may mention it.
      for (const [tag] of summaryHtml.matchAll(/<[a-z][^>]*>/gi)) {
        expect(tag).toMatch(
          /^<\/?(p|br|hr|h[1-6]|blockquote|ul|ol|li|strong|em|s|code|pre|a|img|table|thead|tbody|tr|th|td|div|span|button|label|input|details|summary|figure|figcaption)[\s>/]/i,
        );
        // Attribute names, with the (quoted, escaped) values left out: no event handler.
        expect(tag.replace(/="[^"]*"/g, "")).not.toMatch(/\son\w+/i);
        expect(tag).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i);
      }
      const row = await stored(event.id);
      expect(row.summaryHtml).toBe(summaryHtml);
      expect(((await lastChange(event.id)).data as { event: EventView }).event.summaryHtml).toBe(summaryHtml);
    }
  });
});
