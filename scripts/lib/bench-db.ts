// Databases for the benchmarks on either engine: a fresh PostgreSQL database migrated by its owner
// with the app's login role ready (as an operator sets it up, docs/decisions/0033), and a copy of a
// SQLite file's rows into it through Kysely, so that both engines are measured on the same data.
import Database from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import { APP_ROLE, openPostgres } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import type { DB } from "../../db/schema";

/** The PostgreSQL URL given by --pg-url, else TEST_PG_URL (scripts/pg-throwaway.sh prints it). */
export function pgBaseUrl(flag: string | undefined): string {
  const url = flag ?? process.env.TEST_PG_URL;
  if (!url) {
    console.error('--engine postgres needs --pg-url or TEST_PG_URL (eval "$(bash scripts/pg-throwaway.sh start)")');
    process.exit(2);
  }
  return url;
}

export interface BenchPostgres {
  /** The tables' owner: migrations, loading, checks. */
  ownerUrl: string;
  /** The app's login (APP_ROLE): what the server connects as. */
  appUrl: string;
  owner: DB;
  /** Closes the owner's connection and drops the database. */
  drop(): Promise<void>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates database `name` on the cluster of `baseUrl` (dropping one left over), migrates it as the
 * URL's user (its owner) and makes the app's role a login (the throwaway cluster trusts local logins).
 */
export async function createPostgresDatabase(baseUrl: string, name: string): Promise<BenchPostgres> {
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`drop database if exists ${quote(name)} with (force)`);
  await admin(`create database ${quote(name)}`);
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  const ownerUrl = u.href;
  const owner = openPostgres(ownerUrl, { max: 4 });
  await migrateToLatest(owner);
  await sql`alter role ${sql.id(APP_ROLE)} login`.execute(owner);
  u.username = APP_ROLE;
  u.password = "";
  return {
    ownerUrl,
    appUrl: u.href,
    owner,
    drop: async () => {
      await owner.destroy();
      await admin(`drop database if exists ${quote(name)} with (force)`);
    },
  };
}

/**
 * Copies every row of a migrated SQLite file into a PostgreSQL database migrated by the same tree
 * (`owner`: the tables' owner, not subject to row-level security): table by table, parents before
 * children (the foreign keys SQLite knows), in multi-row INSERTs through Kysely; then ANALYZE, the
 * statistics autovacuum would have. Rows the migrations themselves wrote are left as they are.
 * Returns the number of rows copied.
 */
export async function copySqliteToPostgres(path: string, owner: DB, log: (line: string) => void = () => {}): Promise<number> {
  const src = new Database(path, { readonly: true });
  try {
    const tables = (src.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name").all() as { name: string }[]).map((r) => r.name);
    const parents = new Map(
      tables.map((t) => [t, new Set((src.pragma(`foreign_key_list(${quote(t)})`) as { table: string }[]).map((f) => f.table).filter((p) => p !== t && tables.includes(p)))]),
    );
    const order: string[] = [];
    const visit = (t: string, path: string[] = []) => {
      if (order.includes(t)) return;
      if (path.includes(t)) throw new Error(`foreign keys in a cycle: ${[...path, t].join(" → ")}`);
      for (const p of parents.get(t) ?? []) visit(p, [...path, t]);
      order.push(t);
    };
    for (const t of tables) visit(t);
    let total = 0;
    for (const table of order) {
      const t0 = performance.now();
      const columns = (src.pragma(`table_info(${quote(table)})`) as { name: string }[]).length;
      // PostgreSQL takes at most 65,535 parameters a statement.
      const batch = Math.max(1, Math.floor(30_000 / columns));
      let rows: Record<string, unknown>[] = [];
      let n = 0;
      const flush = async () => {
        if (!rows.length) return;
        // Generic over the schema's tables: the rows are the SQLite file's own.
        await owner
          .insertInto(table as "tasks")
          .values(rows as never)
          .onConflict((oc) => oc.doNothing())
          .execute();
        n += rows.length;
        rows = [];
      };
      for (const row of src.prepare(`select * from ${quote(table)}`).iterate() as Iterable<Record<string, unknown>>) {
        rows.push(row);
        if (rows.length >= batch) await flush();
      }
      await flush();
      total += n;
      if (n) log(`${table.padEnd(30)} ${String(n).padStart(9)} rows  ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    await sql`analyze`.execute(owner);
    return total;
  } finally {
    src.close();
  }
}
