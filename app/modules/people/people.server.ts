import type { Executor, LeaveKind } from "../../../db/schema";
import { evaluateRange } from "../attendance/attendance.server";
import { memberInspectionSummary } from "../inspections/summary.server";
import { getMember, positionHistoryOfMember } from "../org/org.server";
import { shiftState } from "../rosters/rosters.server";
import { addDays, deadlineState, OPEN_STATUSES, vnDateOf } from "../tasks/rules";
import { lastTwelveMonths, rate, type Period } from "./period";

export interface TaskFigures {
  completed: number;
  early: number;
  onTime: number;
  late: number;
  lateAgainstOriginal: number;
  returned: number;
  extended: number;
  overdue: number;
  onTimeRate: number | null;
}

type TaskRow = {
  id: string;
  status: string;
  deadline_at: string | null;
  completed_at: string | null;
  timeliness: string | null;
  timeliness_original: string | null;
  return_count: number;
  extension_count: number;
  submitted_at?: string | null;
  missed_deadline_at?: string | null;
};

/** Task figures of a set of tasks for a period: completed in it (by timeliness), and overdue now. */
export function taskFigures(rows: TaskRow[], from: string, to: string, now: Date): TaskFigures {
  const inPeriod = (iso: string | null) => {
    if (!iso) return false;
    const d = vnDateOf(new Date(iso));
    return d >= from && d <= to;
  };
  const done = rows.filter((r) => r.status === "done" && inPeriod(r.completed_at));
  const f = {
    completed: done.length,
    early: done.filter((r) => r.timeliness === "early").length,
    onTime: done.filter((r) => r.timeliness === "on_time").length,
    late: done.filter((r) => r.timeliness === "late").length,
    lateAgainstOriginal: done.filter((r) => r.timeliness_original === "late").length,
    returned: done.filter((r) => r.return_count > 0).length,
    extended: done.filter((r) => r.extension_count > 0).length,
    overdue: rows.filter(
      (r) => deadlineState({ status: r.status, deadlineAt: r.deadline_at, missedDeadlineAt: r.missed_deadline_at, submittedAt: r.submitted_at }, now) === "overdue",
    ).length,
  };
  return { ...f, onTimeRate: rate(f.early + f.onTime, f.completed) };
}

/**
 * Everything the person view shows for one member and period, in a fixed number of queries:
 * profile, position history, tasks (one query for a year), attendance (one evaluation over the
 * range), duty shifts (one query).
 */
