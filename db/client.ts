import Database from "better-sqlite3";
import { Kysely, PostgresDialect, sql, SqliteDialect, type LogEvent, type SqliteDatabase, type SqliteStatement } from "kysely";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import pg from "pg";
import { engineOf, type Engine } from "./engine";
import { EmptyInPlugin } from "./plugins";
import type { DB, Database as Schema } from "./schema";
import { tenantSetting } from "./tenant";

export const DEFAULT_DATABASE_PATH = "data/app.db";

/**
 * Where the data lives: a SQLite file (the embedded default) or a PostgreSQL database. On
 * PostgreSQL, `url` is the app's connection and `ownerUrl` (DATABASE_OWNER_URL) the tables' owner,
 * which runs the migrations; without it `url` is the owner too (docs/decisions/0033).
 */
export type DatabaseTarget = { engine: "sqlite"; path: string } | { engine: "postgres"; url: string; ownerUrl?: string };

/**
 * The role the app's PostgreSQL connections act as: it owns nothing, holds only select, insert,
 * update and delete on the app's tables, and row-level security applies to it (db/roles.ts).
 */
export const APP_ROLE = "roviec_app";

/** A PostgreSQL connection URL (`postgres://` or `postgresql://`). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Resolves DATABASE_URL (a file path or file: URL) to a SQLite file path. */
export function databasePath(url: string | undefined): string {
  if (!url) return DEFAULT_DATABASE_PATH;
  if (url.startsWith("file:")) return url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
  return url;
}

/** DATABASE_URL as a target: a postgres:// URL, else a SQLite file path (default data/app.db). */
export function databaseTarget(url: string | undefined, ownerUrl?: string): DatabaseTarget {
  if (url && isPostgresUrl(url)) return ownerUrl ? { engine: "postgres", url, ownerUrl } : { engine: "postgres", url };
  return { engine: "sqlite", path: databasePath(url) };
}

/** The target as it may be printed: a PostgreSQL URL without its password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.engine === "sqlite") return target.path;
  const u = new URL(target.url);
  if (u.password) u.password = "***";
  return u.href;
}

export interface OpenDatabase {
  db: DB;
  engine: Engine;
  /** The better-sqlite3 handle (SQLite only). */
  sqlite?: Database.Database;
  /** The connection pool (PostgreSQL only), for its counts in /metrics. */
  pool?: pg.Pool;
}

/**
 * Opens the target for the app: a SQLite file (string paths are SQLite files) or a PostgreSQL pool
 * whose connections act as APP_ROLE, bound to the current centre (db/tenant.ts). Migrations and the
 * demo seed run as the owner instead (`openOwnerDatabase`).
 */
export function openDatabase(target: DatabaseTarget | string, opts: { poolSize?: number } = {}): OpenDatabase {
  const t = typeof target === "string" ? ({ engine: "sqlite", path: target } as const) : target;
  if (t.engine === "postgres") {
    // Made now (it connects at the first query) so that its counts can be read.
    const pool = postgresPool(t.url, opts.poolSize);
    return { db: openPostgres(t.url, { pool: async () => pool, app: true }), engine: "postgres", pool };
  }
  const { db, sqlite } = openSqlite(t.path);
  return { db, engine: "sqlite", sqlite };
}

/**
 * Opens a SQLite file with the settings of architecture.md: WAL, foreign keys, busy timeout and
 * synchronous=FULL so that an acknowledged write survives a power cut.
 */
export function openSqlite(path: string, opts: { statementCache?: number; log?: (sql: string, parameters: readonly unknown[]) => void } = {}): {
  db: DB;
  sqlite: Database.Database;
} {
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
  const cacheSize = opts.statementCache ?? STATEMENT_CACHE_SIZE;
  const database = cacheSize > 0 ? withStatementCache(sqlite, cacheSize) : sqlite;
  const log = opts.log;
  const db = new Kysely<Schema>({
    dialect: new SqliteDialect({ database }),
    plugins: [new EmptyInPlugin()],
    // Every statement run, for scripts/query-plans.ts.
    ...(log ? { log: (e: LogEvent) => log(e.query.sql, e.query.parameters) } : {}),
  });
  return { db, sqlite };
}

