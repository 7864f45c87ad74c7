import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { acceptInvitation } from "@/lib/members/accept-invitation";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { origin, signInAs } from "@/test/next-request";
import { decodeQuotedPrintable, headerOf, TestSmtpServer } from "@/test/smtp";
import { inviteMemberAction } from "./team-actions";

vi.mock("@/lib/auth/session", () => import("@/test/next-request").then((m) => m.sessionModule));
vi.mock("next/headers", () => import("@/test/next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("@/test/next-request").then((m) => m.cacheModule));

// The invite form's action with a mail server configured: lib/env.ts reads SMTP_URL on
// first use, so it is set before anything asks.
let smtp: TestSmtpServer;
let owner: TestUser;
let event: { id: string; slug: string; title: string };

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  process.env.SMTP_URL = smtp.url;
  process.env.SMTP_FROM = "Herald Desk <desk@herald.test>";
  owner = await makeUser({ name: "Olive Owner" });
  event = await makeEvent(owner, { title: "Election night" });
  signInAs(owner);
});

afterAll(async () => {
  await smtp.stop();
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
});

const inviteForm = (email: string, role = "CONTRIBUTOR") => {
  const form = new FormData();
  form.set("email", email);
  form.set("role", role);
  return form;
};

describe("inviteMemberAction with SMTP_URL set", () => {
  it("emails the absolute link to the invitee and tells the owner so; the link is shown too", async () => {
    const email = `emailed-${unique()}@herald.test`;
    const state = await inviteMemberAction(event.slug, { ok: false }, inviteForm(email, "EDITOR"));

    expect(state).toMatchObject({ ok: true, delivery: "emailed", link: expect.stringMatching(/^\/invite\//) });
    expect(state.message).toBe(`Invitation emailed to ${email}. The link below works too: once, for 7 days.`);
    const mail = smtp.received.find((m) => m.to.includes(email))!;
    expect(mail.from).toBe("desk@herald.test");
    expect(headerOf(mail.raw, "Subject")).toBe('Olive Owner invited you to cover "Election night" on Herald');
    expect(decodeQuotedPrintable(mail.raw)).toContain(`${origin}${state.link}`);
    expect(decodeQuotedPrintable(mail.raw)).toContain("as an editor");
  });

  it("keeps the invitation when the mail server refuses: the owner is told to copy the link, which works", async () => {
    const email = `refused-${unique()}@herald.test`;
    smtp.refusing = true;
    const state = await inviteMemberAction(event.slug, { ok: false }, inviteForm(email)).finally(() => {
      smtp.refusing = false;
    });

    expect(state).toMatchObject({ ok: true, delivery: "failed", link: expect.stringMatching(/^\/invite\//) });
    expect(state.message).toBe(
      `Could not email ${email}: copy the link below and send it to them yourself. It works once, for 7 days.`,
    );
    expect(smtp.received.some((m) => m.to.includes(email))).toBe(false);
    expect(await db.invitation.count({ where: { eventId: event.id, email } })).toBe(1);
    const invitee = await makeUser({ email });
    const joined = await acceptInvitation(invitee, state.link!.replace(/^\/invite\//, ""));
    expect(joined).toMatchObject({ eventId: event.id, role: "CONTRIBUTOR" });
  });

  it("sends nothing when the invitation itself is refused", async () => {
    const before = smtp.received.length;
    const state = await inviteMemberAction(event.slug, { ok: false }, inviteForm("not-an-address"));
    expect(state).toMatchObject({ ok: false, fieldErrors: { email: [expect.any(String)] } });
    expect(state).not.toHaveProperty("delivery");
    expect(smtp.received).toHaveLength(before);
  });
});
