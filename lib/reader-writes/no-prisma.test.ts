import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The stream tier runs its statements on lib/sql.ts alone: Prisma's query compiler would
// cost each of its processes about 50 MB (docs/performance.md). The readers' reactions and
// votes it answers itself must stay so: no module their handlers import may reach Prisma.

const root = path.resolve(import.meta.dirname, "../..");
const forbidden = [/^lib\/db\.ts$/, /^lib\/generated\/prisma\//];
const forbiddenPackages = /^@prisma\//;

/** Static and dynamic imports and re-exports that load code (`import type` loads nothing). */
const specifiers =
  /(?:^|\n)\s*(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${path.relative(root, from)} imports ${specifier}, which does not resolve`);
}

/** The chain of imports from `entry` to a forbidden module, or null. */
function pathToPrisma(entry: string): string[] | null {
  const via = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  const chain = (file: string, last: string) => {
    const links = [last];
    for (let at: string | null = file; at; at = via.get(at) ?? null) links.unshift(path.relative(root, at));
    return links;
  };
  while (queue.length) {
    const file = queue.shift()!;
    const source = fs.readFileSync(file, "utf8");
    for (const match of source.matchAll(specifiers)) {
      const specifier = (match[1] ?? match[2])!;
      if (forbiddenPackages.test(specifier)) return chain(file, specifier);
      const target = resolve(file, specifier);
      if (!target || via.has(target)) continue;
      if (forbidden.some((rule) => rule.test(path.relative(root, target))))
        return chain(file, path.relative(root, target));
      via.set(target, file);
      queue.push(target);
    }
  }
  return null;
}

describe("the readers' writes the stream tier answers", () => {
  it("never import Prisma", () => {
    expect(pathToPrisma(path.join(root, "lib/reader-writes/routes.ts"))).toBeNull();
  });

  it("are read right: the newsroom's routes do reach it", () => {
    const chain = pathToPrisma(path.join(root, "lib/posts/publish-post.ts"));
    expect(chain?.at(-1)).toMatch(/^lib\/db\.ts$|^lib\/generated\/prisma\/|^@prisma\//);
  });
});
