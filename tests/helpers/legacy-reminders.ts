// The reminders job as it was before it became incremental (commit dc885f3,
// app/modules/notifications/reminders.server.ts), kept verbatim as the reference the chunked job is
// compared with (tests/integration/jobs.test.ts): every centre, every kind, every run, one notify
// call per item. Not used by the app.
import type { DB } from "../../db/schema";
import { writeTx } from "../../db/tx";
import { formatDate, formatDeadline } from "~/utils/time";
import { board } from "~/modules/attendance/attendance.server";
import { annualReminders } from "~/modules/evaluation/annual.server";
import { centreInspectionSummary } from "~/modules/inspections/summary.server";
import { overdueCondition } from "~/modules/tasks/queries.server";
import { OPEN_STATUSES } from "~/modules/tasks/rules";
import { addDays, vnDateOf } from "~/utils/dates";
import { notify } from "~/modules/notifications/notify.server";

/**
 * Scheduled reminders, idempotent: each carries a dedupe key (kind, record, day), so running the
 * job any number of times sends each reminder once. Deadline tomorrow and duty tomorrow from 07:00,
 * overdue every morning, the annual evaluations not finalised on 1/12 and 10/12, and the leaders' digest at the centre's digest hour (Vietnam time).
 * Returns how many notifications were created.
 */
export async function legacyRunReminders(db: DB, now: Date): Promise<number> {
  const today = vnDateOf(now);
  const hour = Number(new Intl.DateTimeFormat("en-GB", { hour: "2-digit", hourCycle: "h23", timeZone: "Asia/Ho_Chi_Minh" }).format(now));
  if (hour < 7) return 0;
  const tomorrow = addDays(today, 1);
  // tenant-safe: background job across all centres: one row per centre, with its channels joined on c.org_id = o.id.
  const orgs = await db
    .selectFrom("organizations as o")
    .leftJoin("org_channels as c", "c.org_id", "o.id")
    .select(["o.id", "c.digest_hour"])
    .execute();
  let created = 0;
  for (const org of orgs) {
    const [dueTomorrow, overdue, shifts, actionsDue] = await Promise.all([
      db
        .selectFrom("tasks")
        .select(["id", "title", "assignee_id", "deadline_date", "deadline_time"])
        .where("org_id", "=", org.id)
        .where("status", "in", [...OPEN_STATUSES])
        .where("deadline_date", "=", tomorrow)
        .limit(1000)
        .execute(),
      db
        .selectFrom("tasks")
        .select(["id", "title", "assignee_id", "deadline_date", "deadline_time"])
        .where("org_id", "=", org.id)
        // Overdue as everywhere else: a result submitted and waiting for approval is not.
        .where(overdueCondition(now))
        .limit(1000)
        .execute(),
      db
        .selectFrom("roster_slots as s")
        .innerJoin("rosters as r", "r.id", "s.roster_id")
        .select(["s.id", "s.membership_id", "s.date", "s.kind", "s.start_time", "s.end_time", "r.id as rosterId"])
        .where("s.org_id", "=", org.id)
        .where("r.status", "=", "published")
        .where("s.date", "=", tomorrow)
        .where("s.membership_id", "is not", null)
        .execute(),
      db
        .selectFrom("inspection_actions as a")
        .innerJoin("inspection_template_items as it", "it.id", "a.item_id")
        .select(["a.id", "a.membership_id", "a.inspection_id", "a.due_date", "it.code", "it.text"])
        .where("a.org_id", "=", org.id)
        .where("a.status", "=", "open")
        .where("a.due_date", "=", tomorrow)
        .limit(1000)
        .execute(),
    ]);
    created += await writeTx(db, async (tx) => {
      let n = 0;
      for (const t of dueTomorrow) {
        n += await notify(tx, { orgId: org.id, recipients: [t.assignee_id], kind: "deadlineTomorrow", params: { title: t.title, deadline: formatDeadline(t.deadline_date, t.deadline_time) }, path: `/tasks/${t.id}`, dedupeKey: `deadline:${t.id}:${today}`, at: now });
      }
      for (const t of overdue) {
        n += await notify(tx, { orgId: org.id, recipients: [t.assignee_id], kind: "overdue", params: { title: t.title, deadline: formatDeadline(t.deadline_date, t.deadline_time) }, path: `/tasks/${t.id}`, dedupeKey: `overdue:${t.id}:${today}`, at: now });
      }
      for (const s of shifts) {
        n += await notify(tx, { orgId: org.id, recipients: [s.membership_id], kind: "shiftTomorrow", params: { date: formatDate(s.date), kind: s.kind, time: `${s.start_time}–${s.end_time}` }, path: `/rosters/${s.rosterId}`, dedupeKey: `shift:${s.id}`, at: now });
      }
      for (const a of actionsDue) {
        n += await notify(tx, { orgId: org.id, recipients: [a.membership_id], kind: "actionDue", params: { item: `${a.code} ${a.text}`, due: formatDate(a.due_date) }, path: `/inspections/${a.inspection_id}`, dedupeKey: `action:${a.id}`, at: now });
      }
      return n;
    });
    // December: the years not finalised yet (before the rating deadline of 15/12).
    created += await annualReminders(db, org.id, now);
    if (hour >= (org.digest_hour ?? 7)) {
      const [b, insp] = await Promise.all([board(db, org.id, today, now), centreInspectionSummary(db, org.id, addDays(today, -365), today, now)]);
      const leaders = await db.selectFrom("memberships").select(["id", "roles"]).where("org_id", "=", org.id).where("active", "=", 1).execute();
      const recipients = leaders.filter((l) => /director|deputy/.test(l.roles)).map((l) => l.id);
      created += await writeTx(db, (tx) =>
        notify(tx, {
          orgId: org.id,
          recipients,
          kind: "digest",
          // Absent: a session over with no check-in; someone not in yet while it runs is not absent.
          params: { date: formatDate(today), absent: b.absent.length, overdue: overdue.length, findings: insp.actions.open },
          path: "/",
          dedupeKey: `digest:${today}`,
          at: now,
        }),
      );
    }
  }
  return created;
}
