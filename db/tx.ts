import { sql } from "kysely";
import { engineOf } from "./engine";
import type { DB, Tx } from "./schema";
import { forgetRequestMemo } from "./tenant";

export interface WriteTxOptions {
  /**
   * PostgreSQL only: run at SERIALIZABLE instead of READ COMMITTED, for a check over rows that a
   * concurrent transaction could insert (no row to lock). A serialization failure is retried.
   * SQLite is always serializable (one writer at a time).
   */
  serializable?: boolean;
  /**
   * SQLite only. "relaxed": the commit does not wait for the disk (`synchronous = NORMAL` for this
   * transaction only). A power cut may lose it — and only transactions after the last durable
   * commit, in order — but never corrupts. For work that is redone by key when lost: the
   * background jobs (their reminders, cursors, pruning), whose fsyncs on the event loop would
   * otherwise stall every request (docs/decisions/0029-incremental-jobs-and-retention.md).
   * Requests keep the default. PostgreSQL: ignored — its commit waits for the disk in the server,
   * not on our event loop, so there is no stall to avoid and no reason to weaken the promise.
   */
  durability?: "full" | "relaxed";
  /**
   * The transaction writes none of the rows that values memoised for the request are made of
   * (db/tenant.ts requestMemo: a centre's schedule, calendar and settings), so they stay; by
   * default every write transaction forgets them when it ends. A check-in says so.
   */
  keepsRequestMemo?: boolean;
}

/** How many times a transaction that PostgreSQL aborted (deadlock, serialization failure) is run. */
const MAX_ATTEMPTS = 5;

/**
 * Runs `fn` in a short write transaction. Never await network I/O inside.
 *
 * SQLite: BEGIN IMMEDIATE, so that a writer takes the database's single write lock up front instead
 * of failing on upgrade; every transaction is then serial and a read-then-write is safe.
 *
 * PostgreSQL: a real transaction at READ COMMITTED (or SERIALIZABLE when asked). Each statement
 * sees what was committed when it started, so a check made by one statement can be stale by the
 * next: check-then-write goes in one conditional statement (`update … where status = 'pending'`,
 * then count the rows) or reads the rows it depends on with `forUpdate` (db/engine.ts). See
 * docs/decisions/0027-postgresql.md for the list. A deadlock or serialization failure rolls the
 * transaction back and `fn` runs again, so `fn` must have no effect outside the transaction.
 */
export async function writeTx<T>(db: DB, fn: (tx: Tx) => Promise<T>, opts: WriteTxOptions = {}): Promise<T> {
  if (opts.keepsRequestMemo) return runTx(db, fn, opts);
  try {
    return await runTx(db, fn, opts);
  } finally {
    forgetRequestMemo();
  }
}

function runTx<T>(db: DB, fn: (tx: Tx) => Promise<T>, opts: WriteTxOptions): Promise<T> {
  if (engineOf(db) === "postgres") return postgresTx(db, fn, opts);
  return db.connection().execute(async (conn) => {
    // The connection is ours until the callback returns: nothing else runs between these statements.
    let restore: number | undefined;
    if (opts.durability === "relaxed") {
      const level = await sql<{ synchronous: number }>`pragma synchronous`.execute(conn);
      restore = Number(level.rows[0]?.synchronous ?? 2);
      // The safety level cannot change inside a transaction: set it before BEGIN, restore after.
      if (restore > 1) await sql`pragma synchronous = NORMAL`.execute(conn);
      else restore = undefined;
    }
    try {
      await sql`begin immediate`.execute(conn);
      try {
        // A connection-bound Kysely behaves like a transaction for every query run through it.
        const result = await fn(conn as unknown as Tx);
        await sql`commit`.execute(conn);
        return result;
      } catch (err) {
        await sql`rollback`.execute(conn);
        throw err;
      }
    } finally {
      if (restore !== undefined) await sql.raw(`pragma synchronous = ${restore}`).execute(conn);
    }
  });
}

async function postgresTx<T>(db: DB, fn: (tx: Tx) => Promise<T>, opts: WriteTxOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db
        .transaction()
        .setIsolationLevel(opts.serializable ? "serializable" : "read committed")
        .execute(fn);
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(err)) throw err;
      // A little random wait so that the same two transactions do not meet again.
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }
}

/** serialization_failure and deadlock_detected: the transaction was rolled back and may run again. */
export function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "40001" || code === "40P01";
}

/** A background job's write transaction: `writeTx` with relaxed durability (SQLite; see above). */
export function jobTx<T>(db: DB, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return writeTx(db, fn, { durability: "relaxed" });
}
