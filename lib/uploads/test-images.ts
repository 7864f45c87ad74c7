// Smallest byte strings that carry each format's signature: sniffing reads no further.
export const images = {
  jpeg: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]),
  png: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  gif: new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0, 0]),
  webp: new Uint8Array([0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20]),
};

export const notImages = {
  svg: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  "svg with an XML prolog": new TextEncoder().encode('<?xml version="1.0"?><svg onload="alert(1)"></svg>'),
  html: new TextEncoder().encode("<!doctype html><script>alert(1)</script>"),
  "plain text": new TextEncoder().encode("GIF89 is not quite a GIF"),
  "RIFF but not WebP (WAV)": new Uint8Array([0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x41, 0x56, 0x45]),
  "truncated PNG signature": new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  "one byte": new Uint8Array([0xff]),
};
