import type { Kysely } from "kysely";
import { sql } from "kysely";

// Frozen. Rules in force on a date (issue 14):
// - schedule_versions: the centre's working schedule (seasons, Saturday opening and who works it,
//   grace, check-in mode, duty weights) with the date each version takes effect; a day is judged by
//   the version in force that day. Backfilled from org_settings / work_seasons, effective from
//   1900-01-01 (the only rules known so far).
// - evaluation_weight_versions: the same for the evaluation's component weights.
// - holiday_rules: a centre's changes to the annual holidays that are not confirmed in the Labour
//   Code text (24/11 Ngày Văn hóa Việt Nam), and annual days it adds; defaults live in code.
// - task_settings: whether the centre accepts an extension asked after the deadline.
// - tasks.submitted_at (the latest submission, so "submitted on time" needs no join) and
//   tasks.missed_deadline_at (the deadline that had already passed when a late extension was asked;
//   the task is judged against it).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("schedule_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("effective_from", "text", (c) => c.notNull()) // YYYY-MM-DD
    .addColumn("saturday_opening", "integer", (c) => c.notNull())
    .addColumn("saturday_start", "text", (c) => c.notNull())
    .addColumn("saturday_end", "text", (c) => c.notNull())
    .addColumn("grace_minutes", "integer", (c) => c.notNull())
    .addColumn("checkin_mode", "text", (c) => c.notNull())
    .addColumn("holiday_weight", "integer", (c) => c.notNull())
    .addColumn("weekend_weight", "integer", (c) => c.notNull())
    // JSON arrays: the seasons ([] = the built-in default) and the members on the Saturday rota.
    .addColumn("seasons", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("saturday_staff", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_by", "text", (c) => c.references("memberships.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("schedule_versions_org_date_uq", ["org_id", "effective_from"])
    .execute();

  // The defaults of 003_schedule_rosters, for a centre that saved seasons but no settings row.
  const DEFAULTS = { saturday_opening: 0, saturday_start: "07:30", saturday_end: "11:30", grace_minutes: 5, checkin_mode: "day", holiday_weight: 2, weekend_weight: 1 };
  const settingRows = await db.selectFrom("org_settings").selectAll().execute();
  const seasons = await db.selectFrom("work_seasons").selectAll().orderBy("from_md").execute();
  const orgIds = [...new Set([...settingRows.map((r) => r.org_id as string), ...seasons.map((r) => r.org_id as string)])];
  for (const orgId of orgIds) {
    const row = settingRows.find((r) => r.org_id === orgId);
    const first = seasons.find((x) => x.org_id === orgId);
    const s = { ...DEFAULTS, ...(row ?? {}), org_id: orgId, updated_at: row?.updated_at ?? first?.created_at ?? "1970-01-01T00:00:00.000Z" };
    const mine = seasons
      .filter((x) => x.org_id === s.org_id)
      .map((x) => ({
        id: x.id,
        name: x.name,
        fromMd: x.from_md,
        toMd: x.to_md,
        morningStart: x.morning_start,
        morningEnd: x.morning_end,
        afternoonStart: x.afternoon_start,
        afternoonEnd: x.afternoon_end,
      }));
    await db
      .insertInto("schedule_versions")
      .values({
        id: `sv-${s.org_id}`,
        org_id: s.org_id,
        effective_from: "1900-01-01",
        saturday_opening: s.saturday_opening,
        saturday_start: s.saturday_start,
        saturday_end: s.saturday_end,
        grace_minutes: s.grace_minutes,
        checkin_mode: s.checkin_mode,
        holiday_weight: s.holiday_weight,
        weekend_weight: s.weekend_weight,
        seasons: JSON.stringify(mine),
        saturday_staff: "[]",
        created_by: null,
        created_at: s.updated_at,
        updated_at: s.updated_at,
      })
      .execute();
  }

  await db.schema
    .createTable("evaluation_weight_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("effective_from", "text", (c) => c.notNull())
    .addColumn("weight_quantity", "integer", (c) => c.notNull())
    .addColumn("weight_quality", "integer", (c) => c.notNull())
    .addColumn("weight_timeliness", "integer", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("memberships.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("evaluation_weight_versions_org_date_uq", ["org_id", "effective_from"])
    .execute();
  await sql`insert into evaluation_weight_versions (id, org_id, effective_from, weight_quantity, weight_quality, weight_timeliness, updated_by, updated_at)
    select 'ew-' || org_id, org_id, '1900-01-01', weight_quantity, weight_quality, weight_timeliness, updated_by, updated_at from evaluation_settings`.execute(db);

  await db.schema
    .createTable("holiday_rules")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    // A built-in rule's key (e.g. 'culture-day') to change it, or the id of a rule the centre added.
    .addColumn("rule_key", "text", (c) => c.notNull())
    .addColumn("month", "integer", (c) => c.notNull())
    .addColumn("day", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("from_year", "integer", (c) => c.notNull())
    .addColumn("to_year", "integer")
    .addColumn("confirmed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("source", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_by", "text", (c) => c.references("memberships.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("holiday_rules_org_key_uq", ["org_id", "rule_key"])
    .execute();

  await db.schema
    .createTable("task_settings")
    .addColumn("org_id", "text", (c) => c.primaryKey().references("organizations.id"))
    .addColumn("late_extensions", "text", (c) => c.notNull().defaultTo("keep_late")) // keep_late | refuse
    .addColumn("updated_by", "text", (c) => c.references("memberships.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema.alterTable("tasks").addColumn("submitted_at", "text").execute();
  await db.schema.alterTable("tasks").addColumn("missed_deadline_at", "text").execute();
  await sql`update tasks set submitted_at = (select max(s.submitted_at) from task_submissions s where s.task_id = tasks.id)`.execute(db);
  await db.schema.createIndex("tasks_org_missed_idx").on("tasks").columns(["org_id", "missed_deadline_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("tasks_org_missed_idx").execute();
  await db.schema.alterTable("tasks").dropColumn("missed_deadline_at").execute();
  await db.schema.alterTable("tasks").dropColumn("submitted_at").execute();
  for (const t of ["task_settings", "holiday_rules", "evaluation_weight_versions", "schedule_versions"]) await db.schema.dropTable(t).execute();
}
