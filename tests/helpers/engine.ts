import pg from "pg";

/**
 * Which engine the tests run on: TEST_DATABASE=postgres with TEST_PG_URL (an admin URL of a
 * throwaway cluster, e.g. from scripts/pg-throwaway.sh) runs them on PostgreSQL; SQLite otherwise.
 */
export const TEST_ENGINE: "sqlite" | "postgres" = process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";

export function testPgUrl(): string {
  const url = process.env.TEST_PG_URL;
  if (!url) throw new Error("TEST_DATABASE=postgres needs TEST_PG_URL (an admin URL, e.g. postgres://postgres@127.0.0.1:5432/postgres)");
  return url;
}

/** The URL of database `name` on the test cluster. */
export function pgDatabaseUrl(name: string): string {
  const u = new URL(testPgUrl());
  u.pathname = `/${name}`;
  return u.href;
}

/** Names of this run's databases: rv_<run>_base is the migrated and seeded template. */
export function pgRunPrefix(): string {
  const run = process.env.RV_TEST_PG_RUN;
  if (!run) throw new Error("RV_TEST_PG_RUN is set by tests/global-setup.ts");
  return `rv_${run}_`;
}

let admin: pg.Pool | undefined;
/** A small pool on the cluster's admin database, for create/drop database (one per test process). */
export function pgAdmin(): pg.Pool {
  admin ??= new pg.Pool({ connectionString: testPgUrl(), max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true });
  return admin;
}

/** A database name is a plain identifier here; quote it anyway. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
