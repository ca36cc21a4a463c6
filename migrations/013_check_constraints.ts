import { PostgresAdapter, SqliteAdapter, sql, type Kysely } from "kysely";

// Frozen. The database refuses a kind, state or role it does not know (issue 15): one CHECK per
// column, named <table>_<column>_check. The lists are copies of the ones in db/schema.ts as they
// were when this migration was written (tests/integration/schema-types.test.ts checks that they
// still agree); a new value needs a new migration that replaces the check.
//
// PostgreSQL: ALTER TABLE … ADD CONSTRAINT … CHECK. SQLite cannot add a constraint to an existing
// table, so each check is a pair of triggers (before insert, and before an update of the column)
// that abort with SQLite's own message for a failed CHECK. NULL passes, as it does a CHECK:
// nullability is the column's NOT NULL.
//
// Rows already stored are checked first: the migration stops and names the offending column and
// values instead of installing a check that the data break (PostgreSQL would refuse it too).

interface Check {
  table: string;
  column: string;
  values: readonly string[];
  /** A comma-separated list of distinct values ("director,admin"), at least one. */
  list?: boolean;
}

const CHECKS: readonly Check[] = [
  { table: "memberships", column: "roles", values: ["admin", "director", "deputy", "inspector", "staff"], list: true },
  { table: "users", column: "locale", values: ["vi", "en"] },
  { table: "calendar_days", column: "kind", values: ["off", "working"] },
  { table: "plan_items", column: "kind", values: ["key", "breakthrough"] },
  { table: "task_series", column: "frequency", values: ["weekly", "monthly", "quarterly", "yearly"] },
  { table: "tasks", column: "status", values: ["draft", "assigned", "in_progress", "submitted", "returned", "done", "cancelled"] },
  { table: "tasks", column: "priority", values: ["low", "normal", "high", "urgent"] },
  { table: "tasks", column: "source_kind", values: ["plan", "meeting", "directive", "feedback", "adhoc"] },
  { table: "tasks", column: "timeliness", values: ["early", "on_time", "late"] },
  { table: "tasks", column: "timeliness_original", values: ["early", "on_time", "late"] },
  { table: "task_members", column: "role", values: ["coworker", "follower"] },
  {
    table: "task_events",
    column: "kind",
    values: [
      "created",
      "assigned",
      "edited",
      "progress",
      "submitted",
      "approved",
      "returned",
      "cancelled",
      "extensionRequested",
      "extensionGranted",
      "extensionRefused",
      "comment",
      "recurred",
    ],
  },
  { table: "task_submissions", column: "decision", values: ["accepted", "returned"] },
  { table: "task_extensions", column: "status", values: ["pending", "granted", "refused"] },
  { table: "task_settings", column: "late_extensions", values: ["keep_late", "refuse"] },
  { table: "org_settings", column: "checkin_mode", values: ["day", "session"] },
  { table: "schedule_versions", column: "checkin_mode", values: ["day", "session"] },
  { table: "rosters", column: "day_mode", values: ["nonworking", "all"] },
  { table: "rosters", column: "status", values: ["draft", "published"] },
  { table: "roster_slots", column: "kind", values: ["leader", "staff", "security"] },
  { table: "roster_swaps", column: "status", values: ["requested", "accepted", "declined", "approved", "refused"] },
  { table: "roster_changes", column: "kind", values: ["published", "reassigned", "swapped"] },
  { table: "attendance_records", column: "session", values: ["day", "morning", "afternoon"] },
  { table: "attendance_corrections", column: "session", values: ["day", "morning", "afternoon"] },
  { table: "attendance_corrections", column: "status", values: ["pending", "approved", "refused"] },
  { table: "leave_requests", column: "kind", values: ["annual", "sick", "business", "personal_paid", "personal_unpaid"] },
  { table: "leave_requests", column: "part", values: ["full", "morning", "afternoon"] },
  { table: "leave_requests", column: "status", values: ["pending", "approved", "refused", "cancelled"] },
  { table: "inspection_templates", column: "source", values: ["builtin", "copy", "new"] },
  { table: "inspections", column: "mode", values: ["full", "quick"] },
  { table: "inspections", column: "status", values: ["draft", "submitted"] },
  { table: "inspection_results", column: "outcome", values: ["pass", "fail", "na"] },
  { table: "inspection_actions", column: "status", values: ["open", "explained", "resolved", "unresolved"] },
  { table: "evaluations", column: "status", values: ["draft", "finalised"] },
  { table: "evaluations", column: "band", values: ["excellent", "good", "completed", "failed"] },
  { table: "annual_evaluations", column: "status", values: ["draft", "finalised"] },
  { table: "annual_evaluations", column: "band", values: ["excellent", "good", "completed", "failed"] },
  { table: "annual_evaluations", column: "chosen_band", values: ["excellent", "good", "completed", "failed"] },
  { table: "annual_evaluations", column: "self_band", values: ["excellent", "good", "completed", "failed"] },
  { table: "reports", column: "period_kind", values: ["month", "quarter", "year", "custom"] },
  { table: "reports", column: "status", values: ["draft", "finalised"] },
  {
    table: "notifications",
    column: "kind",
    values: [
      "taskAssigned",
      "taskInvolved",
      "taskReturned",
      "taskApproved",
      "taskSubmitted",
      "extensionRequested",
      "extensionDecided",
      "deadlineTomorrow",
      "overdue",
      "rosterPublished",
      "shiftTomorrow",
      "swapRequested",
      "swapDecided",
      "leaveDecided",
      "correctionDecided",
      "findingRaised",
      "actionDue",
      "evaluationFinalised",
      "annualFinalised",
      "annualDue",
      "digest",
      "leaveRequested",
      "correctionRequested",
      "swapAccepted",
      "actionExplained",
      "actionVerified",
    ],
  },
  { table: "outbox", column: "channel", values: ["webhook", "telegram", "email"] },
  { table: "outbox", column: "status", values: ["pending", "sending", "sent", "failed"] },
];

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
const checkName = (c: Check) => `${c.table}_${c.column}_check`;

