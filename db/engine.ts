import { PostgresAdapter, type Kysely, type SelectQueryBuilder } from "kysely";

/** The two database engines the app runs on (docs/decisions/0027-postgresql.md). */
export type Engine = "sqlite" | "postgres";

/**
 * The engine behind a Kysely instance or transaction. (`getExecutor` is marked internal in Kysely's
 * types but is the only way to reach the dialect's adapter from a transaction.)
 */
export function engineOf<S>(db: Kysely<S>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/**
 * `select … for update` on PostgreSQL: the selected rows stay locked until the transaction ends, so
 * a check made on them holds until the write (a concurrent writer waits, then sees the new row).
 * A no-op on SQLite, where `writeTx` holds the database's single write lock from its first
 * statement (BEGIN IMMEDIATE) and SQL has no `for update`. Use inside `writeTx`, with `$call`:
 *
 *   tx.selectFrom("tasks").select([...]).where(...).$call(forUpdate(tx)).executeTakeFirst()
 */
export function forUpdate<S>(db: Kysely<S>) {
  const postgres = engineOf(db) === "postgres";
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any select query builder
  return <QB extends SelectQueryBuilder<any, any, any>>(qb: QB): QB => (postgres ? (qb.forUpdate() as QB) : qb);
}
