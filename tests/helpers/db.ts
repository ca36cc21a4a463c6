import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { openDatabase, openPostgres, postgresPool } from "../../db/client";
import type { DB } from "../../db/schema";
import { pgAdmin, pgDatabaseUrl, pgRunPrefix, quoteIdent, TEST_ENGINE } from "./engine";
import { BASE_DB, TMP_DIR } from "./paths";

/**
 * A private copy of the migrated, seeded database: a real SQLite file per test, or on PostgreSQL
 * (TEST_DATABASE=postgres) a database created from the run's template, dropped again by
 * `db.destroy()`.
 */
export function freshDb(): DB {
  if (TEST_ENGINE === "postgres") return freshPostgresDb();
  const path = `${TMP_DIR}${randomUUID()}.db`;
  copyFileSync(BASE_DB, path);
  return openDatabase(path).db;
}

function freshPostgresDb(): DB {
  const name = `${pgRunPrefix()}${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const url = pgDatabaseUrl(name);
  return openPostgres(url, {
    // Created at the first query (freshDb stays synchronous); `create database … template` copies
    // the template's files, about as fast as copying the SQLite file.
    pool: async () => {
      await pgAdmin().query(`create database ${quoteIdent(name)} template ${quoteIdent(`${pgRunPrefix()}base`)}`);
      const pool = postgresPool(url, 10);
      const end = pool.end.bind(pool);
      pool.end = (async () => {
        await end();
        // Connections still closing are cut by the drop: expected here, not worth a log line.
        pool.removeAllListeners("error");
        pool.on("error", () => {});
        await pgAdmin().query(`drop database if exists ${quoteIdent(name)} with (force)`);
      }) as typeof pool.end;
      return pool;
    },
  });
}

export async function memberOf(db: DB, username: string) {
  return db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .innerJoin("organizations as o", "o.id", "m.org_id")
    .select(["m.id as membershipId", "u.id as userId", "o.id as orgId", "o.slug"])
    .where("u.username", "=", username)
    .executeTakeFirstOrThrow();
}
