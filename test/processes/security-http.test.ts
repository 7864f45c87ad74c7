import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { signInPerAccount } from "@/lib/auth/rate-limits";
import { images } from "@/lib/uploads/test-images";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { postCredentials, signInTo } from "@/test/http-session";
import { ServerProcess, stopAllServers } from "@/test/server-process";
import { actionId, postAction } from "@/test/server-actions";

// The security of the running server, over HTTP: headers on every kind of response,
// CSRF refusals (server actions, cookie-authenticated route handlers), and the sign-in
// rate limit as a browser meets it. `direct` believes only its socket; `proxied` is told
// (HERALD_TRUST_PROXY=1) that one reverse proxy stands in front of it.
let direct: ServerProcess;
let proxied: ServerProcess;
let owner: TestUser;

beforeAll(async () => {
  [direct, proxied, owner] = await Promise.all([
    ServerProcess.start(),
    ServerProcess.start({ env: { HERALD_TRUST_PROXY: "1" } }),
    makeUser(),
  ]);
}, 180_000);

afterAll(async () => {
  await stopAllServers();
});

const directive = (policy: string | null, name: string) =>
  policy
    ?.split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `))
    ?.slice(name.length + 1) ?? null;

describe("security headers", () => {
  it("give every page a policy that runs only its own scripts: a fresh nonce, or the hashes of a shared page", async () => {
    const event = await makeEvent(owner);
    const nonces = new Set<string>();
    const pages = [
      { page: "/sign-in", shared: false },
      { page: "/", shared: true },
      { page: `/e/${event.slug}`, shared: true },
      { page: "/e/no-such-event-here", shared: true },
    ];
    for (const { page, shared } of pages) {
      const response = await fetch(`${direct.url}${page}`);
      const policy = response.headers.get("content-security-policy");
      expect(directive(policy, "object-src")).toBe("'none'");
      expect(directive(policy, "base-uri")).toBe("'none'");
      expect(directive(policy, "frame-ancestors")).toBe("'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      const html = await response.text();
      // Every script that runs; data blocks (JSON-LD) are never executed, so CSP leaves them be.
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
        (m) => !m[1]!.includes('type="application/ld+json"'),
      );
      expect(scripts.length, page).toBeGreaterThan(0);
      const sources = directive(policy, "script-src")!.split(" ");
      if (shared) {
        // One HTML for everyone (a shared cache keeps it): no nonce, each inline script by its hash.
        expect(
          sources.some((s) => s.startsWith("'nonce-")),
          page,
        ).toBe(false);
        for (const [, attributes, text] of scripts) {
          if (attributes!.includes("src=")) continue;
          const hash = crypto.createHash("sha256").update(text!).digest("base64");
          expect(sources, page).toContain(`'sha256-${hash}'`);
        }
      } else {
        const nonce = /'nonce-([^']+)'/.exec(sources.join(" "))?.[1];
        expect(nonce, `${page}: ${policy}`).toBeTruthy();
        nonces.add(nonce!);
        for (const [tag] of scripts) expect(tag.slice(0, tag.indexOf(">") + 1), page).toContain(`nonce="${nonce}"`);
      }
    }
    // A signed-in reader's event page is theirs alone, with a nonce of its own.
    const session = await signInTo(direct.url, owner.email, owner.password);
    for (let i = 0; i < 2; i++) {
      const mine = await fetch(`${direct.url}/e/${event.slug}`, { headers: { cookie: session.cookie } });
      nonces.add(/'nonce-([^']+)'/.exec(mine.headers.get("content-security-policy") ?? "")?.[1] ?? "none");
    }
    expect(nonces.size).toBe(3);
    expect(nonces.has("none")).toBe(false);
  });

  it("cover route handlers and static files too", async () => {
    const health = await fetch(`${direct.url}/api/health`);
    expect(directive(health.headers.get("content-security-policy"), "default-src")).toBe("'none'");
    expect(health.headers.get("x-content-type-options")).toBe("nosniff");

    const html = await (await fetch(`${direct.url}/sign-in`)).text();
    const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const staticFile = await fetch(`${direct.url}${asset}`);
    expect(staticFile.status).toBe(200);
    expect(staticFile.headers.get("x-content-type-options")).toBe("nosniff");
    expect(staticFile.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("send HSTS only over TLS: X-Forwarded-Proto counts only from a trusted proxy", async () => {
    const https = { "x-forwarded-proto": "https" };
    expect((await fetch(`${direct.url}/`)).headers.get("strict-transport-security")).toBeNull();
    expect((await fetch(`${direct.url}/`, { headers: https })).headers.get("strict-transport-security")).toBeNull();
    expect((await fetch(`${proxied.url}/`)).headers.get("strict-transport-security")).toBeNull();
    expect((await fetch(`${proxied.url}/`, { headers: https })).headers.get("strict-transport-security")).toMatch(
      /^max-age=\d{8,}/,
    );
  });

  it("keep the SSE stream a stream", async () => {
    const event = await makeEvent(owner);
    const controller = new AbortController();
    const response = await fetch(`${direct.url}/api/events/${event.slug}/stream`, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const { value } = await response.body!.getReader().read();
    expect(new TextDecoder().decode(value)).toMatch(/^retry: /m);
    controller.abort();
  });
});

describe("CSRF", () => {
  it("a server action runs for a form on our own pages, and is refused when another site posts it", async () => {
    const id = actionId("signUpAction");
    const mine = `csrf-ok-${unique()}@herald.test`;
    await postAction(direct.url, "/sign-up", id, { name: "Own", email: mine, password: "password1" }, direct.url);
    expect(await db.user.count({ where: { email: mine } })).toBe(1);

    const forged = `csrf-${unique()}@herald.test`;
    const response = await postAction(
      direct.url,
      "/sign-up",
      id,
      { name: "Forged", email: forged, password: "password1" },
      "https://evil.example",
    );
    // Refused before Next sees it, and saying why (Next's own refusal is a bare 500).
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("Refused: this request came from another site.");
    expect(await db.user.count({ where: { email: forged } })).toBe(0);

    // The same action as the page's JavaScript calls it (`Next-Action`), from another site.
    const called = await fetch(`${direct.url}/sign-up`, {
      method: "POST",
      headers: { origin: "https://evil.example", "next-action": id, "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify([{ name: "Forged", email: forged, password: "password1" }]),
    });
    expect(called.status).toBe(403);
    expect(await db.user.count({ where: { email: forged } })).toBe(0);
  });

  it("cookie-authenticated route handlers refuse another site's POST with 403", async () => {
    const event = await makeEvent(owner);
    const { cookie } = await signInTo(direct.url, owner.email, owner.password);
    const heartbeat = (origin: string) =>
      fetch(`${direct.url}/api/events/${event.slug}/presence`, {
        method: "POST",
        headers: { cookie, origin, "content-type": "application/json" },
        body: JSON.stringify({ typing: false }),
      });
    expect((await heartbeat(direct.url)).status).toBe(204);
    const refused = await heartbeat("https://evil.example");
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/another site/);
    expect((await heartbeat("null")).status).toBe(403);

    const upload = await fetch(`${direct.url}/api/events/${event.slug}/uploads`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example", "content-type": "image/png" },
      body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    });
    expect(upload.status).toBe(403);
    // A fetch a browser marks cross-site, without Origin, is refused too.
    const noOrigin = await fetch(`${direct.url}/api/events/${event.slug}/presence`, {
      method: "POST",
      headers: { cookie, "sec-fetch-site": "cross-site", "content-type": "application/json" },
      body: JSON.stringify({ typing: false }),
    });
    expect(noOrigin.status).toBe(403);
  });

  it("the publishing API refuses session cookies", async () => {
    const event = await makeEvent(owner);
    const { cookie } = await signInTo(direct.url, owner.email, owner.password);
    const response = await fetch(`${direct.url}/api/v1/events/${event.slug}/posts`, {
      method: "POST",
      headers: { cookie, origin: direct.url, "content-type": "application/json" },
      body: JSON.stringify({ body: "via cookie" }),
    });
    expect(response.status).toBe(401);
    expect(await db.post.count({ where: { eventId: event.id } })).toBe(0);
  });
});

describe("uploads over HTTP", () => {
  it("serve an image with its sniffed type, nosniff, no script, cached for good; no way out of the store", async () => {
    const event = await makeEvent(owner);
    const { cookie } = await signInTo(direct.url, owner.email, owner.password);
    const uploaded = await fetch(`${direct.url}/api/events/${event.slug}/uploads`, {
      method: "POST",
      // Declared as HTML: the bytes say PNG, and PNG is what is stored and served.
      headers: { cookie, origin: direct.url, "content-type": "text/html" },
      body: images.png,
    });
    expect(uploaded.status).toBe(201);
    const { url } = (await uploaded.json()) as { url: string };
    const served = await fetch(`${direct.url}${url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(directive(served.headers.get("content-security-policy"), "default-src")).toBe("'none'");

    for (const path of ["/api/uploads/..%2F..%2F.env", "/api/uploads/%2e%2e/%2e%2e/package.json", `${url}%00.html`]) {
      const response = await fetch(`${direct.url}${path}`);
      expect(response.status, path).toBe(404);
      await response.body?.cancel();
    }
  });
});

