import type { Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one instead.
// A centre's archive (docs/decisions/0045) reads each table in keyset pages: `where org_id = ? and
// id > ? order by id limit 500`. Without an (org_id, id) index both engines either sort all the
// centre's rows for every page (audit_log: 85 ms a page for 130,000 rows, notifications 119 ms: the
// export grows with the square of the centre) or walk the primary key through every other centre's
// rows. These are the tables that grow with a centre's years; the small ones (settings, positions,
// templates, plans) are read in a page or two either way — except where the planner would walk the
// primary key across every centre for them (SMALL_TABLES_BY_KEY, found by npm run check:plans).
export const EXPORT_INDEXED_TABLES = [
  "memberships",
  "position_assignments",
  "audit_log",
  "tasks",
  "task_events",
  "task_submissions",
  "task_extensions",
  "attachments",
  "roster_slots",
  "roster_swaps",
  "roster_changes",
  "attendance_records",
  "attendance_corrections",
  "leave_requests",
  "inspections",
  "inspection_members",
  "inspection_results",
  "inspection_photos",
  "inspection_addenda",
  "inspection_actions",
  "evaluations",
  "annual_evaluations",
  "reports",
  "notifications",
] as const;

/** Small tables whose only other index is the primary key: their keyset order, behind org_id. */
const SMALL_TABLES_BY_KEY = [
  ["inspection_template_versions", "id"],
  ["inspection_template_items", "id"],
  ["member_channels", "membership_id"],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of EXPORT_INDEXED_TABLES) {
    await db.schema.createIndex(`${table}_org_id_idx`).on(table).columns(["org_id", "id"]).execute();
  }
  for (const [table, key] of SMALL_TABLES_BY_KEY) {
    await db.schema.createIndex(`${table}_org_id_idx`).on(table).columns(["org_id", key]).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [...EXPORT_INDEXED_TABLES, ...SMALL_TABLES_BY_KEY.map(([t]) => t)]) await db.schema.dropIndex(`${table}_org_id_idx`).execute();
}
