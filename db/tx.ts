import { sql } from "kysely";
import type { DB, Tx } from "./schema";

/**
 * Runs `fn` in a short write transaction. On SQLite it starts with BEGIN IMMEDIATE so that a
 * writer takes the lock up front instead of failing on upgrade. Never await network I/O inside.
 */
export async function writeTx<T>(db: DB, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
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
  });
}
