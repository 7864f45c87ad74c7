import { describe, expect, it } from "vitest";
import { parseEmbedOrigins } from "./embed-origins";

describe("parseEmbedOrigins", () => {
  it("allows any site when unset, empty or *", () => {
    for (const value of [undefined, "", "  ", "*"]) expect(parseEmbedOrigins(value)).toEqual(["*"]);
  });

  it("keeps a list of origins, normalised and without duplicates", () => {
    expect(parseEmbedOrigins(" https://News.example  https://*.partner.example:8443 https://news.example/ ")).toEqual([
      "https://news.example",
      "https://*.partner.example:8443",
    ]);
  });

  it("refuses anything that is not a bare origin, so nothing else reaches the CSP header", () => {
    const bad = [
      "news.example",
      "https://news.example/path",
      "'unsafe-inline'",
      "https://a.example;script-src",
      "ftp://a.example",
      "* https://a.example",
    ];
    for (const value of bad) expect(() => parseEmbedOrigins(value), value).toThrow(/is not an origin/);
  });
});
