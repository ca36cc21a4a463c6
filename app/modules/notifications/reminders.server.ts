import type { DB } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { formatDate, formatDeadline } from "../../utils/time";
import { board } from "../attendance/attendance.server";
import { annualReminders } from "../evaluation/annual.server";
import { actionsDueOn, centreInspectionSummary } from "../inspections/summary.server";
import { shiftsOn } from "../rosters/shifts.server";
import { overdueTasks, tasksDueOn } from "../tasks/queries.server";
import { addDays, vnDateOf } from "../../utils/dates";
import { allCentreIds } from "../org/centre.server";
import { activeMemberRoles } from "../org/members.server";
import { notify } from "./notify.server";

/**
 * Scheduled reminders, idempotent: each carries a dedupe key (kind, record, day), so running the
 * job any number of times sends each reminder once. Deadline tomorrow and duty tomorrow from 07:00,
 * overdue every morning, the annual evaluations not finalised on 1/12 and 10/12, and the leaders' digest at the centre's digest hour (Vietnam time).
 * Returns how many notifications were created.
 */
export async function runReminders(db: DB, now: Date): Promise<number> {
  const today = vnDateOf(now);
  const hour = Number(new Intl.DateTimeFormat("en-GB", { hour: "2-digit", hourCycle: "h23", timeZone: "Asia/Ho_Chi_Minh" }).format(now));
  if (hour < 7) return 0;
  const tomorrow = addDays(today, 1);
  const [ids, channels] = await Promise.all([
    allCentreIds(db),
    // tenant-safe: background job across all centres: each centre's digest hour, matched by org_id below.
    db.selectFrom("org_channels").select(["org_id", "digest_hour"]).execute(),
  ]);
  const digestHour = new Map(channels.map((c) => [c.org_id, c.digest_hour]));
  const orgs = ids.map((id) => ({ id, digest_hour: digestHour.get(id) ?? null }));
  let created = 0;
  for (const org of orgs) {
    const [dueTomorrow, overdue, shifts, actionsDue] = await Promise.all([
      tasksDueOn(db, org.id, tomorrow),
      overdueTasks(db, org.id, now),
      shiftsOn(db, org.id, tomorrow),
      actionsDueOn(db, org.id, tomorrow),
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
      const leaders = await activeMemberRoles(db, org.id);
      const recipients = leaders.filter((l) => l.roles.includes("director") || l.roles.includes("deputy")).map((l) => l.id);
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
