import zlib from "node:zlib";

const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));

// Real 3 × 2 images, made by sharp (libvips) from a solid colour, e.g.
// sharp({ create: { width: 3, height: 2, channels: 3, background: "#c81e1e" } }).png().toBuffer().
export const sized = {
  jpeg: fromBase64(
    "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAMDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCOACqH/9k=",
  ),
  "progressive jpeg": fromBase64(
    "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wgARCAACAAMDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAVAQEBAAAAAAAAAAAAAAAAAAADBf/aAAwDAQACEAMQAAABjAVP/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABBQJ//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAwEBPwF//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAgEBPwF//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQAGPwJ//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPyF//9oADAMBAAIAAwAAABAD/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAwEBPxB//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAgEBPxB//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxB//9k=",
  ),
  png: fromBase64(
    "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWM4IScHQQxwFgBBAAYZ0KRMBAAAAABJRU5ErkJggg==",
  ),
  gif: fromBase64("R0lGODlhAwACAIAAAExpccgeHiH5BAUAAAAALAAAAAADAAIAAAICjF8AOw=="),
  "lossy webp (VP8)": fromBase64(
    "UklGRjYAAABXRUJQVlA4ICoAAACQAQCdASoDAAIAAsBMJaACdLoAA5gA/u2QP4hd7G2//PTP62/j/xkAAAA=",
  ),
  "lossless webp (VP8L)": fromBase64("UklGRh4AAABXRUJQVlA4TBEAAAAvAkAAAAdQjyLXo/+BiOh/AAA="),
  "webp with alpha (VP8X)": fromBase64(
    "UklGRlgAAABXRUJQVlA4WAoAAAAQAAAAAgAAAQAAQUxQSAcAAAAAgICAgICAAFZQOCAqAAAAkAEAnQEqAwACAALATCWgAnS6AAOYAP7tkD+IXextv/z0z+tv4/8ZAAAA",
  ),
};

export type SizedImage = keyof typeof sized;

export const images = {
  jpeg: sized.jpeg,
  png: sized.png,
  gif: sized.gif,
  webp: sized["lossy webp (VP8)"],
};

/** One of the real images above, its header rewritten to declare `width` × `height` (its pixels unchanged). */
export function declaring(name: SizedImage, width: number, height: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(sized[name]);
  const view = new DataView(b.buffer);
  const sof = b.findIndex((byte, i) => byte === 0xff && (b[i + 1] === 0xc0 || b[i + 1] === 0xc2));
  switch (name) {
    case "jpeg":
    case "progressive jpeg":
      view.setUint16(sof + 5, height);
      view.setUint16(sof + 7, width);
      break;
    case "png": // IHDR's width and height, then its CRC (over type and data) made right again
      view.setUint32(16, width);
      view.setUint32(20, height);
      view.setUint32(29, zlib.crc32(b.subarray(12, 29)));
      break;
    case "gif": // the logical screen and the one frame
      view.setUint16(6, width, true);
      view.setUint16(8, height, true);
      view.setUint16(27 + 5, width, true);
      view.setUint16(27 + 7, height, true);
      break;
    case "lossy webp (VP8)":
      view.setUint16(26, width, true);
      view.setUint16(28, height, true);
      break;
    case "lossless webp (VP8L)":
      view.setUint32(21, ((width - 1) | ((height - 1) << 14)) >>> 0, true);
      break;
    case "webp with alpha (VP8X)":
      view.setUint16(24, (width - 1) & 0xffff, true);
      view.setUint8(26, (width - 1) >>> 16);
      view.setUint16(27, (height - 1) & 0xffff, true);
      view.setUint8(29, (height - 1) >>> 16);
      break;
  }
  return b;
}

export const notImages = {
  svg: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  "svg with an XML prolog": new TextEncoder().encode('<?xml version="1.0"?><svg onload="alert(1)"></svg>'),
  html: new TextEncoder().encode("<!doctype html><script>alert(1)</script>"),
  "plain text": new TextEncoder().encode("GIF89 is not quite a GIF"),
  "RIFF but not WebP (WAV)": new Uint8Array([0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x41, 0x56, 0x45]),
  "truncated PNG signature": new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  "one byte": new Uint8Array([0xff]),
};
