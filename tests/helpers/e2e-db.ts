import Database from "better-sqlite3";
import { rmSync } from "node:fs";
import pg from "pg";
import { pgDatabaseUrl, quoteIdent, TEST_ENGINE, testPgUrl } from "./engine";

/**
 * The e2e server's database (playwright.config.ts), on the engine of the run: a SQLite file, or with
 * TEST_DATABASE=postgres and TEST_PG_URL a database `rv_e2e_<port>` on that cluster. One per port,
 * dropped and made again before the server starts (`node --import tsx tests/helpers/e2e-db-reset.ts`),
 * so a run starts from an empty database that the server migrates and seeds with the demo data.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_SQLITE_PATH = "tests/.tmp/e2e.db";
/** FILES_DIR of the e2e server (attachments, photos), emptied with the database. */
export const E2E_FILES_DIR = "tests/.tmp/e2e-files";

export function e2eDatabaseName(): string {
  return `rv_e2e_${E2E_PORT}`;
}

/** DATABASE_URL for the e2e server. */
export function e2eDatabaseUrl(): string {
  return TEST_ENGINE === "postgres" ? pgDatabaseUrl(e2eDatabaseName()) : E2E_SQLITE_PATH;
}

/** Removes the previous run's database and files and, on PostgreSQL, creates an empty database. */
export async function resetE2eDatabase(): Promise<void> {
  rmSync(E2E_FILES_DIR, { recursive: true, force: true });
  if (TEST_ENGINE !== "postgres") {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${E2E_SQLITE_PATH}${suffix}`, { force: true });
    return;
  }
  const admin = new pg.Client({ connectionString: testPgUrl() });
  await admin.connect();
  try {
    const name = quoteIdent(e2eDatabaseName());
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
}

// Numbers as SQLite gives them: pg returns bigint (count(*), sums of integers) and numeric as
// strings, and a boolean expression (`x is not null`) as true/false where SQLite gives 1/0. The
// stored booleans are integers on both engines; only expressions in the tests' SQL are converted.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const BOOL_OID = 16;
const readerTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
    if (oid === BOOL_OID) return (v: string) => (v === "t" ? 1 : 0);
    return pg.types.getTypeParser(oid, format as "text");
  },
} as pg.CustomTypesConfig;

/** `?` placeholders (outside quoted strings and identifiers) as PostgreSQL's `$1`, `$2`, … */
export function toPgPlaceholders(query: string): string {
  let out = "";
  let n = 0;
  let quote: string | null = null;
  for (const ch of query) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === "?") {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  return out;
}

let pool: pg.Pool | undefined;

/**
 * Runs one read on the e2e database and returns its rows, the same shapes on both engines. Call it
 * after the action has finished on the page: on SQLite a new read-only connection sees every
 * committed write (WAL); on PostgreSQL every statement does (READ COMMITTED).
 */
export async function readE2eRows<T>(query: string, params: unknown[]): Promise<T[]> {
  if (TEST_ENGINE !== "postgres") {
    const db = new Database(E2E_SQLITE_PATH, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(query).all(...params) as T[];
    } finally {
      db.close();
    }
  }
  pool ??= new pg.Pool({ connectionString: e2eDatabaseUrl(), max: 2, types: readerTypes, idleTimeoutMillis: 1000, allowExitOnIdle: true });
  const { rows } = await pool.query(toPgPlaceholders(query), params);
  return rows as T[];
}

