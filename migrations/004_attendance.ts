import type { Kysely } from "kysely";

// Frozen. Attendance (check-in/out), leave requests, correction requests; office networks and
// annual-leave entitlement settings; each member's start of public service (leave seniority).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("org_settings").addColumn("allowed_networks", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("org_settings").addColumn("annual_leave_base", "integer", (c) => c.notNull().defaultTo(12)).execute();
  await db.schema.alterTable("org_settings").addColumn("annual_leave_years_per_extra", "integer", (c) => c.notNull().defaultTo(5)).execute();
  await db.schema.alterTable("memberships").addColumn("service_start_date", "text").execute();

  await db.schema
    .createTable("attendance_records")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("membership_id", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("date", "text", (c) => c.notNull()) // the working day, in Vietnam
    .addColumn("session", "text", (c) => c.notNull()) // day | morning | afternoon
    .addColumn("check_in_at", "text", (c) => c.notNull())
    .addColumn("check_in_ip", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("check_out_at", "text")
    .addColumn("check_out_ip", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("attendance_records_uq", ["org_id", "membership_id", "date", "session"])
    .execute();
  await db.schema.createIndex("attendance_records_org_date_idx").on("attendance_records").columns(["org_id", "date"]).execute();

  await db.schema
    .createTable("leave_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("membership_id", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("kind", "text", (c) => c.notNull()) // annual | sick | business | personal_paid | personal_unpaid
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("part", "text", (c) => c.notNull().defaultTo("full")) // full | morning | afternoon (single day)
    .addColumn("days", "real", (c) => c.notNull()) // working days taken
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull()) // pending | approved | refused | cancelled
    .addColumn("decided_by", "text", (c) => c.references("memberships.id"))
    .addColumn("decided_at", "text")
    .addColumn("decision_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("leave_requests_member_idx").on("leave_requests").columns(["org_id", "membership_id", "start_date"]).execute();
  await db.schema.createIndex("leave_requests_org_status_idx").on("leave_requests").columns(["org_id", "status", "start_date"]).execute();

  await db.schema
    .createTable("attendance_corrections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("membership_id", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("session", "text", (c) => c.notNull())
    .addColumn("check_in_time", "text") // HH:mm asked for
    .addColumn("check_out_time", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull()) // pending | approved | refused
    .addColumn("decided_by", "text", (c) => c.references("memberships.id"))
    .addColumn("decided_at", "text")
    .addColumn("decision_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("attendance_corrections_idx")
    .on("attendance_corrections")
    .columns(["org_id", "membership_id", "date"])
    .execute();
  await db.schema.createIndex("attendance_corrections_status_idx").on("attendance_corrections").columns(["org_id", "status"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["attendance_corrections", "leave_requests", "attendance_records"]) await db.schema.dropTable(t).execute();
  await db.schema.alterTable("memberships").dropColumn("service_start_date").execute();
  for (const c of ["annual_leave_years_per_extra", "annual_leave_base", "allowed_networks"]) {
    await db.schema.alterTable("org_settings").dropColumn(c).execute();
  }
}
