import { describe, expect, it } from "vitest";
import { streamRequestFromHead, streamRequestOf } from "./stream-request";

// What a browser's EventSource sends (Chromium, reconnecting), as the front door reads it.
const browserHead = [
  "GET /api/events/keynote-2026/stream HTTP/1.1",
  "Host: live.example.org",
  "Connection: keep-alive",
  "Accept: text/event-stream",
  "Cache-Control: no-cache",
  "Last-Event-ID: 42",
  "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Referer: https://live.example.org/e/keynote-2026",
  "Accept-Encoding: gzip, deflate, br, zstd",
  "Accept-Language: de-DE,de;q=0.9",
  "",
  "",
].join("\r\n");

const head = (requestLine: string, ...headers: string[]) => [requestLine, ...headers, "", ""].join("\r\n");
const get = (...headers: string[]) => head("GET /api/events/keynote/stream HTTP/1.1", ...headers);

describe("streamRequestFromHead", () => {
  it("reads a browser's request: the slug and its Last-Event-ID", () => {
    expect(streamRequestFromHead(browserHead)).toEqual({ slug: "keynote-2026", lastEventId: "42" });
  });

  it("takes the position from the query on a first connection, and the header over the query", () => {
    const first = head("GET /api/events/keynote/stream?lastEventId=17 HTTP/1.1", "Host: h");
    expect(streamRequestFromHead(first)).toEqual({ slug: "keynote", lastEventId: "17" });
    const both = head("GET /api/events/keynote/stream?lastEventId=17 HTTP/1.1", "Host: h", "Last-Event-ID:\t23 ");
    expect(streamRequestFromHead(both)).toEqual({ slug: "keynote", lastEventId: "23" });
    expect(streamRequestFromHead(get("Host: h"))).toEqual({ slug: "keynote", lastEventId: null });
  });

  it("passes an invalid Last-Event-ID on as it is, for openStream's 400", () => {
    expect(streamRequestFromHead(get("Host: h", "Last-Event-ID: 1; DROP"))?.lastEventId).toBe("1; DROP");
  });

  it.each([
    ["a head still arriving", get("Host: h").slice(0, -2)],
    ["a second request behind it", get("Host: h") + get("Host: h")],
    ["another URL", head("GET /e/keynote HTTP/1.1", "Host: h")],
    ["another method", head("HEAD /api/events/keynote/stream HTTP/1.1", "Host: h")],
    ["HTTP/1.0", head("GET /api/events/keynote/stream HTTP/1.0", "Host: h")],
    ["a URL that does not decode", head("GET /api/events/%E0%A4%A/stream HTTP/1.1", "Host: h")],
    ["a space in the target", head("GET /api/events/key note/stream HTTP/1.1", "Host: h")],
    ["no Host", get()],
    ["two Hosts", get("Host: a", "Host: b")],
    ["two Last-Event-IDs", get("Host: h", "Last-Event-ID: 1", "Last-Event-ID: 2")],
    ["a body's length", get("Host: h", "Content-Length: 5")],
    ["a chunked body", get("Host: h", "Transfer-Encoding: chunked")],
    ["an upgrade", get("Host: h", "Upgrade: websocket")],
    ["an Expect", get("Host: h", "Expect: 100-continue")],
    ["a folded line", get("Host: h", "X-Note: a", " folded")],
    ["a line without a colon", get("Host: h", "Nonsense")],
    ["a space before the colon", get("Host: h", "Last-Event-ID : 1")],
    ["a bare LF inside a line", get("Host: h", "X-Note: a\nInjected: b")],
    ["a control character", get("Host: h", "X-Note: a\u0000b")],
    ["a head over 16 KiB", get("Host: h", `X-Padding: ${"p".repeat(16 * 1024)}`)],
  ])("leaves %s to node:http", (_, text) => {
    expect(streamRequestFromHead(text)).toBeNull();
  });
});

describe("streamRequestOf", () => {
  it("decodes the slug, and says null for any other URL", () => {
    expect(streamRequestOf("/api/events/caf%C3%A9/stream", undefined)).toEqual({ slug: "café", lastEventId: null });
    expect(streamRequestOf("/api/events/a/b/stream", undefined)).toBeNull();
    expect(streamRequestOf("/api/events/a/stream/", undefined)).toBeNull();
  });
});
