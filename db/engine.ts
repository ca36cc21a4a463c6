import { PostgresAdapter, type DialectAdapter, type SelectQueryBuilder } from "kysely";

/** The two database engines the app runs on (docs/decisions/0027-postgresql.md). */
export type Engine = "sqlite" | "postgres";

/**
 * The engine behind a Kysely instance or transaction. (`getExecutor` is marked internal in Kysely's
 * types but is the only way to reach the dialect's adapter from a transaction.)
 */
/** A Kysely instance or transaction, of any schema. */
export interface KyselyLike {
  getExecutor(): { readonly adapter: DialectAdapter };
}

export function engineOf(db: KyselyLike): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any select query builder
type AnySelect = SelectQueryBuilder<any, any, any>;
type Lock = "update" | "noKeyUpdate" | "share";

function lock(db: KyselyLike, mode: Lock) {
  const postgres = engineOf(db) === "postgres";
  return <QB extends AnySelect>(qb: QB): QB => {
    if (!postgres) return qb;
    return (mode === "update" ? qb.forUpdate() : mode === "noKeyUpdate" ? qb.forNoKeyUpdate() : qb.forShare()) as QB;
  };
}

/**
 * Row locks for a check that must still hold when the transaction writes. Inside `writeTx`, with
 * `$call`:
 *
 *   tx.selectFrom("memberships").select("id").where(...).$call(forNoKeyUpdate(tx)).executeTakeFirst()
 *
 * PostgreSQL: the selected rows stay locked until the transaction ends; a concurrent transaction
 * taking the same lock waits, and its next statement sees what this one committed.
 * SQLite: no-ops (SQL there has no `for update`); `writeTx` holds the database's single write lock
 * from its first statement (BEGIN IMMEDIATE), which is stronger.
 *
 * `forUpdate`: the row will be changed or deleted. `forNoKeyUpdate`: a per-row mutex that does not
 * block inserts referencing the row (foreign keys take KEY SHARE) — use it to serialise work "per
 * member" or "per inspection". `forShare`: the row must not change while this transaction reads
 * what depends on it; other readers are not blocked.
 */
export const forUpdate = (db: KyselyLike) => lock(db, "update");
export const forNoKeyUpdate = (db: KyselyLike) => lock(db, "noKeyUpdate");
export const forShare = (db: KyselyLike) => lock(db, "share");

/** A unique constraint refused the write (SQLite or PostgreSQL). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
