import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { DB } from "../../../db/schema";
import { jobTx } from "../../../db/tx";
import { formatDate, formatDeadline } from "../../utils/time";
import { board } from "../attendance/attendance.server";
import { annualReminders } from "../evaluation/annual.server";
import { openActionsByCentre } from "../inspections/summary.server";
import { chunks, LOOKBACK_MS, pacer, withJobRun } from "../jobs/runs.server";
import { overdueCondition } from "../tasks/queries.server";
import { OPEN_STATUSES } from "../tasks/rules";
import { addDays, deadlineInstant, vnDateOf } from "../../utils/dates";
import { notifyMany, type NotifyItem } from "./notify.server";

/**
 * Scheduled reminders (every minute from 07:00, Vietnam time): deadline tomorrow, overdue every
 * morning, duty tomorrow, a corrective action due tomorrow, the annual evaluations not finalised on
 * 1/12 and 10/12, and the leaders' digest at the centre's digest hour. Each reminder carries a
 * dedupe key (kind, record, day) under a unique index, so it reaches each person once however often
 * the job runs. Returns how many notifications were created.
 *
 * Incremental and chunked (docs/decisions/0029-incremental-jobs-and-retention.md), with its cursor
 * in `job_runs`:
 * - the first run of a day sweeps every centre, a chunk of centres at a time, for the day's
 *   reminders: for each chunk one set-based query per kind finds what is due and not yet sent
 *   (an anti-join on the dedupe key), and only those are written, in short transactions of a
 *   bounded number of rows; the sweep saves its place after each chunk, and rests as long as it
 *   worked before the next (the event loop and the database are the requests' meanwhile);
 * - every later run looks only at what changed or fell due since the last run (tasks changed or
 *   whose deadline passed, roster slots changed or published, corrective actions changed) — a few
 *   index reads whatever the number of centres — and writes the reminders those call for;
 * - the digests are a pass over the centres whose digest hour has come, once an hour, computing
 *   the digest only of the centres that do not have today's yet, a few centres at a time.
 */
export async function runReminders(db: DB, now: Date, opts: ReminderOptions = {}): Promise<number> {
  const today = vnDateOf(now);
  const hour = vnHour(now);
  if (hour < 7) return 0;
  const o = { ...DEFAULTS, ...opts };
  return withJobRun<RemindersCursor>(db, "reminders", now, async (run) => {
    const pace = pacer();
    let c = run.cursor;
    if (c.day !== today) c = { day: today, sweepAfter: "", sweepDone: false, sweepStartedAt: now.toISOString(), since: now.toISOString(), digestHour: 6, digestAfter: "" };
    let created = 0;
    if (!c.sweepDone) {
      for (;;) {
        const orgIds = await centresAfter(db, c.sweepAfter ?? "", o.sweepCentres);
        if (orgIds.length) {
          created += await sweepChunk(db, orgIds, now, o, pace);
          // December: the years not finalised yet (before the rating deadline of 15/12); nothing on other days.
          for (const orgId of orgIds) created += await annualReminders(db, orgId, now);
          c = { ...c, sweepAfter: orgIds[orgIds.length - 1]! };
        }
        if (orgIds.length < o.sweepCentres) {
          // Changes made while the sweep ran are the next run's: it looks from the sweep's start.
          c = { ...c, sweepDone: true, since: c.sweepStartedAt };
        }
        await run.save(c);
        await pace.rest();
        if (c.sweepDone) break;
      }
    } else {
      const since = c.since && c.since < now.toISOString() ? c.since : now.toISOString();
      created += await deltaRun(db, new Date(Date.parse(since) - LOOKBACK_MS), now, o, pace);
      c = { ...c, since: now.toISOString() };
      await run.save(c);
    }
    if ((c.digestHour ?? 6) < hour) {
      for (;;) {
        const orgIds = await centresAfter(db, c.digestAfter ?? "", o.sweepCentres);
        if (orgIds.length) created += await digestChunk(db, orgIds, today, hour, now, o, pace);
        c = orgIds.length < o.sweepCentres ? { ...c, digestHour: hour, digestAfter: "" } : { ...c, digestAfter: orgIds[orgIds.length - 1]! };
        await run.save(c);
        await pace.rest();
        if (c.digestAfter === "") break;
      }
    }
    run.cursor = c;
    return created;
  });
}

export interface ReminderOptions {
  /** Centres per chunk of the morning sweep and of the digest pass. */
  sweepCentres?: number;
  /** Notifications per write transaction (and rows per read). */
  batchRows?: number;
  /** Digests computed between two yields to the event loop. */
  digestCentres?: number;
}
const DEFAULTS: Required<ReminderOptions> = { sweepCentres: 25, batchRows: 100, digestCentres: 2 };