describe("sign-in over HTTP", () => {
  it("answers wrong password and unknown email alike, then 429 with Retry-After once the account is locked", async () => {
    const victim = await makeUser();
    const wrong = await postCredentials(direct.url, victim.email, "wrong password");
    const unknown = await postCredentials(direct.url, `nobody-${unique()}@herald.test`, "wrong password");
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);

    for (let i = 1; i < signInPerAccount.limit; i++) await postCredentials(direct.url, victim.email, "wrong");
    const locked = await postCredentials(direct.url, victim.email, victim.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
    expect(locked.session).toBeNull();
  });

  it("serves the sign-in form with next-auth's CSRF token and cookie, so a plain form post signs in", async () => {
    const user = await makeUser();
    // A token a client sends in the header the page reads is not the one it gets.
    const page = await fetch(`${direct.url}/sign-in`, { headers: { "x-herald-form-csrf": "forged" } });
    const csrfToken = /name="csrfToken" value="([^"]+)"/.exec(await page.text())?.[1];
    expect(csrfToken).toMatch(/^[0-9a-f]{64}$/);
    const jar = page.headers.getSetCookie().map((c) => c.split(";")[0]!);
    expect(jar.some((c) => c.startsWith("next-auth.csrf-token="))).toBe(true);

    const form = { csrfToken: csrfToken!, email: user.email, password: user.password, callbackUrl: "/dashboard" };
    const signedIn = await fetch(`${direct.url}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin: direct.url },
      body: new URLSearchParams(form),
      redirect: "manual",
    });
    expect(signedIn.status).toBeGreaterThanOrEqual(300);
    expect(signedIn.status).toBeLessThan(400);
    expect(new URL(signedIn.headers.get("location")!, direct.url).pathname).toBe("/dashboard");
    expect(signedIn.headers.getSetCookie().some((c) => c.startsWith("next-auth.session-token="))).toBe(true);

    // Without the cookie the token is worth nothing: next-auth sends the form back, signed out.
    const forged = await fetch(`${direct.url}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: direct.url },
      body: new URLSearchParams(form),
      redirect: "manual",
    });
    expect(new URL(forged.headers.get("location")!, direct.url).pathname).not.toBe("/dashboard");
    expect(forged.headers.getSetCookie().some((c) => c.startsWith("next-auth.session-token="))).toBe(false);
  });

  it("ends a session once its password changes elsewhere", async () => {
    const user = await makeUser();
    const { cookie } = await signInTo(direct.url, user.email, user.password);
    const dashboard = () => fetch(`${direct.url}/dashboard`, { headers: { cookie }, redirect: "manual" });
    expect((await dashboard()).status).toBe(200);
    await db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    const after = await dashboard();
    expect(after.status).toBeGreaterThanOrEqual(300);
    expect(after.status).toBeLessThan(400);
    expect(after.headers.get("location")).toMatch(/\/sign-in\?callbackUrl=%2Fdashboard/);
  });
});
