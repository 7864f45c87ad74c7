import { describe, expect, it } from "vitest";
import { clientAddress, isHttps } from "./client-address";

const h = (init: Record<string, string>) => new Headers(init);

describe("clientAddress", () => {
  it("uses the socket's address and ignores X-Forwarded-For unless proxies are trusted", () => {
    const headers = h({ "x-herald-client-ip": "::ffff:203.0.113.9", "x-forwarded-for": "1.1.1.1" });
    expect(clientAddress(headers, 0)).toBe("203.0.113.9");
    expect(clientAddress(h({}), 0)).toBe("unknown");
  });

  it("with trusted proxies, takes the address the outermost trusted proxy saw, not what the client wrote", () => {
    const headers = h({ "x-herald-client-ip": "10.0.0.2", "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.1" });
    expect(clientAddress(headers, 1)).toBe("10.0.0.1");
    expect(clientAddress(headers, 2)).toBe("203.0.113.9");
    expect(clientAddress(h({ "x-herald-client-ip": "10.0.0.2" }), 1)).toBe("10.0.0.2");
  });

  it("bounds what it returns", () => {
    expect(clientAddress(h({ "x-herald-client-ip": "a".repeat(500) }), 0)).toHaveLength(64);
  });
});

describe("isHttps", () => {
  it("believes the socket, and X-Forwarded-Proto only from trusted proxies", () => {
    expect(isHttps(h({ "x-herald-proto": "https" }), 0)).toBe(true);
    expect(isHttps(h({ "x-forwarded-proto": "https" }), 0)).toBe(false);
    expect(isHttps(h({ "x-forwarded-proto": "https" }), 1)).toBe(true);
    expect(isHttps(h({ "x-forwarded-proto": "http" }), 1)).toBe(false);
  });
});
