import { describe, expect, it } from "vitest";
import { chooseTier } from "./choose-tier";

describe("chooseTier: which Next.js tier a request goes to", () => {
  it("sends every write, the newsroom's pages and the API to the newsroom", () => {
    expect(chooseTier("POST", "/e/election", {})).toBe("newsroom"); // a server action
    expect(chooseTier("DELETE", "/api/v1/events/x/posts/y", {})).toBe("newsroom");
    for (const path of ["/dashboard", "/dashboard/events/x", "/sign-in", "/sign-up", "/invite/t", "/api/auth/csrf"]) {
      expect(chooseTier("GET", path, {}), path).toBe("newsroom");
    }
    expect(chooseTier("GET", "/api/v1/events/x/posts", {})).toBe("newsroom");
    expect(chooseTier("GET", "/api/events/x/presence", {})).toBe("newsroom");
  });

  it("sends anyone signed in or holding a token to the newsroom, whatever the page", () => {
    expect(chooseTier("GET", "/e/x", { cookie: "theme=dark; next-auth.session-token=abc" })).toBe("newsroom");
    expect(chooseTier("GET", "/e/x", { cookie: "__Secure-next-auth.session-token.0=abc" })).toBe("newsroom");
    expect(chooseTier("GET", "/", { authorization: "Bearer t" })).toBe("newsroom");
  });

  it("sends readers' pages, feeds, polling, older posts and assets to the reader processes", () => {
    for (const path of [
      "/",
      "/e/x",
      "/e/x/p/y",
      "/embed/x",
      "/e/x/feed.xml",
      "/api/events/x/updates",
      "/api/events/x/posts",
      "/_next/static/a.js",
      "/dashboarding",
    ]) {
      expect(chooseTier("GET", path, { cookie: "theme=dark; not-next-auth.session-token-x=1" }), path).toBe("reader");
    }
    expect(chooseTier("HEAD", "/e/x", {})).toBe("reader");
  });

  it("sends a reader's question to the reader processes, signed in or not", () => {
    for (const headers of [{}, { cookie: "next-auth.session-token=abc" }]) {
      expect(chooseTier("POST", "/api/events/x/questions", headers)).toBe("reader");
    }
  });

  it("sends every other write to the newsroom processes, however like a reader's its path", () => {
    for (const path of [
      "/api/events/x/posts/y",
      "/api/events/x/posts/y/reactions/z",
      "/api/events/x/posts/y/polls",
      "/api/events/x/questionsx",
      "/api/v1/events/x/posts",
      "/api/events/x/uploads",
    ]) {
      expect(chooseTier("POST", path, {}), path).toBe("newsroom");
    }
    expect(chooseTier("PUT", "/api/events/x/posts/y/reactions", {})).toBe("newsroom");
  });
});
