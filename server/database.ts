import { openDatabase, openOwnerDatabase, type DatabaseTarget, type OpenDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { checkAppRole } from "../db/roles";
import type { DB } from "../db/schema";

/**
 * The app's database, migrated. On PostgreSQL the migrations and `setup` (the demo seed) run as the
 * tables' owner (DATABASE_OWNER_URL, else DATABASE_URL) on a connection of their own, closed
 * afterwards; the app's pool acts as the app's role, checked here to be one that row-level security
 * applies to (docs/decisions/0033). On SQLite: one connection for all, as before.
 */
export async function openAppDatabase(target: DatabaseTarget, poolSize: number, setup?: (owner: DB) => Promise<void>): Promise<OpenDatabase> {
  const opened = openDatabase(target, { poolSize });
  const { db } = opened;
  try {
    if (target.engine === "postgres") {
      const owner = openOwnerDatabase(target);
      try {
        await migrateToLatest(owner);
        await setup?.(owner);
      } finally {
        await owner.destroy();
      }
      await checkAppRole(db);
    } else {
      await migrateToLatest(db);
      await setup?.(db);
    }
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return opened;
}
