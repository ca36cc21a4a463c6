import Database from "better-sqlite3";
import type { Insertable } from "kysely";
import type { Database as Schema } from "./schema";

/**
 * Bulk loading into a SQLite file, for generated data sets (scripts/scale-generate.ts), never for
 * the app: journal and fsync off while loading (a crash leaves a file to delete, not to trust), one
 * prepared INSERT per table reused for every row, transactions of many rows, and the secondary
 * indexes dropped while loading and built again at the end (sorting once is several times faster
 * than keeping sixty B-trees up to date row by row). SQLite-specific, hence here in db/.
 * `finish()` rebuilds the indexes (unique ones check their rows then), refreshes the planner's
 * statistics and leaves the file in WAL mode as the app opens it (db/client.ts).
 */
export interface BulkWriter {
  insert<T extends keyof Schema & string>(table: T, row: Insertable<Schema[T]>): void;
  /** Rows written so far, per table. */
  counts: Map<string, number>;
  /** Rows written so far, all tables. */
  total(): number;
  begin(): void;
  commit(): void;
  /** Plain SQL for what the generator reads back (small look-ups). */
  all<R>(sql: string, ...params: unknown[]): R[];
  /** Builds the indexes again (`log` hears of those that took at least `minSeconds`), analyses, closes. */
  finish(log?: (line: string) => void, minSeconds?: number): void;
}

export function openBulkWriter(path: string, cacheMiB = 1024): BulkWriter {
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("locking_mode = EXCLUSIVE");
  sqlite.pragma("temp_store = MEMORY");
  sqlite.pragma(`cache_size = -${cacheMiB * 1024}`);
  sqlite.pragma("foreign_keys = OFF");
  // The migrations' own indexes (not the automatic ones of primary keys and UNIQUE columns).
  const indexes = sqlite.prepare("select name, sql from sqlite_master where type = 'index' and sql is not null").all() as { name: string; sql: string }[];
  for (const i of indexes) sqlite.exec(`drop index ${i.name}`);
  const statements = new Map<string, { stmt: Database.Statement; columns: string[] }>();
  const counts = new Map<string, number>();
  let total = 0;
  return {
    insert(table, row) {
      let s = statements.get(table);
      const r = row as Record<string, unknown>;
      if (!s) {
        const columns = Object.keys(r);
        const stmt = sqlite.prepare(`insert into ${table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`);
        s = { stmt, columns };
        statements.set(table, s);
      }
      const values = new Array<unknown>(s.columns.length);
      for (let i = 0; i < s.columns.length; i++) {
        const v = r[s.columns[i]!];
        values[i] = v === undefined ? null : v;
      }
      s.stmt.run(values);
      counts.set(table, (counts.get(table) ?? 0) + 1);
      total += 1;
    },
    counts,
    total: () => total,
    begin: () => sqlite.exec("begin"),
    commit: () => sqlite.exec("commit"),
    all: <R>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as R[],
    finish(log = () => {}, minSeconds = 0) {
      // Index builds sort; on files, not in memory, at national scale.
      sqlite.pragma("temp_store = DEFAULT");
      for (const i of indexes) {
        const t = performance.now();
        sqlite.exec(i.sql);
        const seconds = (performance.now() - t) / 1000;
        if (seconds >= minSeconds) log(`index ${i.name}: ${seconds.toFixed(1)} s`);
      }
      // Statistics as a long-running database has them (the app's `pragma optimize` keeps them fresh).
      sqlite.pragma("analysis_limit = 2000");
      sqlite.exec("analyze");
      sqlite.pragma("locking_mode = NORMAL");
      sqlite.pragma("journal_mode = WAL");
      sqlite.close();
    },
  };
}
