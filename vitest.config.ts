import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// On PostgreSQL (TEST_DATABASE=postgres, see tests/helpers/engine.ts) the tests that need no
// database, or that exercise SQLite itself (a killed server's WAL file, a server process on a new
// SQLite file, the declared types against SQLite's migrated schema and triggers), already ran in
// the SQLite pass.
const SQLITE_ONLY = process.env.TEST_DATABASE === "postgres" ? ["tests/unit/**", "tests/integration/durability.test.ts", "tests/integration/production.test.ts", "tests/integration/schema-types.test.ts"] : [];

// Separate from vite.config.ts: the Remix plugin must not run under vitest.
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    exclude: SQLITE_ONLY,
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    // The hostile-input suite collects garbage before it measures the server's memory.
    poolOptions: { forks: { execArgv: ["--expose-gc"] } },
  },
});