/** Distinct SQL texts kept prepared per connection (a page runs tens; lists with IN (…) vary in length). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver calls `prepare` for every query, and better-sqlite3 compiles the SQL anew
 * each time (5–7 % of the server's CPU and 14 % of the reminders job in issue 17's profile). This
 * keeps the compiled statements by SQL text, least recently used dropped past `max`. Reuse is safe:
 * Kysely runs one query at a time on the connection (a mutex), a statement is re-bound on each call,
 * and SQLite re-prepares a statement by itself after a schema change. A streamed query (`iterate`)
 * gets a statement of its own, since it stays open while the rows are consumed.
 */
function withStatementCache(sqlite: Database.Database, max: number): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string): SqliteStatement {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = sqlite.prepare(text);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, stmt);
      const s = stmt;
      return {
        reader: s.reader,
        all: (params) => s.all(params),
        run: (params) => s.run(params),
        iterate: (params) => sqlite.prepare(text).iterate(params),
      };
    },
  };
}

// pg returns bigint (count(*), sum of integers) and numeric (avg) as strings, to lose no precision.
// Our counts and sums are far below 2^53, and SQLite returns numbers: parse both to numbers, here,
// for every query (this pool's own parsers; the pg module's global ones are left alone).
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => (v === null ? v : Number(v));
    return pg.types.getTypeParser(oid, format as "text");
  },
} as pg.CustomTypesConfig;

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  max?: number;
  /** Builds the pool lazily, e.g. after creating the database (tests); called at the first query. */
  pool?: () => Promise<pg.Pool>;
  /**
   * The app's connections: each one handed out acts as APP_ROLE with `app.org_id` set to the
   * current tenant scope (`tenantPool`). Without it the connections are the URL's role as it is
   * (the owner: migrations, seed, tests' fixtures).
   */
  app?: boolean;
}

/** A pg Pool with the app's type parsers. */
export function postgresPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes, application_name: "roviec" });
  // An idle connection that the server drops (restart, network) must not crash the process.
  pool.on("error", (err) => console.error("PostgreSQL pool: idle connection error", err.message));
  return pool;
}

/** Opens a PostgreSQL database through a pool (Kysely's PostgresDialect). */
export function openPostgres(url: string, opts: PostgresOptions = {}): DB {
  const base = opts.pool ?? (async () => postgresPool(url, opts.max));
  const pool = opts.app ? async () => tenantPool(await base()) : base;
  return new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), plugins: [new EmptyInPlugin()] });
}

/** The owner's connection to the target (PostgreSQL): migrations and the seed. */
export function openOwnerDatabase(target: Extract<DatabaseTarget, { engine: "postgres" }>): DB {
  return openPostgres(target.ownerUrl ?? target.url, { max: 1 });
}

/**
 * A pool whose connections act as APP_ROLE, each bound on checkout to the scope of the code asking
 * (db/tenant.ts): `select set_config('role', …), set_config('app.org_id', …)` in one round trip,
 * skipped when the connection already holds exactly that setting — remembered per connection, and
 * trusted only while the connection is idle outside any transaction (a session-level setting made
 * outside a transaction cannot be undone by a later rollback, and nothing else in the app sets it).
 * So the next user of a connection always gets its own scope, never the previous one's. A
 * connection handed back inside a transaction (never expected) or whose setting fails is discarded.
 */
export function tenantPool(pool: pg.Pool): { connect(): Promise<pg.PoolClient>; end(): Promise<void> } {
  const bound = new WeakMap<pg.PoolClient, string>();
  return {
    async connect() {
      // Read before waiting for a connection: the scope is the caller's.
      const orgId = tenantSetting();
      for (;;) {
        const client = await pool.connect();
        if (client.getTransactionStatus() !== "I" && client.getTransactionStatus() !== null) {
          bound.delete(client);
          client.release(new Error("connection returned to the pool inside a transaction"));
          continue;
        }
        if (bound.get(client) === orgId) return client;
        try {
          bound.delete(client);
          await client.query("select set_config('role', $1, false), set_config('app.org_id', $2, false)", [APP_ROLE, orgId]);
          bound.set(client, orgId);
        } catch (err) {
          client.release(err instanceof Error ? err : true);
          throw err;
        }
        return client;
      }
    },
    end: () => pool.end(),
  };
}

/** Refreshes query-planner statistics where they are stale (run by the scheduler). */
export function optimizeDatabase(db: DB): Promise<void> {
  // PostgreSQL's autovacuum keeps statistics itself.
  if (engineOf(db) === "postgres") return Promise.resolve();
  return sql`pragma optimize`.execute(db).then(() => undefined);
}
