import { randomBytes } from "node:crypto";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, gzipJoin, gzipTemplate } from "./gzip-template";

const nonce = () => Buffer.from(randomBytes(16).toString("base64"));
const join = (parts: Buffer[], filler: Buffer) => Buffer.concat(parts.flatMap((p, i) => (i ? [filler, p] : [p])));

/** A pseudo-random generator, so that a failing case can be run again. */
function random(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/**
 * Parts made of a few fragments repeated, so DEFLATE finds matches everywhere: across the
 * cuts, and against text like what stands around a nonce (`nonce="`, base64 characters).
 */
function pageLike(seed: number): Buffer[] {
  const next = random(seed);
  const fragments = [
    '<script nonce="',
    '">self.__next_f.push([1,"',
    "Live: the keynote begins",
    nonce().toString(),
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=",
    "é — “quoted” 🚀",
    "\n",
  ];
  const count = 1 + Math.floor(next() * 25);
  return Array.from({ length: count }, () => {
    const length = next() < 0.15 ? 0 : Math.floor(next() * 3_000);
    let text = "";
    while (text.length < length) text += fragments[Math.floor(next() * fragments.length)];
    return Buffer.from(text);
  });
}

describe("gzip of a page whose nonce changes per response", () => {
  it("decodes to the parts joined by each response's nonce, whatever the parts", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const parts = pageLike(seed);
      const template = gzipTemplate(parts, 24)!;
      for (const filler of [nonce(), nonce()]) {
        const body = gzipJoin(template, parts, filler);
        // gunzip checks the CRC and the length in the trailer, too.
        expect(zlib.gunzipSync(body).equals(join(parts, filler)), `seed ${seed}`).toBe(true);
      }
    }
  });

  it("refers back further than 32 KiB of parts only within DEFLATE's window", () => {
    const chapter = Buffer.from("An update long enough to repeat. ".repeat(1_500)); // ≈50 KB
    const parts = [chapter, chapter, Buffer.alloc(0), chapter, Buffer.from("end")];
    const filler = nonce();
    const body = gzipJoin(gzipTemplate(parts, filler.length)!, parts, filler);
    expect(zlib.gunzipSync(body).equals(join(parts, filler))).toBe(true);
    expect(body.length).toBeLessThan(join(parts, filler).length / 50);
  });

  it("compresses almost as well as gzip of the whole page", () => {
    const parts = pageLike(7).concat(pageLike(8));
    const filler = nonce();
    const page = join(parts, filler);
    const whole = zlib.gzipSync(page, { level: 9 });
    const body = gzipJoin(gzipTemplate(parts, filler.length)!, parts, filler);
    // Each cut ends a block: a sync flush, the next block's Huffman tables, the nonce's
    // stored block head. (Herald's demo event page: 25,439 bytes, 6,121 gzipped this way,
    // 5,319 as a whole.)
    expect(body.length).toBeLessThan(whole.length + parts.length * 64);
    expect(body.length).toBeLessThan(page.length / 5);
  });

  it("serves a single part (a page without a nonce) as plain gzip", () => {
    const parts = [Buffer.from("<rss>".repeat(100))];
    const body = gzipJoin(gzipTemplate(parts, 24)!, parts, nonce());
    expect(zlib.gunzipSync(body).toString()).toBe("<rss>".repeat(100));
  });

  it("declines when no byte value is free to stand for the nonce, or the nonce cannot be stored", () => {
    const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(gzipTemplate([everyByte, Buffer.from("x")], 24)).toBeNull();
    expect(gzipTemplate([Buffer.from("a"), Buffer.from("b")], 70_000)).toBeNull();
    expect(gzipTemplate([], 24)).toBeNull();
  });

  it("refuses a nonce of another length, rather than send a broken body", () => {
    const parts = [Buffer.from("a"), Buffer.from("b")];
    expect(() => gzipJoin(gzipTemplate(parts, 24)!, parts, Buffer.from("short"))).toThrow(/not the ones/);
  });
});

describe("acceptsGzip", () => {
  it.each([
    ["gzip, deflate, br, zstd", true], // Chromium
    ["gzip, deflate, br", true],
    ["GZIP", true],
    ["x-gzip", true],
    ["br;q=1.0, gzip;q=0.8, *;q=0.1", true],
    ["*", true],
    ["gzip;q=0", false],
    ["gzip; q=0.000", false],
    ["*;q=0", false],
    ["br, *;q=0", false],
    ["identity", false],
    ["deflate, br", false],
    ["", false],
    [undefined, false],
  ])("%s → %s", (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
