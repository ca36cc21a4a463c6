import { defineConfig } from "@playwright/test";
import { E2E_FILES_DIR, E2E_PORT as PORT, e2eDatabaseUrl } from "./tests/helpers/e2e-db";

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
    // A fresh database first, on the engine of the run (TEST_DATABASE=postgres with TEST_PG_URL:
    // a database rv_e2e_<port> on that cluster; SQLite otherwise): the server migrates and seeds it.
    command: `rm -f ${FORM_LOG} && node --import tsx tests/helpers/e2e-db-reset.ts && node --import tsx server/index.ts`,
    url: `http://localhost:${PORT}/healthz`,
    // A fixed clock: Tuesday 10/03/2026 08:00 in Vietnam, running on from there.
    env: { PORT: String(PORT), DATABASE_URL: e2eDatabaseUrl(), FILES_DIR: E2E_FILES_DIR, APP_CLOCK_START: "2026-03-10T01:00:00Z", FORM_LOG },
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