interface RemindersCursor {
  /** The Vietnam date the rest is about. */
  day: string;
  /** The last centre (by id) the morning sweep has done. */
  sweepAfter: string;
  sweepDone: boolean;
  sweepStartedAt: string;
  /** Changes up to this instant have been looked at. */
  since: string;
  /** Digests are done for the centres whose hour is up to this one. */
  digestHour: number;
  /** The last centre of a digest pass under way ("" when none is). */
  digestAfter: string;
}

function vnHour(now: Date): number {
  return new Date(now.getTime() + 7 * 3600_000).getUTCHours();
}

async function centresAfter(db: DB, after: string, limit: number): Promise<string[]> {
  // Suspended centres are skipped (decision 0044): their members get no reminder and no digest.
  const rows = await db.selectFrom("organizations").select("id").where("id", ">", after).where("status", "=", "active").orderBy("id").limit(limit).execute();
  return rows.map((r) => r.id);
}

/**
 * `not exists` a notification with this dedupe key for this member: the reminder is still to send.
 * Correlated to the outer row's member and centre; answered by the (membership_id, dedupe_key)
 * unique index. Plain SQL that SQLite and PostgreSQL read alike.
 */
function notSent(member: string, org: string, key: RawBuilder<string>): RawBuilder<SqlBool> {
  return sql<SqlBool>`not exists (select 1 from notifications n where n.membership_id = ${sql.ref(member)} and n.org_id = ${sql.ref(org)} and n.dedupe_key = ${key})`;
}

/**
 * The member is active in the row's centre (`notify` writes to no one else). A correlated `exists`
 * rather than a join, so that the planner starts from the rows due (the task, slot or action
 * indexes) and not from every member's every task.
 */
