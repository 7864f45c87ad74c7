// A real SMTP server on a free local port (smtp-server, nodemailer's sibling) that keeps
// every message it receives, or (while `refusing`) refuses every recipient.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { from: string; to: string[]; raw: string };

export class TestSmtpServer {
  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
    readonly received: ReceivedMail[],
    private readonly flags: { refusing: boolean },
  ) {}

  /** While true, every RCPT TO gets 550, as from a server that will not relay. */
  get refusing(): boolean {
    return this.flags.refusing;
  }

  set refusing(value: boolean) {
    this.flags.refusing = value;
  }

  static async start({ refusing = false } = {}): Promise<TestSmtpServer> {
    const received: ReceivedMail[] = [];
    const flags = { refusing };
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"], // plain text on localhost: no certificate to make
      logger: false,
      onRcptTo(address, _session, callback) {
        if (flags.refusing) {
          const error = Object.assign(new Error("Relay access denied"), { responseCode: 550 });
          callback(error);
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.server.address() as AddressInfo;
    return new TestSmtpServer(server, `smtp://127.0.0.1:${port}`, received, flags);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The text of a message as written: quoted-printable soft breaks and `=XX` bytes undone, read as UTF-8. */
export function decodeQuotedPrintable(raw: string): string {
  return bytesOf(raw.replace(/=\r?\n/g, ""), false);
}

/** `=XX` escapes to bytes (and, in an encoded word, `_` to a space), then UTF-8. */
function bytesOf(text: string, underscoreIsSpace: boolean): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === "=" ? /^[0-9A-F]{2}/i.exec(text.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else if (underscoreIsSpace && text[i] === "_") bytes.push(0x20);
    else bytes.push(...Buffer.from(text[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** A header's value from a raw message (first occurrence, folded lines joined, encoded words decoded). */
export function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line === undefined ? undefined : decodeEncodedWords(line.slice(name.length + 1).trim());
}

/** RFC 2047 `=?UTF-8?Q?…?=` and `=?UTF-8?B?…?=` words; the space between two of them is dropped. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, encoding: string, text: string) => {
      if (encoding.toUpperCase() === "B") return Buffer.from(text, "base64").toString("utf8");
      return bytesOf(text, true);
    });
}
