import { describe, expect, it } from "vitest";
import { sniffImageType } from "./sniff-image-type";
import { images, notImages } from "./test-images";

describe("sniffImageType", () => {
  it.each([
    ["jpeg", "image/jpeg", "jpg"],
    ["png", "image/png", "png"],
    ["gif", "image/gif", "gif"],
    ["webp", "image/webp", "webp"],
  ] as const)("knows %s by its first bytes", (name, contentType, extension) => {
    expect(sniffImageType(images[name])).toEqual({ contentType, extension });
  });

  it.each(Object.entries(notImages))("refuses %s", (_name, bytes) => {
    expect(sniffImageType(bytes)).toBeNull();
  });

  it("refuses nothing at all", () => {
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });
});
