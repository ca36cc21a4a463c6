import type { Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one instead.
// attendance_month_facts (migration 019) also keeps, per member and month, the working days a
// member was expected at work — judged present or absent, not on a full day's leave — which the
// centre's report counts ("expected"), so that a report of closed months sums stored months
// instead of judging every member-day (docs/decisions/0038-report-figures-from-month-facts.md).
// Existing rows get 0 and are recomputed: MONTH_FACTS_VERSION 2 changes every fingerprint.
// Numbered 022: 021 is taken by work on another branch.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("attendance_month_facts")
    .addColumn("expected", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("attendance_month_facts").dropColumn("expected").execute();
}
