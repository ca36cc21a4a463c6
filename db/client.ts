import Database from "better-sqlite3";
import { Kysely, sql, SqliteDialect } from "kysely";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { DB, Database as Schema } from "./schema";

export const DEFAULT_DATABASE_PATH = "data/app.db";

/** Resolves DATABASE_URL (a file path or file: URL) to a SQLite file path. */
export function databasePath(url: string | undefined): string {
  if (!url) return DEFAULT_DATABASE_PATH;
  if (url.startsWith("file:")) return url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
  return url;
}

/**
 * Opens a SQLite file with the settings of architecture.md: WAL, foreign keys, busy timeout and
 * synchronous=FULL so that an acknowledged write survives a power cut.
 */
export function openDatabase(path: string): { db: DB; sqlite: Database.Database } {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = FULL");
  // Query-planner statistics: without them SQLite assumes `org_id = ?` is selective and scans a
  // whole centre's tasks. 0x10002 analyses tables that need it at open; analysis_limit bounds each
  // ANALYZE to a sample of every index (SQLite's advice for long-lived connections): a full ANALYZE
  // of a table of millions of rows would hold the event loop for seconds.
  sqlite.pragma("analysis_limit = 1000");
  sqlite.pragma("optimize = 0x10002");
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, sqlite };
}

/** Refreshes query-planner statistics where they are stale (run by the scheduler). */
export function optimizeDatabase(db: DB): Promise<void> {
  return sql`pragma optimize`.execute(db).then(() => undefined);
}
