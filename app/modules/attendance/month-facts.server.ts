// A member's attendance figures per month, for the dashboard and the person view: the closed days
// of a month are evaluated once by the attendance rules (rangeJudge → evaluateDay, the one rule
// engine) and kept in attendance_month_facts with the fingerprint of their inputs; today is always
// evaluated live. docs/decisions/0035-attendance-month-facts.md.
import { createHash } from "node:crypto";
import type { Executor, LeaveKind } from "../../../db/schema";
import { addDays, vnDateOf } from "../../utils/dates";
import { rangeJudge, recordsByDay, type MemberDay, type RangeMember } from "./attendance.server";

/**
 * Part of every fingerprint: raise it when how a day is judged changes (evaluateDay, rangeJudge),
 * so that every stored month is evaluated again by the new rules.
 */
export const MONTH_FACTS_VERSION = 2;

/** A member's attendance in a month (or the sum of several). */
export interface MonthAttendance {
  /** Working days worked (0.5 a session). */
  worked: number;
  /** Working days present, and of those the days not late. */
  attended: number;
  onTime: number;
  late: number;
  lateMinutes: number;
  earlyCount: number;
  /** Working days missed without leave. */
  absent: number;
  /** Days of leave on working days, by kind (a half day is 0.5). */
  leaveByKind: Partial<Record<LeaveKind, number>>;
  /** Working days judged present or absent — not on a full day's leave, not still to come (the report's "expected"). */
  expected: number;
}

interface Halves {
  worked: number;
  attended: number;
  onTime: number;
  lateMinutes: number;
  earlyCount: number;
  absent: number;
  leave: Partial<Record<LeaveKind, number>>;
  expected: number;
}

const emptyHalves = (): Halves => ({ worked: 0, attended: 0, onTime: 0, lateMinutes: 0, earlyCount: 0, absent: 0, leave: {}, expected: 0 });

/** Adds one judged day to a month's counts (the same definitions the pages always used). */
function addDay(h: Halves, d: MemberDay) {
  h.worked += Math.round(d.workedDays * 2);
  h.absent += Math.round(d.absentDays * 2);
  if (d.working && d.state === "present") {
    h.attended += 1;
    if (d.lateMinutes === 0) h.onTime += 1;
    h.lateMinutes += d.lateMinutes;
    if (d.earlyMinutes > 0) h.earlyCount += 1;
  }
  if (d.leave && d.working) h.leave[d.leave.kind] = (h.leave[d.leave.kind] ?? 0) + (d.leave.part === "full" ? 2 : 1);
  if (d.working && d.state !== "leave" && d.state !== "future" && d.state !== "pending") h.expected += 1;
}

function toAttendance(h: Halves): MonthAttendance {
  const leaveByKind: Partial<Record<LeaveKind, number>> = {};
  for (const [k, v] of Object.entries(h.leave)) leaveByKind[k as LeaveKind] = v / 2;
  return { worked: h.worked / 2, attended: h.attended, onTime: h.onTime, late: h.attended - h.onTime, lateMinutes: h.lateMinutes, earlyCount: h.earlyCount, absent: h.absent / 2, leaveByKind, expected: h.expected };
}

/** The sum of several months' attendance (a quarter, a year, the whole centre). */
export function sumAttendance(list: Iterable<MonthAttendance>): MonthAttendance {
  const out: MonthAttendance = { worked: 0, attended: 0, onTime: 0, late: 0, lateMinutes: 0, earlyCount: 0, absent: 0, leaveByKind: {}, expected: 0 };
  for (const a of list) {
    out.worked += a.worked;
    out.attended += a.attended;
    out.onTime += a.onTime;
    out.late += a.late;
    out.lateMinutes += a.lateMinutes;
    out.earlyCount += a.earlyCount;
    out.absent += a.absent;
    out.expected += a.expected;
    for (const [k, v] of Object.entries(a.leaveByKind)) out.leaveByKind[k as LeaveKind] = (out.leaveByKind[k as LeaveKind] ?? 0) + v;
  }
  return out;
}

const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).toISOString().slice(0, 10);
const sha1 = (s: string) => createHash("sha1").update(s).digest("base64url");

