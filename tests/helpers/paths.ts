import { fileURLToPath } from "node:url";

/** The folder of this test run (set by tests/global-setup.ts, so parallel runs never collide). */
export const TMP_DIR = process.env.RV_TEST_TMP ?? fileURLToPath(new URL("../.tmp/", import.meta.url));
export const BASE_DB = `${TMP_DIR}base.db`;
/** The clock of the demo seed used by tests: Tuesday 10 March 2026, 08:00 in Vietnam. */
export const SEED_TIME = new Date("2026-03-10T01:00:00Z");
