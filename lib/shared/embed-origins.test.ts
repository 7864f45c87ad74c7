import { describe, expect, it } from "vitest";
import { embedFrameAncestors, parseEmbedOrigins } from "./embed-origins";

describe("parseEmbedOrigins", () => {
  it("allows any site when unset, empty or *", () => {
    for (const value of [undefined, "", "  ", "*"])
      expect(parseEmbedOrigins(value)).toEqual({ ok: true, origins: "*" });
    expect(embedFrameAncestors("*")).toBe("*");
  });

  it("keeps a list of origins, normalised and without duplicates", () => {
    const parsed = parseEmbedOrigins(" https://News.example  https://*.partner.example:8443 https://news.example/ ");
    expect(parsed).toEqual({ ok: true, origins: ["https://news.example", "https://*.partner.example:8443"] });
    if (parsed.ok) {
      expect(embedFrameAncestors(parsed.origins)).toBe("'self' https://news.example https://*.partner.example:8443");
    }
  });

  it("refuses anything that is not a bare origin, so nothing else reaches the CSP header", () => {
    for (const bad of [
      "news.example",
      "https://news.example/path",
      "'unsafe-inline'",
      "https://a.example;script-src *",
      "ftp://a.example",
      "* https://a.example",
    ]) {
      expect(parseEmbedOrigins(bad).ok, bad).toBe(false);
    }
  });
});
