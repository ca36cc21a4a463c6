import type { Executor } from "../../../db/schema";
import { board, evaluateRange } from "../attendance/attendance.server";
import { evaluationFor } from "../evaluation/evaluation.server";
import { centreInspectionSummary, memberInspectionSummary } from "../inspections/summary.server";
import { shiftState } from "../rosters/rosters.server";
import { addDays, deadlineState, OPEN_STATUSES, periodOf, vnDateOf } from "../tasks/rules";
import { lastTwelveMonths, rate } from "./period";
import { taskFigures } from "./people.server";

const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).toISOString().slice(0, 10);

/**
 * The director's dashboard: today, tasks needing attention, the month's tiles with the change from
 * last month, twelve-month trends and a per-person comparison. A fixed number of queries: today's
 * board, open/overdue tasks, a year of completed tasks, a year of attendance, a year of shifts.
 */
export async function centreDashboard(db: Executor, orgId: string, membershipId: string, now: Date) {
  const today = vnDateOf(now);
  const months = lastTwelveMonths(today);
  const from = `${months[0]}-01`;
  const week = periodOf(today, "weekly");
  const thisMonthKey = months[11]!;
  const lastMonthKey = months[10]!;
  const [todayBoard, attention, tasks, attendance, shifts, inspNow, inspPrev, inspYear, failsByMember] = await Promise.all([
    board(db, orgId, today, now),
    db
      .selectFrom("tasks as t")
      .leftJoin("memberships as m", "m.id", "t.assignee_id")
      .leftJoin("users as u", "u.id", "m.user_id")
      .select([
        "t.id",
        "t.title",
        "t.status",
        "t.deadline_date as deadlineDate",
        "t.deadline_time as deadlineTime",
        "t.deadline_at as deadlineAt",
        "t.submitted_at as submittedAt",
        "t.missed_deadline_at as missedDeadlineAt",
        "t.approver_id as approverId",
        "u.full_name as assigneeName",
      ])
      .where("t.org_id", "=", orgId)
      .where("t.status", "in", [...OPEN_STATUSES])
      .where((eb) =>
        eb.or([
          eb("t.deadline_at", "<", now.toISOString()),
          eb("t.missed_deadline_at", "is not", null),
          eb("t.deadline_date", "<=", week.end),
          eb("t.status", "=", "submitted"),
        ]),
      )
      .orderBy("t.deadline_at", (ob) => ob.asc().nullsFirst())
      .orderBy("t.id")
      .limit(300)
      .execute(),
    db
      .selectFrom("tasks")
      .select(["id", "assignee_id", "status", "deadline_at", "completed_at", "timeliness", "timeliness_original", "return_count", "extension_count", "submitted_at", "missed_deadline_at"])
      .where("org_id", "=", orgId)
      .where((eb) => eb.or([eb("completed_at", ">=", `${addDays(from, -1)}T00:00:00Z`), eb("status", "in", [...OPEN_STATUSES])]))
      .limit(20000)
      .execute(),
    evaluateRange(db, orgId, from, today, now),
    db
      .selectFrom("roster_slots as s")
      .innerJoin("rosters as r", "r.id", "s.roster_id")
      .select(["s.membership_id", "s.date", "s.start_time", "s.end_time", "s.checked_in_at"])
      .where("s.org_id", "=", orgId)
      .where("r.status", "=", "published")
      .where("s.date", ">=", from)
      .where("s.date", "<=", today)
      .where("s.membership_id", "is not", null)
      .limit(20000)
      .execute(),
    centreInspectionSummary(db, orgId, `${thisMonthKey}-01`, monthEnd(thisMonthKey), now),
    centreInspectionSummary(db, orgId, `${lastMonthKey}-01`, monthEnd(lastMonthKey), now),
    centreInspectionSummary(db, orgId, from, today, now),
    db
      .selectFrom("inspection_results as r")
      .innerJoin("inspections as i", "i.id", "r.inspection_id")
      .select((eb) => ["r.membership_id", eb.fn.countAll<number>().as("n")])
      .where("r.org_id", "=", orgId)
      .where("i.org_id", "=", orgId)
      .where("i.status", "=", "submitted")
      .where("r.outcome", "=", "fail")
      .where("i.inspected_date", ">=", `${thisMonthKey}-01`)
      .where("i.inspected_date", "<=", monthEnd(thisMonthKey))
      .groupBy("r.membership_id")
      .execute(),
  ]);

  const withState = attention.map((t) => ({ ...t, state: deadlineState(t, now) }));
  const overdue = withState.filter((t) => t.state === "overdue");
  const dueWeek = withState.filter((t) => t.state !== "overdue" && t.deadlineDate !== null && t.deadlineDate >= today && t.deadlineDate <= week.end);
  const waiting = withState.filter((t) => t.status === "submitted" && t.approverId === membershipId);

  // Group once: figures per month, and per member for this month, without rescanning the year.
  const daysByMonth = new Map<string, typeof attendance.days>();
  for (const d of attendance.days) {
    const k = d.date.slice(0, 7);
    const list = daysByMonth.get(k) ?? [];
    list.push(d);
    daysByMonth.set(k, list);
  }
  const tasksByMember = new Map<string, typeof tasks>();
  for (const t of tasks) {
    const list = tasksByMember.get(t.assignee_id ?? "") ?? [];
    list.push(t);
    tasksByMember.set(t.assignee_id ?? "", list);
  }
  const shiftStates = shifts.map((s) => ({ month: s.date.slice(0, 7), member: s.membership_id, state: shiftState(s, now) }));
  const monthFigures = (month: string, member?: string) => {
    const to = monthEnd(month);
    const t = taskFigures(member ? (tasksByMember.get(member) ?? []) : tasks, `${month}-01`, to, now);
    const days = (daysByMonth.get(month) ?? []).filter((d) => !member || d.membershipId === member);
    const present = days.filter((d) => d.working && d.state === "present");
    const absent = days.reduce((s, d) => s + d.absentDays, 0);
    const monthShifts = shiftStates.filter((s) => s.month === month && (!member || s.member === member) && (s.state === "done" || s.state === "missed"));
    return {
      completed: t.completed,
      onTimeRate: t.onTimeRate,
      overdue: t.overdue,
      punctuality: rate(present.filter((d) => d.lateMinutes === 0).length, present.length),
      late: present.filter((d) => d.lateMinutes > 0).length,
      absent,
      dutyDone: monthShifts.filter((s) => s.state === "done").length,
      dutyTotal: monthShifts.length,
      dutyCompliance: rate(monthShifts.filter((s) => s.state === "done").length, monthShifts.length),
    };
  };

  const thisMonth = thisMonthKey;
  const current = { ...monthFigures(thisMonth), inspectionPass: inspNow.passRate };
  const previous = { ...monthFigures(lastMonthKey), inspectionPass: inspPrev.passRate };
  const fails = new Map(failsByMember.map((f) => [f.membership_id, Number(f.n)]));
  const trend = months.map((m) => {
    const f = monthFigures(m);
    return { month: m, onTimeRate: f.onTimeRate, punctuality: f.punctuality, dutyCompliance: f.dutyCompliance };
  });
  const people = attendance.members.map((m) => ({ membershipId: m.id, name: m.name, ...monthFigures(thisMonth, m.id), findings: fails.get(m.id) ?? 0 }));
  return {
    today,
    board: todayBoard,
    overdue,
    dueWeek,
    waiting,
    month: thisMonth,
    current,
    previous,
    trend,
    people,
    actions: inspYear.actions,
    findingsByItem: inspYear.failuresByItem.slice(0, 10),
  };
}

