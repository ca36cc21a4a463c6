import type { Kysely } from "kysely";

// Frozen. The centre's working schedule (seasonal hours, Saturday opening, grace, duty weights)
// and holiday duty rosters with their slots, swaps and post-publication changes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("org_settings")
    .addColumn("org_id", "text", (c) => c.primaryKey().references("organizations.id"))
    .addColumn("saturday_opening", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("saturday_start", "text", (c) => c.notNull().defaultTo("07:30"))
    .addColumn("saturday_end", "text", (c) => c.notNull().defaultTo("11:30"))
    .addColumn("grace_minutes", "integer", (c) => c.notNull().defaultTo(5))
    .addColumn("checkin_mode", "text", (c) => c.notNull().defaultTo("day")) // day | session
    .addColumn("holiday_weight", "integer", (c) => c.notNull().defaultTo(2))
    .addColumn("weekend_weight", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("work_seasons")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("from_md", "text", (c) => c.notNull()) // MM-DD, inclusive; a range may wrap the year end
    .addColumn("to_md", "text", (c) => c.notNull())
    .addColumn("morning_start", "text", (c) => c.notNull())
    .addColumn("morning_end", "text", (c) => c.notNull())
    .addColumn("afternoon_start", "text", (c) => c.notNull())
    .addColumn("afternoon_end", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("work_seasons_org_idx").on("work_seasons").column("org_id").execute();

  await db.schema
    .createTable("rosters")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("day_mode", "text", (c) => c.notNull()) // nonworking | all
    .addColumn("status", "text", (c) => c.notNull()) // draft | published
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("published_at", "text")
    .addColumn("published_by", "text", (c) => c.references("memberships.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rosters_org_idx").on("rosters").columns(["org_id", "start_date"]).execute();

  await db.schema
    .createTable("roster_slots")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("roster_id", "text", (c) => c.notNull().references("rosters.id"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull()) // leader | staff | security
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("start_time", "text", (c) => c.notNull())
    .addColumn("end_time", "text", (c) => c.notNull())
    .addColumn("weight", "integer", (c) => c.notNull())
    .addColumn("membership_id", "text", (c) => c.references("memberships.id"))
    .addColumn("confirmed_at", "text")
    .addColumn("checked_in_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("roster_slots_roster_idx").on("roster_slots").columns(["roster_id", "date", "kind", "position"]).execute();
  await db.schema.createIndex("roster_slots_member_idx").on("roster_slots").columns(["org_id", "membership_id", "date"]).execute();
  await db.schema.createIndex("roster_slots_org_date_idx").on("roster_slots").columns(["org_id", "date"]).execute();

  await db.schema
    .createTable("roster_swaps")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("roster_id", "text", (c) => c.notNull().references("rosters.id"))
    .addColumn("slot_id", "text", (c) => c.notNull().references("roster_slots.id"))
    .addColumn("requested_by", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("target_id", "text", (c) => c.notNull().references("memberships.id"))
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull()) // requested | accepted | declined | approved | refused
    .addColumn("accepted_at", "text")
    .addColumn("decided_by", "text", (c) => c.references("memberships.id"))
    .addColumn("decided_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("roster_swaps_roster_idx").on("roster_swaps").columns(["org_id", "roster_id", "status"]).execute();
  await db.schema.createIndex("roster_swaps_target_idx").on("roster_swaps").columns(["org_id", "target_id", "status"]).execute();

  await db.schema
    .createTable("roster_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("roster_id", "text", (c) => c.notNull().references("rosters.id"))
    .addColumn("slot_id", "text", (c) => c.references("roster_slots.id"))
    .addColumn("actor_id", "text", (c) => c.references("memberships.id"))
    .addColumn("kind", "text", (c) => c.notNull()) // reassigned | swapped | published
    .addColumn("from_member", "text")
    .addColumn("to_member", "text")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("roster_changes_roster_idx").on("roster_changes").columns(["roster_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["roster_changes", "roster_swaps", "roster_slots", "rosters", "work_seasons", "org_settings"]) {
    await db.schema.dropTable(t).execute();
  }
}
