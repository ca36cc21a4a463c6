import type { Executor } from "../../../db/schema";
import { board, evaluateRange } from "../attendance/attendance.server";
import { monthlyAttendance, sumAttendance } from "../attendance/month-facts.server";
import { evaluationFor } from "../evaluation/evaluation.server";
import { centreInspectionSummary, failuresByMember, memberInspectionSummary, monthlyPassRates } from "../inspections/summary.server";
import { shiftState } from "../rosters/rosters.server";
import { nextShiftOf, publishedShifts } from "../rosters/shifts.server";
import { addDays, periodOf, vnDateOf } from "../../utils/dates";
import { attentionTasks, completedPerMonth, dueSoonTasks, overduePerAssignee, type MonthTaskCount } from "../tasks/queries.server";
import { deadlineState } from "../tasks/rules";
import { lastTwelveMonths, rate } from "./period";

const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).toISOString().slice(0, 10);

/**
 * The director's dashboard: today, tasks needing attention, the month's tiles with the change from
 * last month, twelve-month trends and a per-person comparison. A fixed number of queries: today's
 * board, open/overdue tasks, the tasks completed per month and the overdue ones per member (counted
 * by the database), a year of attendance by month (closed months as stored, the open month
 * evaluated — monthlyAttendance), a year of shifts.
 */
export async function centreDashboard(db: Executor, orgId: string, membershipId: string, now: Date) {
  const today = vnDateOf(now);
  const months = lastTwelveMonths(today);
  const from = `${months[0]}-01`;
  const week = periodOf(today, "weekly");
  const thisMonthKey = months[11]!;
  const lastMonthKey = months[10]!;
  const [todayBoard, attention, completed, overdueBy, attendance, shifts, passRates, inspYear, failsByMember] = await Promise.all([
    board(db, orgId, today, now),
    attentionTasks(db, orgId, now, week.end),
    completedPerMonth(db, orgId, months),
    overduePerAssignee(db, orgId, now),
    monthlyAttendance(db, orgId, months, now),
    publishedShifts(db, orgId, from, today),
    monthlyPassRates(db, orgId, `${lastMonthKey}-01`, monthEnd(thisMonthKey)),
    centreInspectionSummary(db, orgId, from, today, now),
    failuresByMember(db, orgId, `${thisMonthKey}-01`, monthEnd(thisMonthKey)),
  ]);

  const withState = attention.map((t) => ({ ...t, state: deadlineState(t, now) }));
  const overdue = withState.filter((t) => t.state === "overdue");
  const dueWeek = withState.filter((t) => t.state !== "overdue" && t.deadlineDate !== null && t.deadlineDate >= today && t.deadlineDate <= week.end);
  const waiting = withState.filter((t) => t.status === "submitted" && t.approverId === membershipId);

  // Task counts per month for the centre (every assignee, and tasks with none) and per member.
  const noTasks: MonthTaskCount = { completed: 0, onTime: 0 };
  const centreTasks = new Map(
    months.map((m) => {
      let c = 0;
      let o = 0;
      for (const byMonth of completed.values()) {
        c += byMonth.get(m)?.completed ?? 0;
        o += byMonth.get(m)?.onTime ?? 0;
      }
      return [m, { completed: c, onTime: o }];
    }),
  );
  const centreOverdue = [...overdueBy.values()].reduce((a, b) => a + b, 0);
  const shiftStates = shifts.map((s) => ({ month: s.date.slice(0, 7), member: s.membership_id, state: shiftState(s, now) }));
  const centreMonth = new Map(months.map((m) => [m, sumAttendance(attendance.byMonth.get(m)?.values() ?? [])]));
  const monthFigures = (month: string, member?: string) => {
    const t = (member ? completed.get(member)?.get(month) : centreTasks.get(month)) ?? noTasks;
    const a = (member ? attendance.byMonth.get(month)?.get(member) : centreMonth.get(month)) ?? sumAttendance([]);
    const monthShifts = shiftStates.filter((s) => s.month === month && (!member || s.member === member) && (s.state === "done" || s.state === "missed"));
    return {
      completed: t.completed,
      onTimeRate: rate(t.onTime, t.completed),
      overdue: member ? (overdueBy.get(member) ?? 0) : centreOverdue,
      punctuality: rate(a.onTime, a.attended),
      late: a.late,
      absent: a.absent,
      dutyDone: monthShifts.filter((s) => s.state === "done").length,
      dutyTotal: monthShifts.length,
      dutyCompliance: rate(monthShifts.filter((s) => s.state === "done").length, monthShifts.length),
    };
  };

  const thisMonth = thisMonthKey;
  const current = { ...monthFigures(thisMonth), inspectionPass: passRates.get(thisMonth) ?? null };
  const previous = { ...monthFigures(lastMonthKey), inspectionPass: passRates.get(lastMonthKey) ?? null };
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
    dueSoonTasks(db, orgId, membershipId, addDays(today, 7)),
    nextShiftOf(db, orgId, membershipId, today),
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
