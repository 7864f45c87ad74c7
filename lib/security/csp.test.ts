import { describe, expect, it } from "vitest";
import { buildContentSecurityPolicy, createNonce, isValidNonce } from "./csp";
import { parseEmbedOrigins } from "@/lib/shared/embed-origins";

const directives = (policy: string) =>
  Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

describe("buildContentSecurityPolicy", () => {
  it("is strict for pages: nonce + strict-dynamic, no plugins, no base, embeds only from our providers", () => {
    const d = directives(buildContentSecurityPolicy({ scripts: { nonce: "abc123abc123abc123==" }, pathname: "/e/x" }));
    expect(d["script-src"]).toBe("'self' 'nonce-abc123abc123abc123==' 'strict-dynamic'");
    expect(d["script-src"]).not.toContain("unsafe");
    expect(d["object-src"]).toBe("'none'");
    expect(d["base-uri"]).toBe("'none'");
    expect(d["frame-src"].split(" ")).toEqual(
      expect.arrayContaining([
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://open.spotify.com",
        "https://w.soundcloud.com",
        "https://embed.bsky.app",
        "https://platform.twitter.com",
        "https://www.instagram.com",
        "https://www.tiktok.com",
        "https://www.facebook.com",
        "https://www.threads.net",
        "https://mastodon.social",
      ]),
    );
    expect(d["frame-src"]).not.toMatch(/\*|https:(\s|$)|'self'/);
    expect(d["connect-src"]).toBe("'self'");
    expect(d["img-src"]).toBe("'self' data: blob: https:");
    expect(d["frame-ancestors"]).toBe("'none'");
  });

  it("admits the embed players only on pages that show posts; 'none' elsewhere", () => {
    const frameSrc = (pathname: string) =>
      directives(buildContentSecurityPolicy({ scripts: { nonce: "abc123abc123abc123==" }, pathname }))["frame-src"];
    for (const pathname of ["/e/x", "/e/x/p/y", "/embed/x", "/dashboard/events/x"])
      expect(frameSrc(pathname), pathname).toContain("https://player.vimeo.com");
    for (const pathname of ["/", "/dashboard", "/sign-in", "/embedded", "/everything"])
      expect(frameSrc(pathname), pathname).toBe("'none'");
  });

  it("allows exactly the given inline scripts by hash for a shared page: no nonce, no strict-dynamic", () => {
    const d = directives(
      buildContentSecurityPolicy({ scripts: { hashes: ["aGFzaA==", "b3RoZXI="] }, pathname: "/e/x" }),
    );
    expect(d["script-src"]).toBe("'self' 'sha256-aGFzaA==' 'sha256-b3RoZXI='");
    expect(directives(buildContentSecurityPolicy({ scripts: { hashes: [] }, pathname: "/e/x" }))["script-src"]).toBe(
      "'self'",
    );
  });

  it("lets /embed/* be framed by the configured origins (any by default)", () => {
    const nonce = createNonce();
    expect(
      directives(buildContentSecurityPolicy({ scripts: { nonce }, pathname: "/embed/x" }))["frame-ancestors"],
    ).toBe("*");
    const embedOrigins = parseEmbedOrigins("https://news.example  https://b.example");
    expect(
      directives(buildContentSecurityPolicy({ scripts: { nonce }, pathname: "/embed/x", embedOrigins }))[
        "frame-ancestors"
      ],
    ).toBe("https://news.example https://b.example");
    expect(
      directives(buildContentSecurityPolicy({ scripts: { nonce }, pathname: "/embedded" }))["frame-ancestors"],
    ).toBe("'none'");
  });

  it("runs nothing for route handlers", () => {
    const d = directives(
      buildContentSecurityPolicy({ scripts: { nonce: createNonce() }, pathname: "/api/uploads/a/b.png" }),
    );
    expect(d["default-src"]).toBe("'none'");
    expect(d["script-src"]).toBeUndefined();
    expect(d["frame-ancestors"]).toBe("'none'");
  });

  it("adds only what `next dev` needs in development", () => {
    const d = directives(buildContentSecurityPolicy({ scripts: { nonce: createNonce() }, pathname: "/", dev: true }));
    expect(d["script-src"]).toContain("'unsafe-eval'");
    expect(d["connect-src"]).toBe("'self' ws: wss:");
  });
});

describe("nonces", () => {
  it("are fresh and well-formed; a handed-over one must look like ours", () => {
    const a = createNonce();
    expect(a).not.toBe(createNonce());
    expect(isValidNonce(a)).toBe(true);
    expect(isValidNonce("x'; script-src *")).toBe(false);
    expect(isValidNonce("")).toBe(false);
    expect(isValidNonce(null)).toBe(false);
  });

  it("embed origins must be origins", () => {
    expect(parseEmbedOrigins(undefined)).toEqual(["*"]);
    expect(() => parseEmbedOrigins("javascript:alert(1)")).toThrow(/not an origin/);
    expect(() => parseEmbedOrigins("not a url")).toThrow(/not an origin/);
    expect(() => parseEmbedOrigins("https://b.example/path")).toThrow(/not an origin/);
  });
});
