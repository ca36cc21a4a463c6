import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { openDatabase } from "../../db/client";
import type { DB } from "../../db/schema";
import { BASE_DB, TMP_DIR } from "./paths";

/** A private copy of the migrated, seeded database: a real SQLite file per test. */
export function freshDb(): DB {
  const path = `${TMP_DIR}${randomUUID()}.db`;
  copyFileSync(BASE_DB, path);
  return openDatabase(path).db;
}

export async function memberOf(db: DB, username: string) {
  return db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .innerJoin("organizations as o", "o.id", "m.org_id")
    .select(["m.id as membershipId", "u.id as userId", "o.id as orgId", "o.slug"])
    .where("u.username", "=", username)
    .executeTakeFirstOrThrow();
}
