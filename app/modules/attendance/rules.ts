// Pure attendance rules: lateness, early leave, absence and a day's status for one member.
// No I/O; table-driven tests in tests/unit/attendance-rules.test.ts.
import type { DayHours } from "../calendar/schedule";
import { deadlineInstant, minutesBetween } from "../tasks/rules";

import type { AttendanceSession, LeaveKind, LeavePart } from "../../../db/schema";

export type Session = AttendanceSession;
export type { LeavePart };

export interface DayRecord {
  session: Session;
  checkIn: string; // ISO instant
  checkOut: string | null;
}

export interface DayLeave {
  kind: LeaveKind;
  part: LeavePart;
}

export interface DayInput {
  date: string;
  /** Opening hours of the day (null: not a working day). */
  hours: DayHours | null;
  graceMinutes: number;
  mode: "day" | "session";
  records: DayRecord[];
  leave: DayLeave | null;
  now: Date;
}

export interface DayStatus {
  working: boolean;
  /** off: not a working day; leave: away on approved leave all day; present; absent; pending: the
   * working day is not over and nobody checked in yet; future: a day not begun. */
  state: "off" | "leave" | "present" | "absent" | "pending" | "future";
  leave: DayLeave | null;
  lateMinutes: number;
  earlyMinutes: number;
  /** Working days missed without leave: 0, 0.5 or 1. */
  absentDays: number;
  /** Working days actually worked: 0, 0.5 or 1. */
  workedDays: number;
  checkIn: string | null;
  checkOut: string | null;
}

/** The instant a clock time starts on a Vietnamese calendar date. */
export function at(date: string, time: string): Date {
  return new Date(deadlineInstant(date, time).getTime() - 59_999);
}

/**
 * Minutes late: a check-in counts by its minute (seconds ignored, as deadlines do), so with start
 * 07:30 and 5 minutes' grace 07:35:59 is on time and 07:36:00 is 6 minutes late.
 */
export function lateMinutes(checkIn: Date, start: Date, graceMinutes: number): number {
  const m = minutesBetween(start, checkIn);
  return m > graceMinutes ? m : 0;
}

/** Minutes left early, by the same rule: with end 17:00 and 5 minutes' grace 16:55:00 is not early, 16:54:59 is 6. */
export function earlyMinutes(checkOut: Date, end: Date, graceMinutes: number): number {
  const m = minutesBetween(checkOut, end);
  return m > graceMinutes ? m : 0;
}

/** The periods a member is expected at the office that day, after half-day leave. */
function expectedPeriods(hours: DayHours, leave: DayLeave | null): { session: "morning" | "afternoon"; range: [string, string] }[] {
  const periods: { session: "morning" | "afternoon"; range: [string, string] }[] = [{ session: "morning", range: hours.morning }];
  if (hours.afternoon) periods.push({ session: "afternoon", range: hours.afternoon });
  if (!leave) return periods;
  if (leave.part === "full") return [];
  return periods.filter((p) => p.session !== leave.part);
}

export function evaluateDay(input: DayInput): DayStatus {
  const { date, hours, graceMinutes, mode, records, leave, now } = input;
  let first: string | null = null;
  let last: string | null = null;
  for (const r of records) {
    if (first === null || r.checkIn < first) first = r.checkIn;
    if (r.checkOut && (last === null || r.checkOut > last)) last = r.checkOut;
  }
  const base: DayStatus = { working: Boolean(hours), state: "off", leave, lateMinutes: 0, earlyMinutes: 0, absentDays: 0, workedDays: 0, checkIn: first, checkOut: last };
  if (!hours) return records.length ? { ...base, state: "present" } : base;

  const periods = expectedPeriods(hours, leave);
  if (periods.length === 0) return { ...base, state: "leave" };
  // Each session (morning, afternoon) is half a working day: a Saturday-morning opening is 0.5.
  const share = 0.5;
  const dayStart = at(date, periods[0]!.range[0]);
  const dayEnd = at(date, periods[periods.length - 1]!.range[1]);

  if (mode === "day") {
    const rec = records.find((r) => r.session === "day") ?? records[0];
    if (!rec) {
      if (now < dayStart) return { ...base, state: "future" };
      if (now <= dayEnd) return { ...base, state: "pending" };
      return { ...base, state: "absent", absentDays: periods.length * share };
    }
    const late = lateMinutes(new Date(rec.checkIn), dayStart, graceMinutes);
    const early = rec.checkOut ? earlyMinutes(new Date(rec.checkOut), dayEnd, graceMinutes) : 0;
    return { ...base, state: "present", lateMinutes: late, earlyMinutes: early, workedDays: periods.length * share };
  }

  // One check-in pair per session.
  let late = 0;
  let early = 0;
  let absent = 0;
  let worked = 0;
  let pending = false;
  let future = true;
  for (const p of periods) {
    const start = at(date, p.range[0]);
    const end = at(date, p.range[1]);
    if (now >= start) future = false;
    const rec = records.find((r) => r.session === p.session);
    if (!rec) {
      if (now > end) absent += share;
      else if (now >= start) pending = true;
      continue;
    }
    worked += share;
    late += lateMinutes(new Date(rec.checkIn), start, graceMinutes);
    if (rec.checkOut) early += earlyMinutes(new Date(rec.checkOut), end, graceMinutes);
  }
  const state = worked > 0 ? "present" : absent > 0 ? "absent" : pending ? "pending" : future ? "future" : "pending";
  return { ...base, state, lateMinutes: late, earlyMinutes: early, absentDays: absent, workedDays: worked };
}

