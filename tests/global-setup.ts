import { mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { seedDemoIfEmpty } from "../demo/seed/index";

// One migrated and seeded database file per run, in a folder of its own (two runs at once never
// share one); every test copies it (tests/helpers/db.ts).
export default async function setup() {
  const dir = fileURLToPath(new URL(`./.tmp/run-${process.pid}/`, import.meta.url));
  process.env.RV_TEST_TMP = dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { db } = openDatabase(`${dir}base.db`);
  await migrateToLatest(db);
  // Same instant as SEED_TIME in tests/helpers/paths.ts.
  await seedDemoIfEmpty(db, new Date("2026-03-10T01:00:00Z"));
  await db.destroy();
  return () => rmSync(dir, { recursive: true, force: true });
}
