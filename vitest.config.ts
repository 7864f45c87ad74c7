import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

// Unit and integration tests against one real (embedded) Postgres for the whole run.
// e2e/ belongs to Playwright and is never collected here.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // lib modules start with `import "server-only"`, which throws outside Next's
      // react-server build; in tests it is the package's empty module.
      { find: /^server-only$/, replacement: path.join(root, "node_modules/server-only/empty.js") },
      // next-intl/server's getTranslations works only inside Next: test/next-intl-server.ts
      // gives server actions called from a test the same catalogue's translator.
      { find: /^next-intl\/server$/, replacement: `${root}/test/next-intl-server.ts` },
    ],
  },
  test: {
    environment: "node",
    include: [
      "lib/**/*.test.ts",
      "app/**/*.test.ts",
      "test/**/*.test.ts",
      "bench/**/*.test.ts",
      "scripts/**/*.test.ts",
      "runtime/**/*.test.ts",
    ],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    // The machine is shared and can slow down 20x: Postgres start-up, argon2 and contended
    // commits. A test that passes takes no longer for these; only a failure waits them out.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
