import { mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { sql } from "kysely";
import { APP_ROLE, openDatabase, openPostgres } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import type { DB } from "../db/schema";
import { seedDemoIfEmpty } from "../demo/seed/index";
import { pgDatabaseUrl, quoteIdent, TEST_ENGINE, testPgUrl } from "./helpers/engine";

// One migrated and seeded database per run, in a folder of its own (two runs at once never share
// one); every test copies it (tests/helpers/db.ts). On PostgreSQL (TEST_DATABASE=postgres) the
// base is a template database rv_<run>_base, and every database of the run is dropped at the end.
export default async function setup() {
  const dir = fileURLToPath(new URL(`./.tmp/run-${process.pid}/`, import.meta.url));
  process.env.RV_TEST_TMP = dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let db: DB;
  let dropAll = async () => {};
  if (TEST_ENGINE === "postgres") {
    const run = `${process.pid}_${Date.now().toString(36)}`;
    process.env.RV_TEST_PG_RUN = run;
    const prefix = `rv_${run}_`;
    const admin = new pg.Pool({ connectionString: testPgUrl(), max: 1 });
    await admin.query(`create database ${quoteIdent(`${prefix}base`)}`);
    db = openPostgres(pgDatabaseUrl(`${prefix}base`), { max: 1 });
    dropAll = async () => {
      const { rows } = await admin.query<{ datname: string }>("select datname from pg_database where starts_with(datname, $1)", [prefix]);
      for (const { datname } of rows) await admin.query(`drop database if exists ${quoteIdent(datname)} with (force)`);
      await admin.end();
    };
  } else {
    db = openDatabase(`${dir}base.db`).db;
  }
  await migrateToLatest(db);
  // The server under test connects as the app's role itself, as an operator's DATABASE_URL would
  // (the migration above created it without login; the throwaway cluster trusts local logins).
  if (TEST_ENGINE === "postgres") await sql`alter role ${sql.id(APP_ROLE)} login`.execute(db);
  // Same instant as SEED_TIME in tests/helpers/paths.ts.
  await seedDemoIfEmpty(db, new Date("2026-03-10T01:00:00Z"));
  await db.destroy();
  return async () => {
    await dropAll();
    rmSync(dir, { recursive: true, force: true });
  };
}
