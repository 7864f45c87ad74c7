import { defineConfig, devices } from "@playwright/test";

// End-to-end tests run the PRODUCTION build through our own start script (`npm start`'s
// scripts/start.ts) against a fresh embedded Postgres in .data/e2e, on ports that do not
// clash with `npm start` (3000/5433) or `npm run dev`. HERALD_E2E_PORT / HERALD_E2E_PG_PORT
// move them, so that two checkouts can run their suites side by side.
const port = Number(process.env.HERALD_E2E_PORT ?? 3100);
const pgPort = Number(process.env.HERALD_E2E_PG_PORT ?? 5543);
const baseURL = `http://localhost:${port}`;

// Browsers are not downloaded here: Debian's Chromium is used instead (we run as root).
// Exported for the benchmark's chart (bench/chart.ts).
export const chromiumLaunchOptions = {
  executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "e2e",
  forbidOnly: !!process.env.CI,
  // One retry at most, on CI only. The line reporter lists a test that needed it as
  // "flaky"; under `npm run test:stress` (HERALD_FAIL_ON_FLAKY=1) it fails the run.
  retries: process.env.CI ? 1 : 0,
  failOnFlakyTests: process.env.HERALD_FAIL_ON_FLAKY === "1",
  workers: 2,
  fullyParallel: true,
  reporter: process.env.CI ? "line" : "list",
  // Tests with several browser contexts (editors, readers) on a busy 2-core machine, which
  // can be 20× slower than an idle one: an expectation waits up to 30 s for what it expects
  // (a passing one returns as soon as it holds), e.g. a reader's badge turning "Live" while
  // other suites build and run beside this one.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunchOptions } }],
  webServer: {
    command: "rm -rf .data/e2e && npm start",
    url: `${baseURL}/api/health`,
    // The suite signs up dozens of people from one address (see HERALD_SIGN_UPS_PER_HOUR).
    env: {
      HERALD_DATA_DIR: ".data/e2e",
      PORT: String(port),
      HERALD_PG_PORT: String(pgPort),
      HERALD_SIGN_UPS_PER_HOUR: "10000",
      HERALD_QUESTIONS_PER_ADDRESS: "10000",
    },
    // The start script builds first when the build is missing or stale.
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    // Like Ctrl-C on `npm start`: the script stops Next.js, then Postgres.
    gracefulShutdown: { signal: "SIGINT", timeout: 15_000 },
  },
});
