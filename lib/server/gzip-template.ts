// Gzip for a body that changes per response only in a fixed-length filler between fixed
// parts: the page cache's pages, whose nonce is new for every response
// (lib/server/page-cache.ts). Compressing each response would cost more CPU than serving
// it (≈200 µs for a 25 KB page at level 6); this compresses the parts once, when the page
// is cached, and each response costs a CRC and a copy.
//
// How: one DEFLATE stream, cut at the fillers. Each part is compressed with everything
// before it as the preset dictionary, so it may refer back across the cuts just as one
// stream would, and ends on a byte boundary (a sync flush). Between parts, each response
// puts its filler in a stored (uncompressed) block. In the dictionary, the fillers are
// runs of one byte that appears in no part: a match needs equal bytes, so no part ever
// refers into a filler, and what it refers to is the same in every response.
//
// No `import "server-only"`: loaded by the production server under plain Node (see page-invalidation.ts).
import zlib from "node:zlib";

export type GzipTemplate = { segments: Buffer[]; fillerLength: number };

/** DEFLATE looks back at most 32 KiB: a longer dictionary is never used. */
const windowBytes = 32 * 1024;
/** A stored block holds at most 65,535 bytes. */
const maxFiller = 0xffff;
// ID1 ID2, DEFLATE, no flags, no time, no extra flags, OS unknown (RFC 1952).
const gzipHeader = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/**
 * The compressed parts, for responses whose fillers are `fillerLength` bytes long; null
 * when there is no byte to stand for the filler (every byte value occurs in the parts,
 * which valid UTF-8 text never does: it has no 0xFF).
 */
export function gzipTemplate(parts: readonly Buffer[], fillerLength: number, level = 9): GzipTemplate | null {
  if (parts.length === 0 || fillerLength > maxFiller) return null;
  const blank = absentByte(parts);
  if (blank === null) return null;
  const filler = Buffer.alloc(fillerLength, blank);
  const segments: Buffer[] = [];
  let before: Buffer = Buffer.alloc(0);
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const options: zlib.ZlibOptions = {
      level,
      finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
    };
    if (before.length > 0) options.dictionary = before;
    segments.push(zlib.deflateRawSync(part, options));
    if (!last) before = tail(Buffer.concat([before, part, filler]), windowBytes);
  });
  return { segments, fillerLength };
}

/** The gzip of the parts joined by `filler`, from their template. */
export function gzipJoin(template: GzipTemplate, parts: readonly Buffer[], filler: Buffer): Buffer {
  if (filler.length !== template.fillerLength || parts.length !== template.segments.length) {
    throw new Error("gzipJoin: the parts or the filler are not the ones the template was made for");
  }
  const chunks: Buffer[] = [gzipHeader];
  const stored = storedBlockHead(filler.length);
  let crc = 0;
  let size = 0;
  parts.forEach((part, i) => {
    if (i > 0) {
      chunks.push(stored, filler);
      crc = crcOf(filler, crc);
      size += filler.length;
    }
    chunks.push(template.segments[i]!);
    crc = crcOf(part, crc);
    size += part.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  chunks.push(trailer);
  return Buffer.concat(chunks);
}

/**
 * The CRC-32 carried on over `bytes`. Not for an empty buffer: its data pointer may be
 * null, and zlib's crc32() answers a null buffer with 0, the initial value, whatever
 * value it was given (seen on Node 20, after the buffer had been through a deflate).
 */
function crcOf(bytes: Buffer, crc: number): number {
  return bytes.length === 0 ? crc : zlib.crc32(bytes, crc);
}

/**
 * A non-final stored block's head. The segment before it ended with a sync flush, on a
 * byte boundary: three header bits (BFINAL 0, BTYPE 00), padding, then LEN and NLEN.
 */
function storedBlockHead(length: number): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt16LE(length, 1);
  head.writeUInt16LE(~length & 0xffff, 3);
  return head;
}

function absentByte(parts: readonly Buffer[]): number | null {
  const seen = new Uint8Array(256);
  for (const part of parts) for (const byte of part) seen[byte] = 1;
  // 0xFF first: never in UTF-8.
  for (let byte = 255; byte >= 0; byte--) if (!seen[byte]) return byte;
  return null;
}

function tail(buffer: Buffer, length: number): Buffer {
  return buffer.length > length ? buffer.subarray(buffer.length - length) : buffer;
}

/** Whether an Accept-Encoding header lets the response be gzip (RFC 9110 §12.5.3). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let any: boolean | undefined;
  for (const item of header.split(",")) {
    const [name = "", ...params] = item.split(";");
    const coding = name.trim().toLowerCase();
    const q = params.map((param) => param.trim().toLowerCase()).find((param) => param.startsWith("q="));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (coding === "gzip" || coding === "x-gzip") return accepted;
    if (coding === "*") any = accepted;
  }
  return any ?? false;
}
