import { describe, expect, it } from "vitest";
import { readImageSize } from "./read-image-size";
import { sniffImageType } from "./sniff-image-type";
import { declaring, sized, type SizedImage } from "./test-images";

const sizeOf = (bytes: Uint8Array) => readImageSize(bytes, sniffImageType(bytes)!);
const names = Object.keys(sized) as SizedImage[];

describe("readImageSize", () => {
  it.each(names)("reads 3 × 2 from a real %s", (name) => {
    expect(sizeOf(sized[name])).toEqual({ width: 3, height: 2 });
  });

  // The largest each format can declare: 14 bits a side for VP8 and VP8L, 16 for JPEG and GIF.
  it.each([
    ["jpeg", 65_535, 1],
    ["progressive jpeg", 1, 65_535],
    ["png", 50_000, 50_000],
    ["png", 2 ** 31 - 1, 7],
    ["gif", 50_000, 40_000],
    ["lossy webp (VP8)", 16_383, 12_000],
    ["lossless webp (VP8L)", 16_384, 9_999],
    ["webp with alpha (VP8X)", 16_777_216, 20_000],
    ["webp with alpha (VP8X)", 10_000, 4_000],
  ] as [SizedImage, number, number][])("reads what a %s header declares: %i × %i", (name, width, height) => {
    expect(sizeOf(declaring(name, width, height))).toEqual({ width, height });
  });

  it("counts a GIF frame that reaches past the logical screen", () => {
    const gif = new Uint8Array(sized.gif);
    const view = new DataView(gif.buffer);
    view.setUint16(27 + 1, 20_000, true); // the frame's left edge
    view.setUint16(27 + 7, 30_000, true); // and its height
    expect(sizeOf(gif)).toEqual({ width: 20_003, height: 30_000 });
  });

  it("skips a JPEG's other segments (an EXIF block) to reach the frame header", () => {
    const exif = [0xff, 0xe1, 0x00, 0x08, 0x45, 0x78, 0x69, 0x66, 0xff, 0xc0];
    const jpeg = new Uint8Array([...sized.jpeg.subarray(0, 2), ...exif, ...sized.jpeg.subarray(2)]);
    expect(sizeOf(jpeg)).toEqual({ width: 3, height: 2 });
  });

  // Each cut one byte before the last byte of the size.
  const sofAt = (bytes: Uint8Array) => bytes.findIndex((b, i) => b === 0xff && ((bytes[i + 1] ?? 0) & 0xfd) === 0xc0);
  const cuts: Record<SizedImage, number> = {
    jpeg: sofAt(sized.jpeg) + 8,
    "progressive jpeg": sofAt(sized["progressive jpeg"]) + 8,
    png: 23,
    gif: 9,
    "lossy webp (VP8)": 29,
    "lossless webp (VP8L)": 24,
    "webp with alpha (VP8X)": 29,
  };

  it.each(names)("gives null for a %s cut short before its size", (name) => {
    const bytes = sized[name];
    const headerEnd = cuts[name];
    expect(sniffImageType(bytes.subarray(0, headerEnd))).not.toBeNull();
    expect(sizeOf(bytes.subarray(0, headerEnd))).toBeNull();
  });

  it.each(["jpeg", "png", "lossy webp (VP8)"] as SizedImage[])("gives null for a %s declaring zero pixels", (name) => {
    expect(sizeOf(declaring(name, 0, 2))).toBeNull();
  });

  it("gives null for a JPEG whose scan starts before any frame header", () => {
    expect(sizeOf(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 0, 0, 0, 0, 0, 0]))).toBeNull();
  });
});