/** A staff member's dashboard: today's check-in, tasks due soon and overdue, the next duty shift. */
export async function staffDashboard(db: Executor, orgId: string, membershipId: string, now: Date) {
  const today = vnDateOf(now);
  const month = today.slice(0, 7);
  const [todayStatus, tasks, nextShift, inspections, evaluation] = await Promise.all([
    evaluateRange(db, orgId, today, today, now, membershipId).then((r) => r.days[0] ?? null),
    db
      .selectFrom("tasks")
      .select([
        "id",
        "title",
        "status",
        "progress",
        "deadline_date as deadlineDate",
        "deadline_time as deadlineTime",
        "deadline_at as deadlineAt",
        "submitted_at as submittedAt",
        "missed_deadline_at as missedDeadlineAt",
      ])
      .where("org_id", "=", orgId)
      .where("assignee_id", "=", membershipId)
      .where("status", "in", [...OPEN_STATUSES])
      .where((eb) => eb.or([eb("deadline_date", "<=", addDays(today, 7)), eb("missed_deadline_at", "is not", null)]))
      .orderBy("deadline_at", (ob) => ob.asc().nullsFirst())
      .orderBy("id")
      .limit(10)
      .execute(),
    db
      .selectFrom("roster_slots as s")
      .innerJoin("rosters as r", "r.id", "s.roster_id")
      .select(["s.id", "s.date", "s.kind", "s.start_time as startTime", "s.end_time as endTime", "r.id as rosterId", "r.title"])
      .where("s.org_id", "=", orgId)
      .where("s.membership_id", "=", membershipId)
      .where("r.status", "=", "published")
      .where("s.date", ">=", today)
      .orderBy("s.date")
      .limit(1)
      .executeTakeFirst(),
    memberInspectionSummary(db, orgId, membershipId, addDays(today, -365), today, now),
    evaluationFor(db, orgId, membershipId, month, now),
  ]);
  return {
    today,
    evaluation: { month, status: evaluation?.status ?? "none", total: evaluation?.result.shown.total ?? null, band: evaluation?.result.band ?? null },
    openFindings: inspections.actions.open,
    overdueFindings: inspections.actions.overdue,
    todayStatus,
    tasks: tasks.map((t) => {
      const state = deadlineState(t, now);
      return { ...t, state, overdue: state === "overdue" };
    }),
    nextShift: nextShift ?? null,
  };
}
