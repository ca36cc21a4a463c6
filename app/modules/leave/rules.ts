/**
 * Leave rules: kinds, counting the working days a request takes, annual-leave entitlement by
 * seniority and the balance. Pure: no I/O, no clock. Dates are 'YYYY-MM-DD' calendar dates.
 */
import { isWorkingDay, type CalendarFn } from "../calendar/holidays";
import { addDays } from "../tasks/rules";

import type { LeavePart, LeaveStatus } from "../../../db/schema";

// Stored values: the lists live with the table types (db/schema.ts).
export { LEAVE_KINDS, LEAVE_PARTS, LEAVE_STATUSES, type LeaveKind, type LeavePart, type LeaveStatus } from "../../../db/schema";

/** Statuses that hold the days: a new request may not overlap them. */
export const HOLDING_STATUSES: readonly LeaveStatus[] = ["pending", "approved"];

/** Longest request, in calendar days (both ends included). */
export const MAX_LEAVE_SPAN_DAYS = 90;
/** How far back a request may start (sick leave is often filed on return), in days before today. */
export const MAX_BACKDATE_DAYS = 30;
/** How far ahead a request may start, in days after today. */
export const MAX_AHEAD_DAYS = 366;

/** Defaults of org_settings (Bộ luật Lao động 2019, Điều 113–114; configurable per centre). */
export const DEFAULT_ANNUAL_BASE = 12;
export const DEFAULT_YEARS_PER_EXTRA = 5;

/** Every calendar date from `from` to `to`, both included (empty when to < from). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Calendar days from `from` to `to`, both included. */
export function spanDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * The working days a request takes per the centre's calendar: weekends and holidays do not count,
 * make-up days do. A half day (morning or afternoon, one date only) is 0.5 when that date is a
 * working day, else 0.
 */
export function leaveDays(from: string, to: string, part: LeavePart, cal: CalendarFn): number {
  if (to < from) return 0;
  if (part !== "full") return from === to && isWorkingDay(cal(from).kind) ? 0.5 : 0;
  let n = 0;
  for (const d of datesBetween(from, to)) if (isWorkingDay(cal(d).kind)) n++;
  return n;
}

/** Whole years from `start` to `at` (both 'YYYY-MM-DD'); 0 when start is on or after `at`. */
export function fullYearsBetween(start: string, at: string): number {
  if (start >= at) return 0;
  const years = Number(at.slice(0, 4)) - Number(start.slice(0, 4));
  return at.slice(5) >= start.slice(5) ? years : years - 1;
}

export interface EntitlementInput {
  /** annual_leave_base */
  base: number;
  /** annual_leave_years_per_extra; 0 or less gives no seniority days. */
  yearsPerExtra: number;
  /** service_start_date, or joined_on when that is not set. */
  serviceStart: string;
  year: number;
  /** The day the member joined the centre, and the day they left (exclusive; null while in service). */
  joinedOn?: string;
  leftOn?: string | null;
}

export interface Entitlement {
  /** What the year gives: fullYear × months / 12, rounded down to a half day. */
  days: number;
  base: number;
  yearsPerExtra: number;
  /** Full years of service at 1 January. */
  years: number;
  /** Seniority days. */
  extra: number;
  /** base + extra: the entitlement of a whole year with the centre. */
  fullYear: number;
  /** Months worked in the year (1–12; see monthsWorked). */
  months: number;
  /** fullYear × months / 12 before rounding. */
  exact: number;
  /** Fewer than 12 months in the year: the entitlement is pro rata. */
  prorated: boolean;
}

/** Monday to Friday: the normal working days a month is measured by (QĐ 188/1999/QĐ-TTg). */
const isWeekday = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return d >= 1 && d <= 5;
};

/**
 * Months worked in a year for annual leave (Bộ luật Lao động 2019, Điều 113 khoản 2; Nghị định
 * 145/2020/NĐ-CP, Điều 66 khoản 2): a month counts when the member was in service for at least half
 * of its normal working days (Monday–Friday; paid holidays count as days worked). In service: from
 * `joinedOn` up to the day before `leftOn`.
 */
