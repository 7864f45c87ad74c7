// A seeded source of hostile input for the fuzz tests: the same seed, the same inputs, so
// a failure reproduces with HERALD_FUZZ_SEED=<the seed it printed>.

export type Random = {
  seed: number;
  int: (max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
  string: () => string;
  value: () => unknown;
  json: () => string;
  bytes: () => Uint8Array;
  query: () => string;
  headerValue: () => string;
};

/** mulberry32: tiny, fast and good enough to pick test inputs. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters that have broken parsers before: lone surrogates, NUL and controls, RTL and
// zero-width marks, combining marks, emoji, quotes and markup, path tricks.
const nasty = [
  "\uD800",
  "\uDFFF",
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\u202E",
  "\u200F",
  "\u200B",
  "\uFEFF",
  "\u0301\u0301\u0301",
  "👩‍👩‍👧‍👦",
  "𝕳",
  "'",
  '"',
  "<script>",
  "</",
  "{{",
  "${",
  "%",
  "%00",
  "%FF%FE",
  "%zz",
  "../",
  "..\\",
  "\r\n",
  "\\",
  "null",
  "-1",
  "1e309",
  "NaN",
  "9".repeat(30),
];

export function random(seed: number): Random {
  const next = mulberry32(seed);
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]) => items[int(items.length)]!;
  const chance = (p: number) => next() < p;

  function string(): string {
    switch (int(6)) {
      case 0:
        return "";
      case 1: // huge
        return pick(["x", "é", "💥", "\u0000", "<"]).repeat(pick([1_000, 20_001, 70_000, 300_000]));
      case 2:
        return Array.from({ length: 1 + int(8) }, () => pick(nasty)).join("");
      case 3:
        return String.fromCharCode(...Array.from({ length: int(40) }, () => int(0x10000)));
      default: {
        const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_ .:/@";
        return Array.from({ length: int(30) }, () => (chance(0.1) ? pick(nasty) : pick([...alphabet]))).join("");
      }
    }
  }

  function value(depth = 0): unknown {
    switch (int(depth > 2 ? 7 : 9)) {
      case 0:
        return null;
      case 1:
        return chance(0.5);
      case 2:
        return pick([0, -1, 1, 1.5, 2 ** 31, -(2 ** 53), Number.MAX_VALUE, 1e-300]);
      case 3:
      case 4:
      case 5:
        return string();
      case 6:
        return undefined;
      case 7:
        return Array.from({ length: int(4) }, () => value(depth + 1));
      default: {
        const keys = ["body", "headline", "version", "typing", "__proto__", "constructor", string()];
        return Object.fromEntries(Array.from({ length: int(5) }, () => [pick(keys), value(depth + 1)]));
      }
    }
  }

  function json(): string {
    const valid = JSON.stringify(value()) ?? "null";
    switch (int(5)) {
      case 0:
        return valid.slice(0, int(valid.length + 1)); // truncated
      case 1:
        return `{"body": "x", "body": ${valid}`;
      case 2:
        return pick(["", " ", "{", "[", "undefined", "NaN", "{'a':1}", '{"a":1}}', "\u0000", "[".repeat(100_000)]);
      default:
        return valid;
    }
  }

  function bytes(): Uint8Array {
    // Invalid UTF-8: lone continuation bytes, overlongs, surrogates encoded, truncated sequences.
    const bad = [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xff], [0xfe]];
    const out: number[] = [];
    for (let i = int(20); i >= 0; i--) out.push(...(chance(0.5) ? pick(bad) : [0x7b, 0x22, 0x61, 0x22]));
    return new Uint8Array(out);
  }

  function query(): string {
    return (
      pick(["%", "%FF", "%C0%AF", "%ED%A0%80", "%00", "-1", "1e3", "0x10", "99999999999", "1.5", " 1", ""]) +
      (chance(0.3) ? string().slice(0, 50) : "")
    );
  }

  function headerValue(): string {
    // Headers carry bytes 0x20–0xFF only (fetch refuses the rest before a server would see them).
    return Array.from({ length: int(30) }, () => String.fromCharCode(0x21 + int(0xdf)).replace("\u007f", "~")).join("");
  }

  return { seed, int, pick, chance, string, value, json, bytes, query, headerValue };
}

/** A fixed seed, so `npm test` always throws the same inputs; HERALD_FUZZ_SEED explores others. */
export function fuzzSeed(): number {
  const raw = process.env.HERALD_FUZZ_SEED;
  return raw ? Number(raw) : 20261121;
}
