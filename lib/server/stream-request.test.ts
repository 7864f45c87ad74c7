import { describe, expect, it } from "vitest";
import { streamRequestFromHead, streamRequestOf } from "./stream-request";

// What Chromium's EventSource sent on its first connection (captured from headless
// Chromium 156 with a raw socket server), and a reconnect with its Last-Event-ID.
const chromiumHead = [
  "GET /api/events/keynote-2026/stream?lastEventId=3 HTTP/1.1",
  "Host: 127.0.0.1:4999",
  "Connection: keep-alive",
  "Pragma: no-cache",
  "Cache-Control: no-cache",
  'sec-ch-ua-platform: "Linux"',
  "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
  "Accept: text/event-stream",
  'sec-ch-ua: "Not:A-Brand";v="8", "Chromium";v="156"',
  "sec-ch-ua-mobile: ?0",
  "Sec-Fetch-Site: same-origin",
  "Sec-Fetch-Mode: cors",
  "Sec-Fetch-Dest: empty",
  "Referer: http://127.0.0.1:4999/",
  "Accept-Encoding: gzip, deflate, br, zstd",
  "Accept-Language: en-US,en;q=0.9",
  "",
  "",
].join("\r\n");
const chromiumReconnect = chromiumHead.replace(
  "Accept: text/event-stream",
  "Accept: text/event-stream\r\nLast-Event-ID: 42",
);

const head = (requestLine: string, ...headers: string[]) => [requestLine, ...headers, "", ""].join("\r\n");
const get = (...headers: string[]) => head("GET /api/events/keynote/stream HTTP/1.1", ...headers);

describe("streamRequestFromHead", () => {
  it("reads a browser's request: the slug, and its position from the query, then from Last-Event-ID", () => {
    expect(streamRequestFromHead(chromiumHead)).toEqual({ slug: "keynote-2026", lastEventId: "3" });
    expect(streamRequestFromHead(chromiumReconnect)).toEqual({ slug: "keynote-2026", lastEventId: "42" });
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
