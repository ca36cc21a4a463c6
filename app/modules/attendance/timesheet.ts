// The monthly timesheet (bảng chấm công): one symbol per member and day, and totals. Pure.
import type { DayKind } from "../calendar/holidays";
import type { DayStatus } from "./rules";

const LEAVE_SYMBOL: Record<string, string> = {
  annual: "P",
  sick: "Ô",
  business: "CT",
  personal_paid: "R",
  personal_unpaid: "Ro",
};

/** The usual symbols: x work, M late, V absent, L public holiday, P/Ô/CT/R/Ro leave; halves as "x/P". */
export function symbolFor(s: DayStatus, kind: DayKind): string {
  const leave = s.leave ? (LEAVE_SYMBOL[s.leave.kind] ?? "P") : null;
  if (!s.working) return s.state === "present" ? "x" : kind === "holiday" ? "L" : "";
  if (s.state === "leave") return leave ?? "P";
  if (s.state === "pending" || s.state === "future") return leave && s.leave?.part !== "full" ? `·/${leave}` : "";
  const work = s.state === "absent" ? "V" : s.lateMinutes > 0 ? "M" : "x";
  if (leave && s.leave?.part !== "full") return `${work}/${leave}`;
  if (s.state === "present" && s.absentDays > 0) return `${work}/V`;
  return work;
}

interface TimesheetTotals {
  worked: number;
  lateCount: number;
  lateMinutes: number;
  earlyCount: number;
  absent: number;
  leave: Record<string, number>;
  holidays: number;
}

export function totalsOf(days: { status: DayStatus; kind: DayKind }[]): TimesheetTotals {
  const t: TimesheetTotals = { worked: 0, lateCount: 0, lateMinutes: 0, earlyCount: 0, absent: 0, leave: {}, holidays: 0 };
  for (const { status: s, kind } of days) {
    t.worked += s.workedDays;
    t.absent += s.absentDays;
    if (s.lateMinutes > 0) {
      t.lateCount += 1;
      t.lateMinutes += s.lateMinutes;
    }
    if (s.earlyMinutes > 0) t.earlyCount += 1;
    if (s.leave && s.working) t.leave[s.leave.kind] = (t.leave[s.leave.kind] ?? 0) + (s.leave.part === "full" ? 1 : 0.5);
    if (kind === "holiday") t.holidays += 1;
  }
  return t;
}
