import "server-only";
import type { ImageType } from "./sniff-image-type";

export type ImageSize = { width: number; height: number };

// Every read below is bounds-checked first; past the end a byte reads as 0.
const byte = (b: Uint8Array, at: number) => b[at] ?? 0;
const u16be = (b: Uint8Array, at: number) => (byte(b, at) << 8) | byte(b, at + 1);
const u16le = (b: Uint8Array, at: number) => byte(b, at) | (byte(b, at + 1) << 8);
const u24le = (b: Uint8Array, at: number) => u16le(b, at) | (byte(b, at + 2) << 16);
const u32be = (b: Uint8Array, at: number) => u16be(b, at) * 0x10000 + u16be(b, at + 2);
const u32le = (b: Uint8Array, at: number) => u16le(b, at) + u16le(b, at + 2) * 0x10000;
const ascii = (b: Uint8Array, at: number, length: number) => String.fromCharCode(...b.subarray(at, at + length));

/**
 * The pixel size an image declares in its header: what a browser will allocate to decode it,
 * whatever the file weighs. Null when the header is cut short or the size is zero.
 */
export function readImageSize(bytes: Uint8Array, type: ImageType): ImageSize | null {
  const size = readers[type.extension](bytes);
  return size && size.width > 0 && size.height > 0 ? size : null;
}

const readers: Record<ImageType["extension"], (bytes: Uint8Array) => ImageSize | null> = {
  // The IHDR chunk comes first, right after the 8-byte signature.
  png: (b) => (b.length >= 24 && ascii(b, 12, 4) === "IHDR" ? { width: u32be(b, 16), height: u32be(b, 20) } : null),
  jpg: readJpegSize,
  gif: readGifSize,
  webp: readWebpSize,
};

/** The first frame header (SOF0–SOF15, not DHT/JPG/DAC), walking the segments after SOI. */
function readJpegSize(b: Uint8Array): ImageSize | null {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = byte(b, at + 1);
    if (marker === 0xff)
      at += 1; // fill byte
    else if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8))
      at += 2; // no length
    else if (marker === 0xd9 || marker === 0xda)
      return null; // end of image or scan before any frame
    else if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return at + 9 <= b.length ? { height: u16be(b, at + 5), width: u16be(b, at + 7) } : null;
    else at += 2 + u16be(b, at + 2);
  }
  return null;
}

/** The logical screen, grown to cover every frame: a frame may reach past the screen it declares. */
function readGifSize(b: Uint8Array): ImageSize | null {
  if (b.length < 13) return null;
  let width = u16le(b, 6);
  let height = u16le(b, 8);
  const colorTable = (flags: number) => (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
  const skipSubBlocks = (from: number) => {
    let at = from;
    while (at < b.length && b[at] !== 0) at += 1 + byte(b, at);
    return at + 1;
  };
  let at = 13 + colorTable(byte(b, 10));
  while (at < b.length) {
    if (b[at] === 0x21)
      at = skipSubBlocks(at + 2); // extension: label, then data sub-blocks
    else if (b[at] === 0x2c && at + 10 <= b.length) {
      width = Math.max(width, u16le(b, at + 1) + u16le(b, at + 5));
      height = Math.max(height, u16le(b, at + 3) + u16le(b, at + 7));
      at = skipSubBlocks(at + 10 + colorTable(byte(b, at + 9)) + 1); // + LZW minimum code size
    } else break; // trailer, or bytes that are not a block
  }
  return { width, height };
}

/** RIFF <size> WEBP, then the first chunk: VP8 (lossy), VP8L (lossless) or VP8X (extended: the canvas). */
function readWebpSize(b: Uint8Array): ImageSize | null {
  if (b.length < 30) return null;
  switch (ascii(b, 12, 4)) {
    case "VP8 ": // frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height
      if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
      return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
    case "VP8L": {
      if (b[20] !== 0x2f) return null;
      const bits = u32le(b, 21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case "VP8X": // flags (4 bytes), then canvas width - 1 and height - 1 in 24 bits each
      return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
    default:
      return null;
  }
}
