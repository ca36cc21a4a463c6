import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { APP_ROLE, openDatabase, openPostgres, postgresPool } from "../../db/client";
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
  const { db } = openDatabase(path);
  sqlitePaths.set(db, path);
  return db;
}

/** The file of each SQLite database made by freshDb. */
const sqlitePaths = new WeakMap<DB, string>();

/**
 * What a server process started by a test needs to open a database from `freshDb`, as an operator
 * would configure it: the file's path on SQLite; on PostgreSQL the app's login role (APP_ROLE) in
 * DATABASE_URL and the owner in DATABASE_OWNER_URL (migrations). The database exists on return.
 */
export async function serverDatabaseEnv(db: DB): Promise<Record<string, string>> {
  const path = sqlitePaths.get(db);
  if (path) return { DATABASE_URL: path };
  const name = pgNames.get(db);
  if (!name) throw new Error("not a database from freshDb");
  await sql`select 1`.execute(db);
  const owner = pgDatabaseUrl(name);
  const app = new URL(owner);
  app.username = APP_ROLE;
  app.password = "";
  return { DATABASE_URL: app.href, DATABASE_OWNER_URL: owner };
}

/** The database name of each PostgreSQL database made by freshDb. */
const pgNames = new WeakMap<DB, string>();

/**
 * The app's connection to a database from `freshDb`, as the server has it: on PostgreSQL a pool
 * that logs in as the app's role (APP_ROLE, made a login role by tests/global-setup.ts) and binds
 * each connection to the current centre, so that row-level security applies (decision 0033); on
 * SQLite `db` itself. Destroy it before `db`.
 */
export function appDbFor(db: DB, opts: { max?: number } = {}): DB {
  const name = pgNames.get(db);
  if (!name) return db;
  const u = new URL(pgDatabaseUrl(name));
  u.username = APP_ROLE;
  u.password = "";
  return openPostgres(u.href, {
    app: true,
    pool: async () => {
      await sql`select 1`.execute(db); // creates the database
      const pool = postgresPool(u.href, opts.max ?? 10);
      const end = pool.end.bind(pool);
      pool.end = (async () => {
        await end();
        // pg's end() resolves before the sockets close; the drop that follows may cut them.
        pool.removeAllListeners("error");
        pool.on("error", () => {});
      }) as typeof pool.end;
      return pool;
    },
  });
}

function freshPostgresDb(): DB {
  const name = `${pgRunPrefix()}${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const url = pgDatabaseUrl(name);
  const db = openPostgres(url, {
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
  pgNames.set(db, name);
  return db;
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
