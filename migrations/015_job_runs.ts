import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen. Background jobs keep a row each in job_runs: when they last ran, where they stopped
// (a JSON cursor, so a run split into chunks resumes after a crash and the next run does only what
// changed since), and a lease so that two processes never run the same job at once
// (docs/decisions/0029-incremental-jobs-and-retention.md). Indexes for what the jobs look up by,
// across centres: what changed since the last run (tasks, roster slots, corrective actions by
// updated_at; rosters by published_at), deadlines that passed since then, and the retention rules
// (notifications by age and by when they were read, outbox rows by their notification, expired
// sessions). Each costs one more index entry per write of its table.
//
// As 014 made every earlier text column: text columns are COLLATE "C" on PostgreSQL (byte order,
// as SQLite's BINARY; the lease compares ISO instants as text). As 013: the job's name is checked
// (a CHECK on PostgreSQL, a pair of triggers on SQLite, named job_runs_job_check[_insert|_update]);
// the list is a copy of JOB_NAMES in db/schema.ts as it was when this was written, and a new job
// needs a new migration that replaces the check.

const JOBS = ["recurring-tasks", "reminders", "retention", "db-optimize"];

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const text = postgres ? sql`text collate "C"` : "text";
  const allowed = (ref: string) => `${ref} in (${JOBS.map((j) => `'${j}'`).join(", ")})`;
  await db.schema
    .createTable("job_runs")
    .addColumn("job", text, (c) => c.primaryKey())
    .addColumn("cursor", text, (c) => c.notNull().defaultTo("{}"))
    .addColumn("last_started_at", text)
    .addColumn("last_finished_at", text)
    .addColumn("last_result", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("lease_owner", text)
    .addColumn("lease_until", text)
    .addColumn("updated_at", text, (c) => c.notNull())
    .$call((t) => (postgres ? t.addCheckConstraint("job_runs_job_check", sql.raw(allowed(`"job"`))) : t))
    .execute();
  if (!postgres) {
    const when = `not (${allowed(`new."job"`)})`;
    const body = `begin select raise(abort, 'CHECK constraint failed: job_runs_job_check'); end`;
    await sql.raw(`create trigger "job_runs_job_check_insert" before insert on "job_runs" when ${when} ${body}`).execute(db);
    await sql.raw(`create trigger "job_runs_job_check_update" before update of "job" on "job_runs" when ${when} ${body}`).execute(db);
  }
  await db.schema.createIndex("tasks_updated_idx").on("tasks").column("updated_at").execute();
  await db.schema.createIndex("tasks_deadline_idx").on("tasks").column("deadline_at").execute();
  await db.schema.createIndex("roster_slots_updated_idx").on("roster_slots").column("updated_at").execute();
  await db.schema.createIndex("rosters_published_idx").on("rosters").column("published_at").execute();
  await db.schema.createIndex("inspection_actions_updated_idx").on("inspection_actions").column("updated_at").execute();
  await db.schema.createIndex("notifications_created_idx").on("notifications").column("created_at").execute();
  await db.schema.createIndex("notifications_read_idx").on("notifications").column("read_at").execute();
  await db.schema.createIndex("outbox_notification_idx").on("outbox").column("notification_id").execute();
  await db.schema.createIndex("sessions_expires_idx").on("sessions").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of [
    "sessions_expires_idx",
    "outbox_notification_idx",
    "notifications_read_idx",
    "notifications_created_idx",
    "inspection_actions_updated_idx",
    "rosters_published_idx",
    "roster_slots_updated_idx",
    "tasks_deadline_idx",
    "tasks_updated_idx",
  ]) await db.schema.dropIndex(i).execute();
  // The triggers (SQLite) and the check (PostgreSQL) go with the table.
  await db.schema.dropTable("job_runs").execute();
}