export async function personView(db: Executor, orgId: string, membershipId: string, period: Period, now: Date) {
  const today = vnDateOf(now);
  const months = lastTwelveMonths(period.to < today ? period.to : today);
  const trendFrom = `${months[0]}-01`;
  const from = period.from < trendFrom ? period.from : trendFrom;
  const attendanceTo = period.to < today ? period.to : today;
  const [member, history, tasks, openTasks, duty, attendance, inspections] = await Promise.all([
    getMember(db, orgId, membershipId),
    positionHistoryOfMember(db, orgId, membershipId),
    db
      .selectFrom("tasks")
      .select(["id", "status", "deadline_at", "completed_at", "timeliness", "timeliness_original", "return_count", "extension_count", "submitted_at", "missed_deadline_at"])
      .where("org_id", "=", orgId)
      .where("assignee_id", "=", membershipId)
      .where((eb) => eb.or([eb("completed_at", ">=", `${addDays(from, -1)}T00:00:00Z`), eb("status", "in", [...OPEN_STATUSES])]))
      .limit(5000)
      .execute(),
    db
      .selectFrom("tasks as t")
      .leftJoin("memberships as m", "m.id", "t.approver_id")
      .leftJoin("users as u", "u.id", "m.user_id")
      .leftJoin("memberships as am", "am.id", "t.assigner_id")
      .leftJoin("users as au", "au.id", "am.user_id")
      .select([
        "t.id",
        "t.title",
        "t.status",
        "t.progress",
        "t.deadline_date as deadlineDate",
        "t.deadline_time as deadlineTime",
        "t.deadline_at as deadlineAt",
        "t.submitted_at as submittedAt",
        "t.missed_deadline_at as missedDeadlineAt",
        "t.deliverable",
        "t.source_kind as sourceKind",
        "t.source_ref as sourceRef",
        "u.full_name as approverName",
        "au.full_name as assignerName",
      ])
      .where("t.org_id", "=", orgId)
      .where("t.assignee_id", "=", membershipId)
      .where("t.status", "in", [...OPEN_STATUSES])
      .orderBy("t.deadline_at", (ob) => ob.asc().nullsFirst())
      .orderBy("t.id")
      .limit(50)
      .execute(),
    db
      .selectFrom("roster_slots as s")
      .innerJoin("rosters as r", "r.id", "s.roster_id")
      .select(["s.id", "s.date", "s.kind", "s.start_time", "s.end_time", "s.membership_id", "s.checked_in_at", "r.id as rosterId", "r.title"])
      .where("s.org_id", "=", orgId)
      .where("s.membership_id", "=", membershipId)
      .where("r.status", "=", "published")
      .where("s.date", ">=", from)
      .orderBy("s.date")
      .limit(1000)
      .execute(),
    evaluateRange(db, orgId, from, attendanceTo < from ? from : attendanceTo, now, membershipId),
    memberInspectionSummary(db, orgId, membershipId, period.from, period.to, now),
  ]);

  const periodDays = attendance.days.filter((d) => d.date >= period.from && d.date <= period.to);
  const leaveByKind: Partial<Record<LeaveKind, number>> = {};
  for (const d of periodDays) if (d.leave && d.working) leaveByKind[d.leave.kind] = (leaveByKind[d.leave.kind] ?? 0) + (d.leave.part === "full" ? 1 : 0.5);
  const attended = periodDays.filter((d) => d.state === "present" && d.working);
  const attendanceFigures = {
    worked: periodDays.reduce((s, d) => s + d.workedDays, 0),
    lateCount: attended.filter((d) => d.lateMinutes > 0).length,
    lateMinutes: attended.reduce((s, d) => s + d.lateMinutes, 0),
    earlyCount: attended.filter((d) => d.earlyMinutes > 0).length,
    absent: periodDays.reduce((s, d) => s + d.absentDays, 0),
    leaveByKind,
    punctuality: rate(attended.filter((d) => d.lateMinutes === 0).length, attended.length),
  };

  const shifts = duty.map((s) => ({ ...s, state: shiftState(s, now) }));
  const periodShifts = shifts.filter((s) => s.date >= period.from && s.date <= period.to);
  const dutyFigures = {
    done: periodShifts.filter((s) => s.state === "done").length,
    missed: periodShifts.filter((s) => s.state === "missed").length,
    upcoming: shifts.filter((s) => s.state === "upcoming" || s.state === "open").slice(0, 5),
  };

  const trend = months.map((month) => {
    const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).toISOString().slice(0, 10);
    const t = taskFigures(tasks, `${month}-01`, lastDay, now);
    const days = attendance.days.filter((d) => d.date.startsWith(month) && d.state === "present" && d.working);
    return { month, onTimeRate: t.onTimeRate, completed: t.completed, punctuality: rate(days.filter((d) => d.lateMinutes === 0).length, days.length) };
  });

  return {
    member,
    history,
    openTasks: openTasks.map((t) => {
      const state = deadlineState(t, now);
      return { ...t, state, overdue: state === "overdue" };
    }),
    tasks: taskFigures(tasks, period.from, period.to, now),
    attendance: attendanceFigures,
    duty: dutyFigures,
    inspections: {
      count: inspections.inspections,
      averageScore: inspections.averageScore,
      failures: inspections.failures,
      findings: inspections.findings.slice(0, 10),
      openActions: inspections.actions.open,
      overdueActions: inspections.actions.overdue,
    },
    trend,
  };
}
