import { mkdirSync, rmSync } from "node:fs";
import { openDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { seedDemoIfEmpty } from "../db/seed/index";
import { BASE_DB, SEED_TIME, TMP_DIR } from "./helpers/paths";

// One migrated and seeded database file per run; every test copies it (tests/helpers/db.ts).
export default async function setup() {
  rmSync(TMP_DIR, { recursive: true, force: true });
  mkdirSync(TMP_DIR, { recursive: true });
  const { db } = openDatabase(BASE_DB);
  await migrateToLatest(db);
  await seedDemoIfEmpty(db, SEED_TIME);
  await db.destroy();
  return () => rmSync(TMP_DIR, { recursive: true, force: true });
}