const sumHalves = (a: Halves, b: Halves): Halves => {
  const leave = { ...a.leave };
  for (const [k, v] of Object.entries(b.leave)) leave[k as LeaveKind] = (leave[k as LeaveKind] ?? 0) + v;
  return { worked: a.worked + b.worked, attended: a.attended + b.attended, onTime: a.onTime + b.onTime, lateMinutes: a.lateMinutes + b.lateMinutes, earlyCount: a.earlyCount + b.earlyCount, absent: a.absent + b.absent, leave, expected: a.expected + b.expected };
};

const datesBetween = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

/**
 * Each member's attendance for each of `months` (YYYY-MM), up to today: months not begun are left
 * out. The closed days of a month — all of a past month, the days before today of the current one —
 * come from attendance_month_facts when the stored fingerprint still matches their inputs, else
 * they are evaluated (and stored); today is always evaluated live. Reads only the check-in records
 * of the days it evaluates: today's, once the stored figures are up to date.
 */
export async function monthlyAttendance(
  db: Executor,
  orgId: string,
  months: readonly string[],
  now: Date,
  onlyMember?: string,
): Promise<{ members: RangeMember[]; byMonth: Map<string, Map<string, MonthAttendance>>; works: (m: RangeMember, date: string) => boolean }> {
  const today = vnDateOf(now);
  const yesterday = addDays(today, -1);
  const wanted = [...new Set(months)].filter((m) => `${m}-01` <= today).sort();
  const byMonth = new Map<string, Map<string, MonthAttendance>>();
  if (wanted.length === 0) return { members: [], byMonth, works: () => false };
  const from = `${wanted[0]}-01`;
  const last = monthEnd(wanted[wanted.length - 1]!);
  const to = last < today ? last : today;
  // Per month: the closed days kept (through), the days evaluated live (today, if in the month).
  const plan = wanted.map((month) => {
    const end = monthEnd(month);
    const through = end < today ? end : yesterday >= `${month}-01` ? yesterday : null;
    return { month, through, live: end >= today ? today : null };
  });
  const kept = plan.filter((p) => p.through !== null).map((p) => p.month);
  const [range, stored] = await Promise.all([
    rangeJudge(db, orgId, from, to, { onlyMember, duty: false }),
    kept.length
      ? db
          .selectFrom("attendance_month_facts")
          .selectAll()
          .where("org_id", "=", orgId)
          .where("month", "in", kept)
          .$if(Boolean(onlyMember), (q) => q.where("membership_id", "=", onlyMember!))
          .execute()
      : Promise.resolve([]),
  ]);

  // The fingerprint of a member's kept days: the rules as they apply to each date of the month
  // (hours, grace, mode, the Saturday rota), the last day counted, the member's service dates,
  // approved leave and corrections. Check-in records are not in it: those of a closed day never
  // change (check-in and check-out write today's record only), which is why only closed days are kept.
  const inputs = new Map<string, string[]>();
  const note = (member: string, date: string, text: string) => {
    const k = `${member}|${date.slice(0, 7)}`;
    const list = inputs.get(k);
    if (list) list.push(text);
    else inputs.set(k, [text]);
  };
  for (const l of range.leave) note(l.membershipId, l.date, `L${l.date}:${l.kind}:${l.part}`);
  for (const c of range.corrections) note(c.membership_id, c.date, `C${c.date}:${c.session}:${c.check_in_time ?? ""}:${c.check_out_time ?? ""}`);
  const fingerprint = (m: RangeMember, month: string, through: string) =>
    sha1([MONTH_FACTS_VERSION, range.monthRulesFingerprint(month), through, m.joined_on, m.left_on ?? "", ...(inputs.get(`${m.id}|${month}`) ?? []).sort()].join("\n"));

  const storedBy = new Map(stored.map((r) => [`${r.membership_id}|${r.month}`, r]));
  // What must be evaluated: today, and the kept days whose stored figures are missing or were
  // computed from other inputs.
  const keptHalves = new Map<string, Halves>();
  const stale: { member: RangeMember; month: string; through: string; fingerprint: string; dates: string[] }[] = [];
  let firstDay: string | null = null;
  let lastDay: string | null = null;
  const need = (a: string, b: string) => {
    if (firstDay === null || a < firstDay) firstDay = a;
    if (lastDay === null || b > lastDay) lastDay = b;
  };
  for (const p of plan) {
    if (p.live) need(p.live, p.live);
    if (!p.through) continue;
    let dates: string[] | null = null;
    for (const member of range.members) {
      const fp = fingerprint(member, p.month, p.through);
      const row = storedBy.get(`${member.id}|${p.month}`);
      if (row && row.fingerprint === fp && row.through === p.through) {
        keptHalves.set(`${member.id}|${p.month}`, { worked: row.worked_halves, attended: row.attended, onTime: row.on_time, lateMinutes: row.late_minutes, earlyCount: row.early_count, absent: row.absent_halves, leave: JSON.parse(row.leave_halves) as Halves["leave"], expected: row.expected });
        continue;
      }
      dates ??= datesBetween(`${p.month}-01`, p.through);
      stale.push({ member, month: p.month, through: p.through, fingerprint: fp, dates });
      need(`${p.month}-01`, p.through);
    }
  }

  // One query for the records of the days to evaluate (today's only, once warm).
  const recBy = firstDay !== null && lastDay !== null ? await recordsByDay(db, orgId, firstDay, lastDay, onlyMember) : new Map<string, never>();
  const evaluate = (member: RangeMember, dates: readonly string[]) => {
    const h = emptyHalves();
    for (const d of dates) addDay(h, range.judge(member, d, now, recBy.get(`${member.id}|${d}`)));
    return h;
  };
  for (const s of stale) keptHalves.set(`${s.member.id}|${s.month}`, evaluate(s.member, s.dates));
  for (const p of plan) {
    const m = new Map<string, MonthAttendance>();
    for (const member of range.members) {
      let h = keptHalves.get(`${member.id}|${p.month}`) ?? emptyHalves();
      if (p.live) h = sumHalves(h, evaluate(member, [p.live]));
      m.set(member.id, toAttendance(h));
    }
    byMonth.set(p.month, m);
  }
  if (stale.length) await storeFacts(db, orgId, stale.map((s) => ({ ...s, halves: keptHalves.get(`${s.member.id}|${s.month}`)! })), now);
  return { members: range.members, byMonth, works: range.works };
}

