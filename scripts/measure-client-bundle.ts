// The JavaScript a reader's browser downloads for /e/<slug>, gzipped, from the production
// build in .next (run `npx next build` first): `npx tsx scripts/measure-client-bundle.ts`.
// Counts Next's and React's runtime (loaded by every page) apart from what the event page
// itself adds (the live feed and its components), since only the latter is ours to keep small.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";

const root = path.join(import.meta.dirname, "..");
const next = path.join(root, ".next");
const route = process.argv[2] ?? "/(reader)/e/[slug]/page";

type ClientManifest = Record<string, { entryJSFiles: Record<string, string[]> }>;

function gzipped(file: string): number {
  return gzipSync(fs.readFileSync(path.join(next, file)), { level: 9 }).length;
}

const buildManifest = JSON.parse(fs.readFileSync(path.join(next, "build-manifest.json"), "utf8")) as {
  rootMainFiles: string[];
};
// The client reference manifest is a script that assigns to globalThis.__RSC_MANIFEST.
const manifestFile = path.join(next, "server", "app", `${route}_client-reference-manifest.js`);
(globalThis as { self?: unknown }).self = globalThis;
createRequire(import.meta.url)(manifestFile);
const manifest = (globalThis as unknown as { __RSC_MANIFEST: ClientManifest }).__RSC_MANIFEST[route];
if (!manifest) throw new Error(`No client manifest for ${route}`);

const runtime = new Set(buildManifest.rootMainFiles);
// The page's layouts (its route group's root layout, which holds the catalogue's provider).
const layout = new Set(
  Object.entries(manifest.entryJSFiles)
    .filter(([entry]) => entry.endsWith("/layout"))
    .flatMap(([, files]) => files),
);
const page = new Set((manifest.entryJSFiles[`[project]/app${route}`] ?? []).filter((f) => !layout.has(f)));
for (const file of page) runtime.delete(file);

const sum = (files: Set<string>) => [...files].reduce((total, file) => total + gzipped(file), 0);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const figures = { runtime: sum(runtime), layout: sum(layout), page: sum(page) };
console.log(`Client JavaScript for ${route} (gzip -9):`);
console.log(`  Next.js + React runtime (every page): ${kib(figures.runtime)}`);
console.log(`  root layout:                          ${kib(figures.layout)}`);
console.log(`  the event page (live feed):           ${kib(figures.page)}  [${[...page].join(", ")}]`);
console.log(`  total:                                ${kib(figures.runtime + figures.layout + figures.page)}`);