/**
 * How many minutes early a check-out at `now` would be for the record of `session` (0 when it is
 * not early: after the end less the grace period, or not a working day). The same rule as
 * evaluateDay, so the confirmation shows what the record will say.
 */
export function earlyLeaveMinutes(input: { date: string; hours: DayHours | null; graceMinutes: number; session: Session; leave: DayLeave | null; now: Date }): number {
  const { date, hours, graceMinutes, session, leave, now } = input;
  if (!hours) return 0;
  const periods = expectedPeriods(hours, leave);
  const period = session === "day" ? periods[periods.length - 1] : periods.find((p) => p.session === session);
  if (!period) return 0;
  const end = at(date, period.range[1]);
  return earlyMinutes(now, end, graceMinutes);
}

/** How long after checking out a member may undo it (a mistaken tap). */
export const UNDO_CHECKOUT_MS = 10 * 60_000;

/**
 * Which session a check-in now belongs to: "day" in day mode; in session mode the morning until the
 * midpoint between the morning's end and the afternoon's start, then the afternoon.
 */
export function sessionFor(mode: "day" | "session", date: string, hours: DayHours | null, now: Date): Session {
  if (mode === "day" || !hours || !hours.afternoon) return mode === "day" ? "day" : "morning";
  const mid = (at(date, hours.morning[1]).getTime() + at(date, hours.afternoon[0]).getTime()) / 2;
  return now.getTime() < mid ? "morning" : "afternoon";
}

/** Is an IPv4 or IPv6 address inside one of the CIDR ranges (one per line or comma)? Empty list: anywhere. */
export function ipAllowed(ip: string, networks: string): boolean {
  const ranges = networks
    .split(/[\s,]+/)
    .map((r) => r.trim())
    .filter(Boolean);
  if (ranges.length === 0) return true;
  const addr = parseIp(ip.replace(/^::ffff:(?=\d+\.)/, ""));
  if (!addr) return false;
  return ranges.some((r) => {
    const [net, bitsText] = r.split("/");
    const range = parseIp(net ?? "");
    if (!range || range.length !== addr.length) return false;
    const bits = bitsText === undefined ? range.length * 8 : Number(bitsText);
    if (!Number.isInteger(bits) || bits < 0 || bits > range.length * 8) return false;
    for (let i = 0; i < bits; i++) {
      const byte = i >> 3;
      const mask = 0x80 >> (i & 7);
      if ((addr[byte]! & mask) !== (range[byte]! & mask)) return false;
    }
    return true;
  });
}

/** Bytes of an IPv4 (4) or IPv6 (16) address, or null. */
export function parseIp(text: string): number[] | null {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const parts = text.split(".").map(Number);
    return parts.every((n) => n <= 255) ? parts : null;
  }
  if (!text.includes(":")) return null;
  const [head, tail, ...rest] = text.split("::");
  if (rest.length) return null;
  const groups = (s: string | undefined) => (s ? s.split(":") : []);
  const h = groups(head);
  const t = groups(tail);
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  if (fill < 0 || (tail === undefined && h.length !== 8)) return null;
  const all = [...h, ...Array(fill).fill("0"), ...t];
  if (all.length !== 8 || all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  return all.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

/** Validates a list of CIDR ranges; returns the offending entry or null. */
export function invalidNetwork(networks: string): string | null {
  for (const r of networks.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean)) {
    const [net, bits, extra] = r.split("/");
    const bytes = parseIp(net ?? "");
    if (extra !== undefined || !bytes) return r;
    if (bits !== undefined && (!/^\d+$/.test(bits) || Number(bits) > bytes.length * 8)) return r;
  }
  return null;
}
