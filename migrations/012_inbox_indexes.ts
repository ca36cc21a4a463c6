import type { Kysely } from "kysely";

// Frozen. "Chờ tôi xử lý" (the inbox) asks each kind of pending decision by its state across the
// centre; swaps waiting for a leader's approval had no index on (org_id, status).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("roster_swaps_status_idx").on("roster_swaps").columns(["org_id", "status"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("roster_swaps_status_idx").execute();
}
