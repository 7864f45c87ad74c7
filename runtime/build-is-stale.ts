// Whether `next build` must run before the production server starts (`npm start`, the
// benchmark).
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/** True when there is no complete production build, or a source file changed after it. */
export function buildIsStale(): boolean {
  // Written at the end of a successful build (a failed one can leave BUILD_ID behind).
  const stamp = path.join(root, ".next/prerender-manifest.json");
  if (!fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  const sources = ["app", "components", "lib", "public", "next.config.ts", "package-lock.json", "prisma/schema.prisma"];
  const newer = (p: string): boolean => {
    const full = path.join(root, p);
    if (!fs.existsSync(full)) return false;
    const stat = fs.statSync(full);
    if (!stat.isDirectory()) return stat.mtimeMs > built;
    // Tests are not part of the build: adding one should not force a rebuild.
    const skip = (name: string) => name === "generated" || /\.test\.tsx?$/.test(name);
    return fs.readdirSync(full).some((name) => !skip(name) && newer(path.join(p, name)));
  };
  return sources.some(newer);
}