export function monthsWorked(joinedOn: string, leftOn: string | null, year: number): number {
  let months = 0;
  for (let m = 1; m <= 12; m++) {
    const first = `${year}-${String(m).padStart(2, "0")}-01`;
    const last = addDays(m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, "0")}-01`, -1);
    if (last < joinedOn || (leftOn !== null && first >= leftOn)) continue;
    let normal = 0;
    let served = 0;
    for (const d of datesBetween(first, last)) {
      if (!isWeekday(d)) continue;
      normal++;
      if (d >= joinedOn && (leftOn === null || d < leftOn)) served++;
    }
    if (2 * served >= normal) months++;
  }
  return months;
}

/** Rounded down to a half day (leave is taken in half days; never more than the pro-rata share). */
const downToHalf = (n: number) => Math.floor(n * 2 + 1e-9) / 2;

/**
 * Annual-leave days for a year: base + one day per `yearsPerExtra` full years of service at
 * 1 January (Điều 113–114); for fewer than 12 months with the centre in the year (joined or left
 * during it), pro rata to the months worked (Điều 113 khoản 2; NĐ 145/2020 Điều 66 khoản 1:
 * (base + seniority days) / 12 × months), rounded down to a half day.
 */
export function annualEntitlement(i: EntitlementInput): Entitlement {
  const years = fullYearsBetween(i.serviceStart, `${i.year}-01-01`);
  const extra = i.yearsPerExtra > 0 ? Math.floor(years / i.yearsPerExtra) : 0;
  const fullYear = i.base + extra;
  const months = i.joinedOn ? monthsWorked(i.joinedOn, i.leftOn ?? null, i.year) : 12;
  const exact = (fullYear * months) / 12;
  return { days: months >= 12 ? fullYear : downToHalf(exact), base: i.base, yearsPerExtra: i.yearsPerExtra, years, extra, fullYear, months, exact, prorated: months < 12 };
}

export interface Balance {
  year: number;
  entitlement: number;
  base: number;
  yearsPerExtra: number;
  /** Seniority days included in the entitlement. */
  extra: number;
  yearsOfService: number;
  /** The arithmetic of a pro-rata entitlement: base + extra, months worked, the exact share. */
  fullYear: number;
  months: number;
  exact: number;
  prorated: boolean;
  /** Approved annual-leave days in the year. */
  taken: number;
  /** Annual-leave days waiting for a decision. */
  pending: number;
  /** entitlement − taken (pending shown separately). */
  remaining: number;
  /** What a new request may still take: entitlement − taken − pending. */
  available: number;
}

export function balanceOf(e: Entitlement, year: number, taken: number, pending: number): Balance {
  const remaining = e.days - taken;
  return {
    year,
    entitlement: e.days,
    base: e.base,
    yearsPerExtra: e.yearsPerExtra,
    extra: e.extra,
    yearsOfService: e.years,
    fullYear: e.fullYear,
    months: e.months,
    exact: e.exact,
    prorated: e.prorated,
    taken,
    pending,
    remaining,
    available: remaining - pending,
  };
}

export interface LeaveSpan {
  start_date: string;
  end_date: string;
  part: string;
}

/**
 * Whether two requests hold a common part of a day. Two half days of the same date overlap only
 * when they are the same half (a morning and an afternoon may be taken separately).
 */
export function leaveOverlaps(a: LeaveSpan, b: LeaveSpan): boolean {
  if (a.start_date > b.end_date || b.start_date > a.end_date) return false;
  const halfA = a.part === "morning" || a.part === "afternoon";
  const halfB = b.part === "morning" || b.part === "afternoon";
  if (halfA && halfB) return a.part === b.part;
  return true;
}

/** The dates of a request inside [from, to], with the part of the day each one covers. */
export function coveredDates(r: LeaveSpan, from: string, to: string): { date: string; part: LeavePart }[] {
  const lo = r.start_date > from ? r.start_date : from;
  const hi = r.end_date < to ? r.end_date : to;
  const part: LeavePart = r.part === "morning" || r.part === "afternoon" ? r.part : "full";
  return datesBetween(lo, hi).map((date) => ({ date, part }));
}
