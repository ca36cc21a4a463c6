import { fileURLToPath } from "node:url";

export const TMP_DIR = fileURLToPath(new URL("../.tmp/", import.meta.url));
export const BASE_DB = `${TMP_DIR}base.db`;
/** The clock of the demo seed used by tests: Tuesday 10 March 2026, 08:00 in Vietnam. */
export const SEED_TIME = new Date("2026-03-10T01:00:00Z");