function activeMember(member: string, org: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from memberships m where m.id = ${sql.ref(member)} and m.org_id = ${sql.ref(org)} and m.active = 1)`;
}

/** The dedupe key of a reminder, built in SQL from the row it is about: `<prefix><id><suffix>`. */
function keyOf(prefix: string, idColumn: string, suffix = "") {
  return suffix ? sql<string>`${prefix} || ${sql.ref(idColumn)} || ${suffix}` : sql<string>`${prefix} || ${sql.ref(idColumn)}`;
}

/** What limits the candidate rows: the centres of a sweep chunk, or the changes since an instant. */
type Scope = { orgIds: string[] } | { from: string; to: string };

/** Tasks due tomorrow, open, whose assignee has no reminder of it today. */
function dueTomorrow(db: DB, scope: Scope, today: string, limit: number) {
  const tomorrow = addDays(today, 1);
  // deadline_at of a deadline on `tomorrow` lies within tomorrow in Vietnam: a range the (org_id,
  // status, deadline_at) index answers, checked against deadline_date as well.
  const from = new Date(deadlineInstant(tomorrow, "00:00").getTime() - 60_000).toISOString();
  const to = deadlineInstant(tomorrow, "23:59").toISOString();
  return (
    db
      // tenant-safe: background job across all centres: the chunk's centres (sweep) or the tasks changed since the last run (delta), each reminder in the task's own centre.
      .selectFrom("tasks as t")
      .select(["t.id", "t.org_id", "t.title", "t.assignee_id", "t.deadline_date", "t.deadline_time"])
      .where("t.status", "in", [...OPEN_STATUSES])
      .where("t.deadline_date", "=", tomorrow)
      .where("t.deadline_at", ">", from)
      .where("t.deadline_at", "<=", to)
      .where(activeMember("t.assignee_id", "t.org_id"))
      .where((eb) => {
        const scoped = "orgIds" in scope
          ? eb("t.org_id", "in", scope.orgIds)
          : eb(
              "t.id",
              "in",
              // tenant-safe: background job across all centres: ids of the tasks changed since the last run.
              eb.selectFrom("tasks").select("id").where("updated_at", ">", scope.from),
            );
        return eb.and([scoped, notSent("t.assignee_id", "t.org_id", keyOf("deadline:", "t.id", `:${today}`))]);
      })
      .limit(limit)
  );
}

/** Tasks overdue now (the one rule of overdueCondition) whose assignee has no overdue reminder today. */
function overdue(db: DB, scope: Scope, today: string, now: Date, limit: number) {
  return (
    db
      // tenant-safe: background job across all centres: the chunk's centres (sweep) or the tasks changed or past their deadline since the last run (delta), each reminder in the task's own centre.
      .selectFrom("tasks as t")
      .select(["t.id", "t.org_id", "t.title", "t.assignee_id", "t.deadline_date", "t.deadline_time"])
      .where(overdueCondition(now, "t"))
      .where(activeMember("t.assignee_id", "t.org_id"))
      .where((eb) => {
        const scoped = "orgIds" in scope
          ? eb("t.org_id", "in", scope.orgIds)
          : eb(
              "t.id",
              "in",
              eb
                // tenant-safe: background job across all centres: ids of the tasks changed since the last run…
                .selectFrom("tasks")
                .select("id")
                .where("updated_at", ">", scope.from)
                .unionAll(
                  // tenant-safe: …and of those whose deadline passed since then.
                  eb.selectFrom("tasks").select("id").where("deadline_at", ">", scope.from).where("deadline_at", "<=", scope.to),
                ),
            );
        return eb.and([scoped, notSent("t.assignee_id", "t.org_id", keyOf("overdue:", "t.id", `:${today}`))]);
      })
      .limit(limit)
  );
}

/** Published duty shifts tomorrow whose member has not been told. */
function shiftsTomorrow(db: DB, scope: Scope, today: string, limit: number) {
  return (
    db
      // tenant-safe: background job across all centres: the chunk's centres (sweep) or the slots changed or rosters published since the last run (delta), each reminder in the slot's own centre.
      .selectFrom("roster_slots as s")
      .innerJoin("rosters as r", "r.id", "s.roster_id")
      .select(["s.id", "s.org_id", "s.membership_id", "s.date", "s.kind", "s.start_time", "s.end_time", "r.id as rosterId"])
      .where("r.status", "=", "published")
      .where("s.date", "=", addDays(today, 1))
      .whereRef("r.org_id", "=", "s.org_id")
      .where(activeMember("s.membership_id", "s.org_id"))
      .where((eb) => {
        const scoped = "orgIds" in scope
          ? eb("s.org_id", "in", scope.orgIds)
          : eb(
              "s.id",
              "in",
              eb
                // tenant-safe: background job across all centres: ids of the slots changed since the last run…
                .selectFrom("roster_slots")
                .select("id")
                .where("updated_at", ">", scope.from)
                .unionAll(
                  eb
                    // tenant-safe: …and the slots of the rosters published since then (slot and roster of one centre).
                    .selectFrom("roster_slots as s2")
                    .innerJoin("rosters as r2", "r2.id", "s2.roster_id")
                    .select("s2.id")
                    .whereRef("r2.org_id", "=", "s2.org_id")
                    .where("r2.published_at", ">", scope.from),
                ),
            );
        return eb.and([scoped, notSent("s.membership_id", "s.org_id", keyOf("shift:", "s.id"))]);
      })
      .limit(limit)
  );
}

/** Open corrective actions due tomorrow whose member has not been reminded. */
function actionsDue(db: DB, scope: Scope, today: string, limit: number) {
  return (
    db
      // tenant-safe: background job across all centres: the chunk's centres (sweep) or the actions changed since the last run (delta), each reminder in the action's own centre.
      .selectFrom("inspection_actions as a")
      .innerJoin("inspection_template_items as it", "it.id", "a.item_id")
      .select(["a.id", "a.org_id", "a.membership_id", "a.inspection_id", "a.due_date", "it.code", "it.text"])
      .where("a.status", "=", "open")
      .where("a.due_date", "=", addDays(today, 1))
      .whereRef("it.org_id", "=", "a.org_id")
      .where(activeMember("a.membership_id", "a.org_id"))
      .where((eb) => {
        const scoped = "orgIds" in scope
          ? eb("a.org_id", "in", scope.orgIds)
          : eb(
              "a.id",
              "in",
              // tenant-safe: background job across all centres: ids of the actions changed since the last run.
              eb.selectFrom("inspection_actions").select("id").where("updated_at", ">", scope.from),
            );
        return eb.and([scoped, notSent("a.membership_id", "a.org_id", keyOf("action:", "a.id"))]);
      })
      .limit(limit)
  );
}

/**
 * Every kind of reminder for a scope: reads the reminders due and not sent, a bounded number at a
 * time, and writes them in a short transaction each, yielding in between. A second pass over the
 * same scope finds nothing (they are sent now), which ends the loop.
 */
async function remind(db: DB, scope: Scope, now: Date, o: Required<ReminderOptions>, pace: Pace): Promise<number> {
  const today = vnDateOf(now);
  const kinds: (() => Promise<NotifyItem[]>)[] = [
    async () =>
      (await dueTomorrow(db, scope, today, o.batchRows).execute()).map((t) => ({
        orgId: t.org_id,
        membershipId: t.assignee_id!,
        kind: "deadlineTomorrow" as const,
        params: { title: t.title, deadline: formatDeadline(t.deadline_date, t.deadline_time) },
        path: `/tasks/${t.id}`,
        dedupeKey: `deadline:${t.id}:${today}`,
      })),
    async () =>
      (await overdue(db, scope, today, now, o.batchRows).execute()).map((t) => ({
        orgId: t.org_id,
        membershipId: t.assignee_id!,
        kind: "overdue" as const,
        params: { title: t.title, deadline: formatDeadline(t.deadline_date, t.deadline_time) },
        path: `/tasks/${t.id}`,
        dedupeKey: `overdue:${t.id}:${today}`,
      })),
    async () =>
      (await shiftsTomorrow(db, scope, today, o.batchRows).execute()).map((s) => ({
        orgId: s.org_id,
        membershipId: s.membership_id!,
        kind: "shiftTomorrow" as const,
        params: { date: formatDate(s.date), kind: s.kind, time: `${s.start_time}–${s.end_time}` },
        path: `/rosters/${s.rosterId}`,
        dedupeKey: `shift:${s.id}`,
      })),
    async () =>
      (await actionsDue(db, scope, today, o.batchRows).execute()).map((a) => ({
        orgId: a.org_id,
        membershipId: a.membership_id,
        kind: "actionDue" as const,
        params: { item: `${a.code} ${a.text}`, due: formatDate(a.due_date) },
        path: `/inspections/${a.inspection_id}`,
        dedupeKey: `action:${a.id}`,
      })),
  ];
  let created = 0;
  for (const due of kinds) {
    for (;;) {
      const items = await due();
      if (!items.length) break;
      const n = await jobTx(db, (tx) => notifyMany(tx, items, now));
      created += n;
      await pace.rest();
      // Fewer than a batch: that was all. None written: what is left cannot be (never loop on it).
      if (items.length < o.batchRows || n === 0) break;
    }
  }
  return created;
}

type Pace = ReturnType<typeof pacer>;

function sweepChunk(db: DB, orgIds: string[], now: Date, o: Required<ReminderOptions>, pace: Pace): Promise<number> {
  return remind(db, { orgIds }, now, o, pace);
}

function deltaRun(db: DB, from: Date, now: Date, o: Required<ReminderOptions>, pace: Pace): Promise<number> {
  return remind(db, { from: from.toISOString(), to: now.toISOString() }, now, o, pace);
}

/**
 * The leaders' digest for the centres of a chunk whose digest hour has come and whose directors or
 * deputies do not have today's yet: absent so far (a session over with no check-in; someone not in
 * yet while it runs is not absent), overdue tasks, open corrective actions.
 */
async function digestChunk(db: DB, orgIds: string[], today: string, hour: number, now: Date, o: Required<ReminderOptions>, pace: Pace): Promise<number> {
  const key = `digest:${today}`;
  const waiting = await db
    .selectFrom("memberships as m")
    .leftJoin("org_channels as c", "c.org_id", "m.org_id")
    .select(["m.id", "m.org_id"])
    .where("m.org_id", "in", orgIds)
    .where("m.active", "=", 1)
    .where((eb) => eb.or([eb("m.roles", "like", "%director%"), eb("m.roles", "like", "%deputy%")]))
    .where(sql<number>`coalesce(${sql.ref("c.digest_hour")}, 7)`, "<=", hour)
    .where(notSent("m.id", "m.org_id", sql<string>`${key}`))
    .execute();
  if (!waiting.length) return 0;
  const centres = [...new Set(waiting.map((w) => w.org_id))];
  const [overdueCounts, findings] = await Promise.all([
    db
      .selectFrom("tasks")
      .select((eb) => ["org_id", eb.fn.countAll<number>().as("n")])
      .where("org_id", "in", centres)
      .where(overdueCondition(now))
      .groupBy("org_id")
      .execute(),
    openActionsByCentre(db, centres, now),
  ]);
  const overdueOf = new Map(overdueCounts.map((r) => [r.org_id, Number(r.n)]));
  let created = 0;
  for (const group of chunks(centres, o.digestCentres)) {
    const items: NotifyItem[] = [];
    for (const orgId of group) {
      const b = await board(db, orgId, today, now);
      const params = { date: formatDate(today), absent: b.absent.length, overdue: overdueOf.get(orgId) ?? 0, findings: findings.get(orgId) ?? 0 };
      for (const w of waiting) if (w.org_id === orgId) items.push({ orgId, membershipId: w.id, kind: "digest", params, path: "/", dedupeKey: key });
    }
    created += await jobTx(db, (tx) => notifyMany(tx, items, now));
    await pace.rest();
  }
  return created;
}
