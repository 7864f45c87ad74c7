import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { logOptions } from "./log-options";
import { requestIdFrom } from "./request-context";
import { routeFamily } from "./route-family";

describe("routeFamily", () => {
  it("names the family, never the slug, id or query", () => {
    expect(routeFamily("GET", "/api/events/election-night/stream?lastEventId=4")).toBe("stream");
    expect(routeFamily("GET", "/api/events/x/updates?since=1")).toBe("updates");
    expect(routeFamily("POST", "/api/v1/events/x/posts")).toBe("api");
    expect(routeFamily("PATCH", "/api/v1/events/x/posts/abc")).toBe("api");
    expect(routeFamily("GET", "/api/uploads/ab/cd.png")).toBe("uploads");
    expect(routeFamily("GET", "/e/election-night")).toBe("event_page");
    expect(routeFamily("GET", "/dashboard/events/x")).toBe("dashboard");
    expect(routeFamily("POST", "/dashboard/events/x", true)).toBe("server_action");
    expect(routeFamily("GET", "/_next/static/chunks/a.js")).toBe("static");
    expect(routeFamily("GET", "/")).toBe("home");
    expect(routeFamily("GET", "/wp-login.php")).toBe("other");
  });
});

describe("requestIdFrom", () => {
  it("keeps a sane X-Request-Id and replaces anything else with a fresh UUID", () => {
    expect(requestIdFrom("lb-7f3a.42")).toBe("lb-7f3a.42");
    expect(requestIdFrom(["first", "second"])).toBe("first");
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const bad of [undefined, "", "a b", "x".repeat(129), "evil\nInjected: 1", "<script>"]) {
      expect(requestIdFrom(bad)).toMatch(uuid);
    }
  });
});

describe("log redaction", () => {
  it("keeps passwords, tokens, cookies and authorization out of the JSON lines", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pino(logOptions("worker", "info"), sink);
    log.info({ password: "hunter2-top", user: { email: "a@b.c", password: "hunter2-nested" } }, "sign-up");
    log.info({ headers: { authorization: "Bearer tok-abc", cookie: "session=cookie-xyz" } }, "request");
    log.info({ input: { token: "api-token-123", secret: "s3cr3t" }, env: { DATABASE_URL: "postgres://u:pw@h/db" } });
    log.info({ res: { headers: { "set-cookie": "next-auth.session-token=jwt-value" } } }, "response");
    const text = lines.join("");
    for (const secret of ["hunter2", "tok-abc", "cookie-xyz", "api-token-123", "s3cr3t", "u:pw", "jwt-value"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("[redacted]");
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({ level: "info", role: "worker", pid: process.pid, msg: "sign-up" });
    expect(first.user).toEqual({ email: "a@b.c", password: "[redacted]" });
  });
});