/**
 * Keeps the figures of closed days (an upsert by member and month). A page is not refused for a
 * failed write: the figures were computed and are shown; the next view computes them again.
 */
async function storeFacts(db: Executor, orgId: string, rows: { member: RangeMember; month: string; through: string; fingerprint: string; halves: Halves }[], now: Date) {
  const at = now.toISOString();
  try {
    for (let i = 0; i < rows.length; i += 400) {
      await db
        .insertInto("attendance_month_facts")
        .values(
          rows.slice(i, i + 400).map((r) => ({
            org_id: orgId,
            membership_id: r.member.id,
            month: r.month,
            through: r.through,
            fingerprint: r.fingerprint,
            worked_halves: r.halves.worked,
            attended: r.halves.attended,
            on_time: r.halves.onTime,
            late_minutes: r.halves.lateMinutes,
            early_count: r.halves.earlyCount,
            absent_halves: r.halves.absent,
            leave_halves: JSON.stringify(r.halves.leave),
            expected: r.halves.expected,
            computed_at: at,
          })),
        )
        .onConflict((oc) =>
          oc.columns(["org_id", "membership_id", "month"]).doUpdateSet((eb) => ({
            through: eb.ref("excluded.through"),
            fingerprint: eb.ref("excluded.fingerprint"),
            worked_halves: eb.ref("excluded.worked_halves"),
            attended: eb.ref("excluded.attended"),
            on_time: eb.ref("excluded.on_time"),
            late_minutes: eb.ref("excluded.late_minutes"),
            early_count: eb.ref("excluded.early_count"),
            absent_halves: eb.ref("excluded.absent_halves"),
            leave_halves: eb.ref("excluded.leave_halves"),
            expected: eb.ref("excluded.expected"),
            computed_at: eb.ref("excluded.computed_at"),
          })),
        )
        .execute();
    }
  } catch {
    // Figures already computed from the inputs; storing them only saves the next view the work.
  }
}
