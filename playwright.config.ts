import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
/** Where the e2e server records each form the browser submits (server/form-log.ts). */
const FORM_LOG = "tests/.tmp/e2e-forms.jsonl";

// Debian's Chromium, never a downloaded browser (see README "Tests").
export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  retries: 0,
  workers: 1,
  // After a whole run, fails when a form of the app was never submitted from the browser (README "Tests").
  reporter: [["list"], ["./tests/helpers/form-coverage-reporter.ts", { log: FORM_LOG }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `rm -f tests/.tmp/e2e.db* ${FORM_LOG} && node --import tsx server/index.ts`,
    url: `http://localhost:${PORT}/healthz`,
    // A fixed clock: Tuesday 10/03/2026 08:00 in Vietnam, running on from there.
    env: { PORT: String(PORT), DATABASE_URL: "tests/.tmp/e2e.db", APP_CLOCK_START: "2026-03-10T01:00:00Z", FORM_LOG },
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
