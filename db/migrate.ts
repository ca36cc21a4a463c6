import { Migrator } from "kysely";
import { migrations } from "../migrations/index";
import { prepareAppRole } from "./roles";
import type { DB } from "./schema";

/**
 * Migrates the database to the latest version. On PostgreSQL `db` is the tables' owner; afterwards
 * the app's role is granted what it needs (db/roles.ts, docs/decisions/0033).
 */
export async function migrateToLatest(db: DB): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`Migration failed${failed ? ` at ${failed.migrationName}` : ""}: ${String(error)}`);
  }
  await prepareAppRole(db);
}
