import Database from "better-sqlite3";

// What the app stored, read straight from the e2e server's database file (playwright.config.ts),
// read-only, so a test can check that what the page showed is what was written.
const FILE = "tests/.tmp/e2e.db";

export function stored<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(FILE, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
