import { defineConfig, devices } from "@playwright/test";
import { E2E_BASE_URL, E2E_DATABASE_ENV, E2E_PORT } from "./tests/support/env";
import { E2E_MAIL_ENV } from "./tests/support/e2e-mail";

// Playwright cannot download browsers here: drive Debian's Chromium.
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"]],
  // One SMTP server for the run; the server's sender retries until it is up.
  globalSetup: "./tests/support/e2e-mail-server.ts",
  projects: [
    { name: "suite", testIgnore: /mail-outage\.spec\.ts/ },
    // The SMTP outage stops the server every test sends to, so it runs on its own, after everything else.
    { name: "mail outage", testMatch: /mail-outage\.spec\.ts/, dependencies: ["suite"] },
  ],
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "tsx --conditions=react-server scripts/e2e-server.ts",
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      ...E2E_DATABASE_ENV,
      AUTH_SECRET: "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
      AUTH_TRUST_HOST: "true",
      // Every test shares 127.0.0.1, so the per-client limit is raised; the per-account limits stay low to be testable.
      SIGNIN_LIMIT_ACCOUNT_CLIENT: "5",
      SIGNIN_LIMIT_CLIENT: "10000",
      SIGNIN_LIMIT_ACCOUNT: "8",
      JOIN_LIMIT_CLIENT: "10000",
      JOIN_LIMIT_ID: "5",
      ROOM_CLAIM_LIMIT: "4",
      // Low enough for tests/e2e/support-mail.spec.ts to reach with its own support account.
      SUPPORT_SEND_LIMIT: "5",
      ...E2E_MAIL_ENV,
    },
  },
});
