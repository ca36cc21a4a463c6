import { randomUUID } from "node:crypto";
import type { DB } from "../../../db/schema";
import { jobTx } from "../../../db/tx";
import { audit } from "../audit/audit.server";
import { activeCentreIds } from "../org/lifecycle.server";
import { normalizeSearch } from "../../../db/text";
import { deadlineInstant, nextPeriod, periodOf, vnDateOf } from "../../utils/dates";
import { LOOKBACK_MS, pacer, withJobRun } from "../jobs/runs.server";
import { occurrenceDeadline, retitle } from "./rules";
import { newTaskColumns } from "./tasks.server";

/** At most this many missed periods are caught up per series in one run. */
const MAX_CATCH_UP = 12;
/** Series looked at per chunk of the daily sweep. */
const SERIES_PER_CHUNK = 100;

interface RecurrenceCursor {
  /** The Vietnam date of the last complete sweep. */
  day: string;
  /** The last series (by id) of a sweep under way. */
  after: string;
  /** Changes up to this instant have been looked at. */
  since: string;
}

/**
 * Creates the occurrences of recurring tasks whose period has begun. Idempotent: an occurrence
 * is keyed by (series, period key) under a unique index, so running twice creates nothing twice.
 * Incremental (docs/decisions/0029-incremental-jobs-and-retention.md): periods begin at midnight, so
 * the first run of a day sweeps every active series, a chunk at a time (one read of the chunk's
 * existing occurrences and one of their templates' people, then only the missing occurrences
 * written), saving its place and yielding between chunks; later runs that day look only at series
 * whose template changed since the last run (a new series, a draft issued). Returns how many
 * tasks it created.
 */
export async function runRecurringTasks(db: DB, now: Date): Promise<number> {
  const today = vnDateOf(now);
  return withJobRun<RecurrenceCursor>(db, "recurring-tasks", now, async (run) => {
    const pace = pacer();
    let c = run.cursor;
    let created = 0;
    if (c.day !== today) {
      let after = c.after ?? "";
      const startedAt = now.toISOString();
      for (;;) {
        // tenant-safe: background job across all centres: every active series in turn, each occurrence created in its template's centre.
        const series = await seriesQuery(db).where("s.id", ">", after).orderBy("s.id").limit(SERIES_PER_CHUNK).execute();
        created += await createDue(db, series, now, pace);
        if (series.length) after = series[series.length - 1]!.sid;
        const done = series.length < SERIES_PER_CHUNK;
        c = done ? { day: today, after: "", since: startedAt } : { ...c, after };
        await run.save(c);
        await pace.rest();
        if (done) break;
      }
    } else {
      const since = c.since && c.since < now.toISOString() ? c.since : now.toISOString();
      const from = new Date(Date.parse(since) - LOOKBACK_MS).toISOString();
      // tenant-safe: background job across all centres: the series whose template task changed since the last run.
      const series = await seriesQuery(db).where("t.updated_at", ">", from).orderBy("s.id").limit(1000).execute();
      created += await createDue(db, series, now, pace);
      c = { ...c, since: now.toISOString() };
    }
    run.cursor = c;
    return created;
  });
}

/** Active series with their template task (never a draft). */
function seriesQuery(db: DB) {
  return (
    db
      // tenant-safe: background job across all centres: the caller narrows to a chunk of series or to the changed ones.
      .selectFrom("task_series as s")
      .innerJoin("tasks as t", "t.id", "s.template_task_id")
      .selectAll("t")
      .select(["s.id as sid", "s.frequency", "s.deadline_offset_days as offset"])
      .where("s.active", "=", 1)
      .whereRef("t.org_id", "=", "s.org_id")
      .where("t.status", "!=", "draft")
  );
}

type SeriesRow = Awaited<ReturnType<ReturnType<typeof seriesQuery>["execute"]>>[number];

/** Creates the missing occurrences of some series: two reads for all of them, then only the writes needed. */
async function createDue(db: DB, all: SeriesRow[], now: Date, pace: ReturnType<typeof pacer>): Promise<number> {
  if (!all.length) return 0;
  // A suspended centre gets no new occurrence (decision 0044); once resumed, the next daily sweep
  // creates the current period's, as for any series.
  const active = await activeCentreIds(db, [...new Set(all.map((s) => s.org_id))]);
  const series = all.filter((s) => active.has(s.org_id));
  if (!series.length) return 0;
  const today = vnDateOf(now);
  const orgIds = [...new Set(series.map((s) => s.org_id))];
  const [occurrences, people] = await Promise.all([
    db
      .selectFrom("tasks")
      .select(["series_id", "occurrence_key"])
      .where("org_id", "in", orgIds)
      .where(
        "series_id",
        "in",
        series.map((s) => s.sid),
      )
      .execute(),
    db
      .selectFrom("task_members")
      .selectAll()
      .where("org_id", "in", orgIds)
      .where(
        "task_id",
        "in",
        series.map((s) => s.id),
      )
      .execute(),
  ]);
  const existing = new Set(occurrences.map((o) => `${o.series_id} ${o.occurrence_key}`));
  let created = 0;
  for (const tpl of series) {
    const { sid: _sid, frequency: _f, offset: _o, ...template } = tpl;
    const freq = tpl.frequency;
    const members = people.filter((m) => m.task_id === tpl.id && m.org_id === tpl.org_id);
    // Walk from the template's period to today's; create each period that has begun and is missing.
    const due: ReturnType<typeof periodOf>[] = [];
    let p = periodOf(tpl.start_date ?? tpl.deadline_date ?? today, freq);
    while (p.start <= today) {
      if (!existing.has(`${tpl.sid} ${p.key}`)) due.push(p);
      p = nextPeriod(p.start, freq);
    }
    for (const period of due.slice(-MAX_CATCH_UP)) {
      const deadline = occurrenceDeadline(period.start, period.end, tpl.offset);
      const deadlineAt = deadlineInstant(deadline, tpl.deadline_time).toISOString();
      const at = now.toISOString();
      const id = randomUUID();
      const title = retitle(template.title, template.occurrence_key ?? "", period.key, freq);
      const inserted = await jobTx(db, async (tx) => {
        const res = await tx
          .insertInto("tasks")
          .values({
            ...template,
            id,
            title,
            title_search: normalizeSearch(title),
            status: "assigned",
            start_date: period.start,
            deadline_date: deadline,
            deadline_at: deadlineAt,
            occurrence_key: period.key,
            ...newTaskColumns({ date: deadline, time: tpl.deadline_time, at: deadlineAt }, at, at),
          })
          .onConflict((oc) => oc.columns(["series_id", "occurrence_key"]).doNothing())
          .executeTakeFirst();
        if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
        if (members.length) {
          await tx
            .insertInto("task_members")
            .values(members.map((m) => ({ task_id: id, org_id: m.org_id, membership_id: m.membership_id, role: m.role })))
            .execute();
        }
        await tx
          .insertInto("task_events")
          .values({ id: randomUUID(), org_id: tpl.org_id, task_id: id, actor_id: tpl.assigner_id, kind: "recurred", progress: null, note: "", data: JSON.stringify({ period: period.key }), created_at: at })
          .execute();
        await audit(tx, { orgId: tpl.org_id, actorUserId: null, action: "task.recurred", entityType: "task", entityId: id, details: { seriesId: tpl.sid, period: period.key }, at: now });
        return true;
      });
      if (inserted) created += 1;
      await pace.rest();
    }
  }
  return created;
}
