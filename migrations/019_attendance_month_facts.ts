import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one instead.
// A member's attendance figures for a closed month, computed once by the attendance rules and kept
// with the fingerprint of what they were computed from (docs/decisions/0035-attendance-month-facts.md):
// the rules in force on each day of the month, the calendar, the member's service dates, approved
// leave and corrections. A row whose fingerprint no longer matches is recomputed. Only closed days
// are counted: for the current month, the days before today (today is always evaluated live).
// Half days are counted in halves, so every figure is an integer on both engines.
// Numbered 019: 017 is taken by work on another branch.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const text = postgres ? sql`text collate "C"` : "text";
  await db.schema
    .createTable("attendance_month_facts")
    .addColumn("org_id", text, (c) => c.notNull().references("organizations.id"))
    .addColumn("membership_id", text, (c) => c.notNull().references("memberships.id"))
    .addColumn("month", text, (c) => c.notNull()) // YYYY-MM
    .addColumn("through", text, (c) => c.notNull()) // the last day counted: the month's end, or yesterday
    .addColumn("fingerprint", text, (c) => c.notNull())
    .addColumn("worked_halves", "integer", (c) => c.notNull())
    .addColumn("attended", "integer", (c) => c.notNull()) // working days present
    .addColumn("on_time", "integer", (c) => c.notNull()) // of those, not late
    .addColumn("late_minutes", "integer", (c) => c.notNull())
    .addColumn("early_count", "integer", (c) => c.notNull())
    .addColumn("absent_halves", "integer", (c) => c.notNull())
    .addColumn("leave_halves", text, (c) => c.notNull()) // JSON: leave kind → half days on working days
    .addColumn("computed_at", text, (c) => c.notNull())
    .addPrimaryKeyConstraint("attendance_month_facts_pk", ["org_id", "membership_id", "month"])
    .execute();
  await db.schema.createIndex("attendance_month_facts_org_month_idx").on("attendance_month_facts").columns(["org_id", "month"]).execute();
  if (postgres) {
    // Row-level security as migration 016 gives every tenant table (docs/decisions/0033).
    const setting = sql`current_setting('app.org_id', true)`;
    await sql`alter table attendance_month_facts enable row level security`.execute(db);
    await sql`create policy centre_isolation on attendance_month_facts using (org_id = ${setting} or ${setting} = '*') with check (org_id = ${setting} or ${setting} = '*')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("attendance_month_facts").execute();
}
