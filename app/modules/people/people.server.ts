import type { Executor } from "../../../db/schema";
import { monthlyAttendance, sumAttendance } from "../attendance/month-facts.server";
import { memberInspectionSummary } from "../inspections/summary.server";
import { getMember, positionHistoryOfMember } from "../org/org.server";
import { shiftState } from "../rosters/rosters.server";
import { memberShifts } from "../rosters/shifts.server";
import { addDays, vnDateOf, type KeyedPeriod } from "../../utils/dates";
import { openTasksOf, taskFigureRows } from "../tasks/queries.server";
import { deadlineState } from "../tasks/rules";
import { lastTwelveMonths, rate } from "./period";

interface TaskFigures {
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

/** A task row with what the figures ask of it worked out once: the Vietnam date it was completed, overdue now. */
export interface PreparedTask {
  done: boolean;
  /** YYYY-MM-DD in Vietnam, or null when not completed. */
  completedOn: string | null;
  timeliness: string | null;
  timeliness_original: string | null;
  returned: boolean;
  extended: boolean;
  overdue: boolean;
}

/** Parses each task's dates once, however many periods its figures are then counted for. */
export function prepareTasks(rows: TaskRow[], now: Date): PreparedTask[] {
  return rows.map((r) => ({
    done: r.status === "done",
    completedOn: r.completed_at ? vnDateOf(new Date(r.completed_at)) : null,
    timeliness: r.timeliness,
    timeliness_original: r.timeliness_original,
    returned: r.return_count > 0,
    extended: r.extension_count > 0,
    overdue: deadlineState({ status: r.status, deadlineAt: r.deadline_at, missedDeadlineAt: r.missed_deadline_at, submittedAt: r.submitted_at }, now) === "overdue",
  }));
}

/** Task figures of prepared tasks for a period: completed in it (by timeliness), and overdue now. */
export function preparedTaskFigures(rows: readonly PreparedTask[], from: string, to: string): TaskFigures {
  const f = { completed: 0, early: 0, onTime: 0, late: 0, lateAgainstOriginal: 0, returned: 0, extended: 0, overdue: 0 };
  for (const r of rows) {
    if (r.overdue) f.overdue += 1;
    if (!r.done || r.completedOn === null || r.completedOn < from || r.completedOn > to) continue;
    f.completed += 1;
    if (r.timeliness === "early") f.early += 1;
    else if (r.timeliness === "on_time") f.onTime += 1;
    else if (r.timeliness === "late") f.late += 1;
    if (r.timeliness_original === "late") f.lateAgainstOriginal += 1;
    if (r.returned) f.returned += 1;
    if (r.extended) f.extended += 1;
  }
  return { ...f, onTimeRate: rate(f.early + f.onTime, f.completed) };
}

/** Task figures of a set of tasks for a period: completed in it (by timeliness), and overdue now. */
export function taskFigures(rows: TaskRow[], from: string, to: string, now: Date): TaskFigures {
  return preparedTaskFigures(prepareTasks(rows, now), from, to);
}

/** The months (YYYY-MM) from the month of `from` to the month of `to`. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (let k = `${from.slice(0, 7)}`; k <= last; k = `${y}-${String(m).padStart(2, "0")}`) {
    out.push(k);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * Everything the person view shows for one member and period, in a fixed number of queries:
 * profile, position history, tasks (one query for a year), attendance (per month: closed months
 * as stored, the open month evaluated — monthlyAttendance), duty shifts (one query).
 */
export async function personView(db: Executor, orgId: string, membershipId: string, period: KeyedPeriod, now: Date) {
  const today = vnDateOf(now);
  const months = lastTwelveMonths(period.to < today ? period.to : today);
  const trendFrom = `${months[0]}-01`;
  const from = period.from < trendFrom ? period.from : trendFrom;
  const periodMonths = monthsBetween(period.from, period.to);
  const [member, history, taskRows, openTasks, duty, attendance, inspections] = await Promise.all([
    getMember(db, orgId, membershipId),
    positionHistoryOfMember(db, orgId, membershipId),
    taskFigureRows(db, orgId, `${addDays(from, -1)}T00:00:00Z`, membershipId),
    openTasksOf(db, orgId, membershipId),
    memberShifts(db, orgId, membershipId, from),
    monthlyAttendance(db, orgId, [...months, ...periodMonths], now, membershipId),
    memberInspectionSummary(db, orgId, membershipId, period.from, period.to, now),
  ]);
  const tasks = prepareTasks(taskRows, now);
  const monthOf = (month: string) => attendance.byMonth.get(month)?.get(membershipId);

  const inPeriod = sumAttendance(periodMonths.map(monthOf).filter((a) => a !== undefined));
  const attendanceFigures = {
    worked: inPeriod.worked,
    lateCount: inPeriod.late,
    lateMinutes: inPeriod.lateMinutes,
    earlyCount: inPeriod.earlyCount,
    absent: inPeriod.absent,
    leaveByKind: inPeriod.leaveByKind,
    punctuality: rate(inPeriod.onTime, inPeriod.attended),
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
    const t = preparedTaskFigures(tasks, `${month}-01`, lastDay);
    const a = monthOf(month);
    return { month, onTimeRate: t.onTimeRate, completed: t.completed, punctuality: rate(a?.onTime ?? 0, a?.attended ?? 0) };
  });

  return {
    member,
    history,
    openTasks: openTasks.map((t) => {
      const state = deadlineState(t, now);
      return { ...t, state, overdue: state === "overdue" };
    }),
    tasks: preparedTaskFigures(tasks, period.from, period.to),
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
