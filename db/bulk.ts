import Database from "better-sqlite3";
import type { Insertable } from "kysely";
import type { Database as Schema } from "./schema";

/**
 * Bulk loading into a SQLite file, for generated data sets (scripts/scale-generate.ts), never for
 * the app: journal and fsync off while loading (a crash leaves a file to delete, not to trust),
 * transactions of many rows, and the secondary indexes dropped while loading and built again at
 * the end (sorting once is several times faster than keeping sixty B-trees up to date row by row).
 * SQLite-specific, hence here in db/.
 *
 * Rows are buffered per table and written by one prepared INSERT of many rows (fewer calls into
 * SQLite than a statement per row); the buffers are written out before `commit()` and `all()`, so
 * the rows of one table keep their order, and a transaction holds what was inserted in it.
 * The CHECK triggers of the union columns (`when not (new."kind" in (...))`, migration 013) are
 * dropped while loading too — they were half of SQLite's time per row — and their lists checked
 * here instead, in JavaScript, for every row: a value outside the list throws as the trigger would.
 * `finish()` rebuilds the indexes (unique ones check their rows then) and the triggers, refreshes
 * the planner's statistics and leaves the file in WAL mode as the app opens it (db/client.ts).
 */
export interface BulkWriter {
  insert<T extends keyof Schema & string>(table: T, row: Insertable<Schema[T]>): void;
  /** Rows written so far, per table. */
  readonly counts: Map<string, number>;
  /** Rows written so far, all tables. */
  total(): number;
  begin(): void;
  commit(): void;
  /** Plain SQL for what the generator reads back (small look-ups). */
  all<R>(sql: string, ...params: unknown[]): R[];
  /** Builds the indexes again (`log` hears of those that took at least `minSeconds`), analyses, closes. */
  finish(log?: (line: string) => void, minSeconds?: number): void;
}

/** Rows per multi-row INSERT (fewer for wide tables: SQLite allows 32,766 variables a statement). */
const ROWS_PER_STATEMENT = 50;

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
  // The insert triggers that only check a column against a list of values; any other stays.
  const checks = new Map<string, { column: string; allowed: Set<string>; trigger: string }[]>();
  const triggers = sqlite.prepare("select name, tbl_name, sql from sqlite_master where type = 'trigger'").all() as { name: string; tbl_name: string; sql: string }[];
  const dropped: string[] = [];
  for (const t of triggers) {
    const m = /^create trigger "?\w+"? before insert on "?\w+"? when not \(new\."?(\w+)"? in \(((?:'[^']*'(?:, *)?)+)\)\) begin select raise\(abort, '[^']*'\); end$/i.exec(t.sql.trim());
    if (!m) continue;
    const allowed = new Set([...m[2]!.matchAll(/'([^']*)'/g)].map((x) => x[1]!));
    checks.set(t.tbl_name, [...(checks.get(t.tbl_name) ?? []), { column: m[1]!, allowed, trigger: t.name }]);
    sqlite.exec(`drop trigger "${t.name}"`);
    dropped.push(t.sql);
  }

  interface Table {
    name: string;
    /** The columns of the table's first row; every row is written with these. */
    columns: string[];
    /** Position in `columns` and the allowed values of each checked column. */
    checks: { at: number; column: string; allowed: Set<string>; trigger: string }[];
    one: Database.Statement;
    many: Database.Statement;
    rowsPerStatement: number;
    /** Values of the rows not yet written, one row after the other. */
    buffer: unknown[];
    count: number;
  }
  const tables = new Map<string, Table>();
  let total = 0;
  const open = (name: string, r: Record<string, unknown>): Table => {
    const columns = Object.keys(r);
    const tuple = `(${columns.map(() => "?").join(", ")})`;
    const rowsPerStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(32_000 / columns.length)));
    const insert = (rows: number) => sqlite.prepare(`insert into ${name} (${columns.join(", ")}) values ${Array.from({ length: rows }, () => tuple).join(", ")}`);
    const own = (checks.get(name) ?? []).map((c) => ({ ...c, at: columns.indexOf(c.column) }));
    // A checked column left out takes its default, which the migration made one of the allowed.
    const t = { name, columns, checks: own.filter((c) => c.at >= 0), one: insert(1), many: insert(rowsPerStatement), rowsPerStatement, buffer: [], count: 0 };
    tables.set(name, t);
    return t;
  };
  const flush = () => {
    for (const t of tables.values()) {
      const n = t.columns.length;
      for (let i = 0; i < t.buffer.length; i += n) t.one.run(t.buffer.slice(i, i + n));
      t.buffer.length = 0;
    }
  };
  const counts = new Map<string, number>();
  return {
    insert(name, row) {
      const r = row as Record<string, unknown>;
      const t = tables.get(name) ?? open(name, r);
      const buffer = t.buffer;
      const start = buffer.length;
      for (const column of t.columns) {
        const v = r[column];
        buffer.push(v === undefined ? null : v);
      }
      for (const c of t.checks) {
        const v = buffer[start + c.at];
        if (v !== null && !c.allowed.has(v as string)) {
          buffer.length = start;
          throw new Error(`CHECK constraint failed: ${c.trigger} (${name}.${c.column} = ${JSON.stringify(v)})`);
        }
      }
      t.count += 1;
      total += 1;
      if (buffer.length === t.rowsPerStatement * t.columns.length) {
        t.many.run(buffer);
        buffer.length = 0;
      }
    },
    get counts() {
      for (const t of tables.values()) counts.set(t.name, t.count);
      return counts;
    },
    total: () => total,
    begin: () => sqlite.exec("begin"),
    commit: () => {
      flush();
      sqlite.exec("commit");
    },
    all: <R>(sql: string, ...params: unknown[]) => {
      flush();
      return sqlite.prepare(sql).all(...params) as R[];
    },
    finish(log = () => {}, minSeconds = 0) {
      flush();
      // Index builds sort; on files, not in memory, at national scale; with a helper thread.
      sqlite.pragma("temp_store = DEFAULT");
      sqlite.pragma("threads = 2");
      for (const i of indexes) {
        const t = performance.now();
        sqlite.exec(i.sql);
        const seconds = (performance.now() - t) / 1000;
        if (seconds >= minSeconds) log(`index ${i.name}: ${seconds.toFixed(1)} s`);
      }
      for (const sql of dropped) sqlite.exec(sql);
      // Statistics as a long-running database has them (the app's `pragma optimize` keeps them fresh).
      sqlite.pragma("analysis_limit = 2000");
      sqlite.exec("analyze");
      sqlite.pragma("locking_mode = NORMAL");
      sqlite.pragma("journal_mode = WAL");
      sqlite.close();
    },
  };
}
