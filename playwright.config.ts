import { defineConfig, devices } from "@playwright/test";

// A port per run (inherited by workers through the environment), so two runs on one machine
// do not collide.
process.env.E2E_PORT ??= String(3100 + (process.pid % 800));
const PORT = Number(process.env.E2E_PORT);
const isCI = Boolean(process.env.CI);

/**
 * Browser tests drive Debian's Chromium (`npx playwright install` cannot download here) against a
 * production build (`next start`) on a fresh PGlite directory, or on TEST_DATABASE_URL when
 * E2E_DATABASE=postgres. e2e/global-setup.ts starts Kamailio and refuses a non-local database.
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: `node e2e/fixtures/start-server.mjs ${PORT}`,
    url: `http://localhost:${PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    // start-server.mjs puts next-server in its own process group and stops it on SIGTERM;
    // Playwright's default SIGKILL would leave it running.
    gracefulShutdown: { signal: "SIGTERM", timeout: 5000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
