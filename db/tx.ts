import { sql } from "kysely";
import type { DB, Tx } from "./schema";

export interface WriteTxOptions {
  /**
   * "relaxed": the commit does not wait for the disk (SQLite `synchronous = NORMAL` for this
   * transaction only; PostgreSQL's `SET LOCAL synchronous_commit = off` is the same promise). A
   * power cut may lose it — and only transactions after the last durable commit, in order — but
   * never corrupts. For work that is redone by key when lost: the background jobs (their
   * reminders, cursors, pruning), whose fsyncs on the request thread would otherwise stall every
   * request (docs/decisions/0029-incremental-jobs-and-retention.md). Requests keep the default.
   */
  durability?: "full" | "relaxed";
}

/**
 * Runs `fn` in a short write transaction. On SQLite it starts with BEGIN IMMEDIATE so that a
 * writer takes the lock up front instead of failing on upgrade. Never await network I/O inside.
 */
export async function writeTx<T>(db: DB, fn: (tx: Tx) => Promise<T>, opts: WriteTxOptions = {}): Promise<T> {
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

/** A background job's write transaction: `writeTx` with relaxed durability. */
export function jobTx<T>(db: DB, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return writeTx(db, fn, { durability: "relaxed" });
}
