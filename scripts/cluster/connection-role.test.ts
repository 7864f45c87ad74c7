import { describe, expect, it } from "vitest";
import { connectionRole } from "./connection-role";

const head = (requestLine: string, ...headers: string[]) =>
  [requestLine, "Host: herald.test", ...headers, "", ""].join("\r\n");

describe("connectionRole", () => {
  it.each([
    ["the SSE stream", head("GET /api/events/keynote/stream HTTP/1.1", "Accept: text/event-stream")],
    ["a resumed stream", head("GET /api/events/keynote/stream?lastEventId=41 HTTP/1.1")],
    ["the event page", head("GET /e/keynote HTTP/1.1")],
    ["a permalink", head("GET /e/keynote/p/abc HTTP/1.1")],
    ["the embed", head("GET /embed/keynote HTTP/1.1")],
    ["the home page", head("GET / HTTP/1.1")],
    ["polling", head("GET /api/events/keynote/updates?since=3 HTTP/1.1")],
    ["older posts", head("GET /api/events/keynote/posts?before=x HTTP/1.1")],
    ["an asset", head("GET /_next/static/chunks/main.js HTTP/1.1")],
    ["a HEAD", head("HEAD /e/keynote HTTP/1.1")],
    ["a health probe", head("GET /api/health HTTP/1.1")],
    ["an unrelated cookie", head("GET /e/keynote HTTP/1.1", "Cookie: herald-order=oldest")],
    ["a head cut short", "GET /e/keyn"],
    ["nothing readable", "\x16\x03\x01\x02\x00"],
    ["a dashboard look-alike", head("GET /dashboards-of-the-world HTTP/1.1")],
  ])("%s goes to a reader process", (_, bytes) => {
    expect(connectionRole(bytes)).toBe("reader");
  });

  it.each([
    ["a publish over the API", head("POST /api/v1/events/keynote/posts HTTP/1.1", "Authorization: Bearer t")],
    ["an API read", head("GET /api/v1/events/keynote/posts HTTP/1.1")],
    ["a server action", head("POST /dashboard/events/keynote HTTP/1.1", "Next-Action: abc")],
    ["the dashboard", head("GET /dashboard HTTP/1.1")],
    ["an event console", head("GET /dashboard/events/keynote?tab=posts HTTP/1.1")],
    ["sign-in", head("GET /sign-in HTTP/1.1")],
    ["sign-up", head("GET /sign-up?invite=x HTTP/1.1")],
    ["an invitation", head("GET /invite/tok HTTP/1.1")],
    ["next-auth", head("GET /api/auth/session HTTP/1.1")],
    ["presence", head("GET /api/events/keynote/presence HTTP/1.1")],
    ["an upload", head("POST /api/events/keynote/uploads HTTP/1.1")],
    ["any other write", head("DELETE /e/keynote HTTP/1.1")],
    ["an editor reading the public page", head("GET /e/keynote HTTP/1.1", "cookie: a=b; next-auth.session-token=jwt")],
    ["an editor over TLS", head("GET /e/keynote HTTP/1.1", "Cookie: __Secure-next-auth.session-token.0=jwt")],
    ["a token holder", head("GET /e/keynote HTTP/1.1", "authorization: Bearer t")],
  ])("%s goes to a newsroom process", (_, bytes) => {
    expect(connectionRole(bytes)).toBe("newsroom");
  });
});
