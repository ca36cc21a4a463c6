import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);

// Debian's Chromium, never a downloaded browser (see README "Tests").
export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [["list"]],
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
    command: "rm -f tests/.tmp/e2e.db* && node --import tsx server/index.ts",
    url: `http://localhost:${PORT}/healthz`,
    // A fixed clock: Tuesday 10/03/2026 08:00 in Vietnam, running on from there.
    env: { PORT: String(PORT), DATABASE_URL: "tests/.tmp/e2e.db", APP_CLOCK_START: "2026-03-10T01:00:00Z" },
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
