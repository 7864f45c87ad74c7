import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeQuotedPrintable, headerOf, TestSmtpServer } from "@/test/smtp";
import { sendInvitationEmail, smtpConfig, type InvitationEmail } from "./send-invitation-email";

const from = "Herald Desk <desk@herald.test>";
const link = "http://localhost:3010/invite/Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXhxdXV4";
const invitation: InvitationEmail = {
  to: "reporter@herald.test",
  eventTitle: "Budget <day> & night — live",
  role: "CONTRIBUTOR",
  inviterName: "Ada Owner",
  link,
};

let server: TestSmtpServer;
let refusing: TestSmtpServer;

beforeAll(async () => {
  [server, refusing] = await Promise.all([TestSmtpServer.start(), TestSmtpServer.start({ refusing: true })]);
});

afterAll(async () => {
  await Promise.all([server.stop(), refusing.stop()]);
});

/** A port nothing listens on: bound, read, released. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("sendInvitationEmail", () => {
  it("emails the invitee the link, from SMTP_FROM, through a real SMTP server", async () => {
    const before = server.received.length;
    expect(await sendInvitationEmail(invitation, { url: server.url, from })).toEqual({ delivery: "emailed" });

    expect(server.received).toHaveLength(before + 1);
    const mail = server.received.at(-1)!;
    expect(mail.from).toBe("desk@herald.test");
    expect(mail.to).toEqual(["reporter@herald.test"]);
    expect(headerOf(mail.raw, "To")).toBe("reporter@herald.test");
    expect(headerOf(mail.raw, "From")).toBe(from);
    expect(headerOf(mail.raw, "Subject")).toBe(
      'Ada Owner invited you to cover "Budget <day> & night — live" on Herald',
    );
    const body = decodeQuotedPrintable(mail.raw);
    expect(body).toContain(link);
    expect(body).toContain("as a contributor");
    // The HTML part: the link as a link, the title escaped rather than markup.
    expect(body).toContain(`<a href="${link}">`);
    expect(body).toContain("Budget &lt;day&gt; &amp; night — live");
  });

  it("sends nothing without a mail server configured", async () => {
    const before = server.received.length;
    expect(await sendInvitationEmail(invitation, undefined)).toEqual({ delivery: "not-configured" });
    expect(server.received).toHaveLength(before);
  });

  it("answers 'failed' rather than throwing when the server refuses the recipient or is not there", async () => {
    expect(await sendInvitationEmail(invitation, { url: refusing.url, from })).toEqual({ delivery: "failed" });
    expect(refusing.received).toEqual([]);
    const url = `smtp://127.0.0.1:${await closedPort()}`;
    expect(await sendInvitationEmail(invitation, { url, from })).toEqual({ delivery: "failed" });
  });

  it("reads its configuration from SMTP_URL and SMTP_FROM (none in the test environment)", () => {
    expect(smtpConfig()).toBeUndefined();
  });
});
