import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one instead.
// A centre's lifecycle (docs/decisions/0044-centre-lifecycle.md): an operator suspends and resumes a
// centre, and schedules its deletion after a grace period. `organizations.status` is 'active' or
// 'suspended' (checked as 013 checks every kind: a CHECK on PostgreSQL, a pair of triggers named
// organizations_status_check_[insert|update] on SQLite); `suspended_at` and `suspension_reason` say
// since when and why; `deletion_due_at` (an instant, null when none is scheduled) is when the
// centre-deletion job may start deleting it — a centre with a deletion date is always suspended.
// The job keeps its lease in job_runs: its name joins the job_runs check (replaced here, as 015 says).
// Text columns are COLLATE "C" on PostgreSQL, as 014 made every earlier one.

const STATUSES = ["active", "suspended"];
const JOBS_BEFORE = ["recurring-tasks", "reminders", "retention", "db-optimize"];
const JOBS_AFTER = [...JOBS_BEFORE, "centre-deletion"];

const inList = (ref: string, values: readonly string[]) => `${ref} in (${values.map((v) => `'${v}'`).join(", ")})`;

async function jobCheck(db: Kysely<any>, postgres: boolean, jobs: readonly string[]): Promise<void> {
  if (postgres) {
    await sql.raw(`alter table "job_runs" drop constraint "job_runs_job_check"`).execute(db);
    await sql.raw(`alter table "job_runs" add constraint "job_runs_job_check" check (${inList(`"job"`, jobs)})`).execute(db);
    return;
  }
  await sql.raw(`drop trigger "job_runs_job_check_insert"`).execute(db);
  await sql.raw(`drop trigger "job_runs_job_check_update"`).execute(db);
  const when = `not (${inList(`new."job"`, jobs)})`;
  const body = `begin select raise(abort, 'CHECK constraint failed: job_runs_job_check'); end`;
  await sql.raw(`create trigger "job_runs_job_check_insert" before insert on "job_runs" when ${when} ${body}`).execute(db);
  await sql.raw(`create trigger "job_runs_job_check_update" before update of "job" on "job_runs" when ${when} ${body}`).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const text = postgres ? sql`text collate "C"` : "text";
  await db.schema.alterTable("organizations").addColumn("status", text, (c) => c.notNull().defaultTo("active")).execute();
  await db.schema.alterTable("organizations").addColumn("suspended_at", text).execute();
  await db.schema.alterTable("organizations").addColumn("suspension_reason", text).execute();
  await db.schema.alterTable("organizations").addColumn("deletion_due_at", text).execute();
  if (postgres) {
    await sql.raw(`alter table "organizations" add constraint "organizations_status_check" check (${inList(`"status"`, STATUSES)})`).execute(db);
  } else {
    const when = `not (${inList(`new."status"`, STATUSES)})`;
    const body = `begin select raise(abort, 'CHECK constraint failed: organizations_status_check'); end`;
    await sql.raw(`create trigger "organizations_status_check_insert" before insert on "organizations" when ${when} ${body}`).execute(db);
    await sql.raw(`create trigger "organizations_status_check_update" before update of "status" on "organizations" when ${when} ${body}`).execute(db);
  }
  // The deletion job looks up the centres whose date has passed.
  await db.schema.createIndex("organizations_deletion_due_idx").on("organizations").column("deletion_due_at").execute();
  await jobCheck(db, postgres, JOBS_AFTER);
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.deleteFrom("job_runs").where("job", "=", "centre-deletion").execute();
  await jobCheck(db, postgres, JOBS_BEFORE);
  await db.schema.dropIndex("organizations_deletion_due_idx").execute();
  if (postgres) await sql.raw(`alter table "organizations" drop constraint "organizations_status_check"`).execute(db);
  else {
    await sql.raw(`drop trigger "organizations_status_check_insert"`).execute(db);
    await sql.raw(`drop trigger "organizations_status_check_update"`).execute(db);
  }
  for (const c of ["deletion_due_at", "suspension_reason", "suspended_at", "status"]) await db.schema.alterTable("organizations").dropColumn(c).execute();
}