/**
 * The condition on a column reference, true for an allowed value (and NULL when the value is NULL,
 * as in a CHECK). A list: wrapped in commas, each allowed ",value," replaced by a single comma must
 * leave a single comma — so no unknown, empty or repeated item. Plain SQL on both databases.
 */
function allowed(c: Check, ref: string): string {
  if (!c.list) return `${ref} in (${c.values.map(literal).join(", ")})`;
  let text = `',' || ${ref} || ','`;
  for (const v of c.values) text = `replace(${text}, ${literal(`,${v},`)}, ',')`;
  return `${text} = ','`;
}

function dialectOf(db: Kysely<any>): "sqlite" | "postgres" {
  // Kysely shows its dialect only through the executor's adapter.
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) return "sqlite";
  if (adapter instanceof PostgresAdapter) return "postgres";
  throw new Error(`013_check_constraints: no CHECK constraints written for ${adapter.constructor.name}`);
}

async function inOneTransaction(db: Kysely<any>, fn: (db: Kysely<any>) => Promise<void>): Promise<void> {
  // PostgreSQL migrations already run in a transaction; SQLite's do not (Kysely's Migrator).
  if (db.isTransaction) return fn(db);
  await db.transaction().execute(fn);
}

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await inOneTransaction(db, async (db) => {
    const problems: string[] = [];
    for (const c of CHECKS) {
      const { rows } = await sql<{ value: string; n: number }>`select ${sql.raw(ident(c.column))} as value, count(*) as n from ${sql.raw(ident(c.table))}
        where not (${sql.raw(allowed(c, ident(c.column)))}) group by ${sql.raw(ident(c.column))}`.execute(db);
      if (rows.length) problems.push(`${c.table}.${c.column}: ${rows.map((r) => `${JSON.stringify(r.value)} (${r.n} rows)`).join(", ")}`);
    }
    if (problems.length) {
      throw new Error(`013_check_constraints: stored values that the new checks would refuse; correct them first:\n${problems.join("\n")}`);
    }

    for (const c of CHECKS) {
      const name = checkName(c);
      if (dialect === "postgres") {
        await sql.raw(`alter table ${ident(c.table)} add constraint ${ident(name)} check (${allowed(c, ident(c.column))})`).execute(db);
        continue;
      }
      const when = `not (${allowed(c, `new.${ident(c.column)}`)})`;
      const body = `begin select raise(abort, ${literal(`CHECK constraint failed: ${name}`)}); end`;
      await sql.raw(`create trigger ${ident(`${name}_insert`)} before insert on ${ident(c.table)} when ${when} ${body}`).execute(db);
      await sql
        .raw(`create trigger ${ident(`${name}_update`)} before update of ${ident(c.column)} on ${ident(c.table)} when ${when} ${body}`)
        .execute(db);
    }
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await inOneTransaction(db, async (db) => {
    for (const c of CHECKS) {
      const name = checkName(c);
      if (dialect === "postgres") {
        await sql.raw(`alter table ${ident(c.table)} drop constraint ${ident(name)}`).execute(db);
      } else {
        await sql.raw(`drop trigger ${ident(`${name}_insert`)}`).execute(db);
        await sql.raw(`drop trigger ${ident(`${name}_update`)}`).execute(db);
      }
    }
  });
}
