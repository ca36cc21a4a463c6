import { randomUUID } from "node:crypto";
import type { DB } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { audit } from "../audit/audit.server";
import { normalizeSearch } from "../../../db/text";
import { deadlineInstant, nextPeriod, periodOf, vnDateOf } from "../../utils/dates";
import { occurrenceDeadline, retitle } from "./rules";
import { newTaskColumns } from "./tasks.server";

/** At most this many missed periods are caught up per series in one run. */
const MAX_CATCH_UP = 12;

/**
 * Creates the occurrences of recurring tasks whose period has begun. Idempotent: an occurrence
 * is keyed by (series, period key) under a unique index, so running twice creates nothing twice.
 * Returns how many tasks it created.
 */
export async function runRecurringTasks(db: DB, now: Date): Promise<number> {
  const today = vnDateOf(now);
  // tenant-safe: background job across all centres: every active series, each occurrence created in its template's centre.
  const series = await db
    .selectFrom("task_series as s")
    .innerJoin("tasks as t", "t.id", "s.template_task_id")
    .selectAll("t")
    .select(["s.id as sid", "s.frequency", "s.deadline_offset_days as offset"])
    .where("s.active", "=", 1)
    .where("t.status", "!=", "draft")
    .execute();
  let created = 0;
  for (const tpl of series) {
    const { sid: _sid, frequency: _f, offset: _o, ...template } = tpl;
    const freq = tpl.frequency;
    const existing = new Set(
      (await db.selectFrom("tasks").select("occurrence_key").where("org_id", "=", tpl.org_id).where("series_id", "=", tpl.sid).execute()).map((r) => r.occurrence_key),
    );
    const members = await db.selectFrom("task_members").selectAll().where("org_id", "=", tpl.org_id).where("task_id", "=", tpl.id).execute();
    // Walk from the template's period to today's; create each period that has begun and is missing.
    const due: ReturnType<typeof periodOf>[] = [];
    let p = periodOf(tpl.start_date ?? tpl.deadline_date ?? today, freq);
    while (p.start <= today) {
      if (!existing.has(p.key)) due.push(p);
      p = nextPeriod(p.start, freq);
    }
    for (const period of due.slice(-MAX_CATCH_UP)) {
      const deadline = occurrenceDeadline(period.start, period.end, tpl.offset);
      const deadlineAt = deadlineInstant(deadline, tpl.deadline_time).toISOString();
      const at = now.toISOString();
      const id = randomUUID();
      const title = retitle(template.title, template.occurrence_key ?? "", period.key, freq);
      const inserted = await writeTx(db, async (tx) => {
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
    }
  }
  return created;
}
