import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback-url";

describe("safeCallbackUrl", () => {
  it.each([
    ["/dashboard", "/dashboard"],
    ["/dashboard/events/election-night?tab=review#post-12", "/dashboard/events/election-night?tab=review#post-12"],
    ["/invite/abc123", "/invite/abc123"],
    ["/e/election-night?q=a b", "/e/election-night?q=a%20b"],
    ["/a/../dashboard", "/dashboard"],
    ["/x//y", "/x//y"],
  ])("keeps the same-site path %j as %j", (value, expected) => {
    expect(safeCallbackUrl(value)).toBe(expected);
  });

  it.each([
    [undefined],
    [null],
    [""],
    ["dashboard"],
    ["//evil.example/x"],
    ["///evil.example/x"],
    ["/\\evil.example/x"],
    ["\\/evil.example/x"],
    ["/./\\evil.example"],
    ["/\t/evil.example/x"],
    ["/\n/evil.example/x"],
    ["/\r/evil.example/x"],
    ["/\u0000/evil.example"],
    ["/\u001f/evil.example"],
    ["/\u007f/evil.example"],
    ["/%09/evil.example/x"],
    ["/%0a/evil.example/x"],
    ["/%0D/evil.example/x"],
    ["/%5c/evil.example/x"],
    ["/%5C%5Cevil.example"],
    ["/.//evil.example/x"],
    ["/a/../..//evil.example"],
    ["https://evil.example/x"],
    ["http:/evil.example"],
    ["javascript:alert(1)"],
    ["/javascript:alert(1)\t"],
    ["data:text/html,hi"],
  ])("falls back to /dashboard for %j", (value) => {
    expect(safeCallbackUrl(value)).toBe("/dashboard");
  });
});
