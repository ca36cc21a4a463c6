// The figures of the centre's periodic report, from the data, through the capabilities' own
// services: staff and its changes (memberships, position history), duty (roster slots and
// shiftState), punctuality and leave (evaluateRange), tasks (taskFigures plus the original-deadline
// and overdue counts), inspections (centreInspectionSummary) and evaluation bands
// (evaluationBands). A bounded number of queries whatever the period.
import type { Executor, LeaveKind } from "../../../db/schema";
import { evaluateRange, type MemberDay } from "../attendance/attendance.server";
import { monthlyAttendance, sumAttendance } from "../attendance/month-facts.server";
import { parseRoles } from "../auth/permissions";
import { evaluationBands } from "../evaluation/evaluation.server";
import { centreInspectionSummary } from "../inspections/summary.server";
import { rate } from "../people/period";
import { taskFigures } from "../people/people.server";
import { shiftState } from "../rosters/rosters.server";
import { addDays, deadlineInstant, vnDateOf } from "../../utils/dates";
import { deadlineState } from "../tasks/rules";

/** Bounds on the rows read at once (a year of a large centre fits well under them). */
const MAX_TASKS = 20_000;
const MAX_ROWS = 20_000;

type LeaveKindKey = LeaveKind;

interface StaffChange {
  kind: "joined" | "left" | "reassigned";
  date: string;
  name: string;
  /** The new position (reassigned, joined) or the last one (left), when known. */
  position: string | null;
}

export interface ReportFigures {
  v: 1;
  from: string;
  to: string;
  /** The instant the figures describe: the end of the period, or now while it runs (ISO). */
  asOf: string;
  /** Its calendar date in Vietnam. */
  asOfDate: string;
  staff: {
    /** In service the day before the period began. */
    atStart: number;
    /** In service on the last day of the period. */
    atEnd: number;
    /** Of those at the end: directors and deputies. */
    leaders: number;
    joined: number;
    left: number;
    reassigned: number;
    changes: StaffChange[];
  };
  duty: {
    /** Shifts of published rosters in the period with someone assigned. */
    rostered: number;
    done: number;
    missed: number;
    /** Not over yet (the period is still running). */
    pending: number;
    /** done / (done + missed), %. */
    rate: number | null;
  };
  attendance: {
    /** Working days of the centre's calendar in the period (up to today). */
    workdays: number;
    /** Member × working days expected (in service, not on full-day leave). */
    expected: number;
    /** Days a member came in (a half day counts as a day here). */
    present: number;
    onTime: number;
    lateArrivals: number;
    lateMinutes: number;
    earlyLeaves: number;
    /** Working days missed without leave (halves count 0.5). */
    absentDays: number;
    /** Working days away on approved leave (halves count 0.5), in all and by kind. */
    leaveDays: number;
    leaveByKind: Partial<Record<LeaveKindKey, number>>;
    /** onTime / present, %. */
    punctualityRate: number | null;
  };
  tasks: {
    /** Assigned in the period (drafts never count). */
    assigned: number;
    /** Of those, later cancelled. */
    cancelled: number;
    completed: number;
    early: number;
    onTime: number;
    late: number;
    /** The same completions against the deadline first set (before any extension). */
    earlyOriginal: number;
    onTimeOriginal: number;
    lateOriginal: number;
    /** Completed tasks that had been returned at least once / extended at least once. */
    returned: number;
    extended: number;
    /** Unfinished and past their deadline at `asOf`. */
    overdue: number;
    /** Due in the period (current deadline; up to `asOf` while it runs), and of those done by `asOf`. */
    due: number;
    dueDone: number;
    /** (early + on time) / completed, %, against the current and the original deadline. */
    onTimeRate: number | null;
    onTimeRateOriginal: number | null;
    /** dueDone / due, %. */
    completionRate: number | null;
  };
  inspections: {
    count: number;
    membersCovered: number;
    memberChecks: number;
    /** Share of applicable checklist results that passed, %, one decimal. */
    passRate: number | null;
    averageScore: number | null;
    failuresByItem: { code: string; text: string; count: number }[];
    actions: { raised: number; resolved: number; unresolved: number; open: number; overdue: number };
  };
  /** Bands of NĐ 335/2025 for a month or quarter; null for a year or a custom period. */
  evaluation: {
    period: string;
    members: number;
    excellent: number;
    good: number;
    completed: number;
    failed: number;
    unrated: number;
    finalised: number;
    capWarning: { excellent: number; good: number; allowed: number } | null;
  } | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The first instant of a Vietnamese calendar date (ISO). */
function dayStart(date: string): string {
  return new Date(deadlineInstant(addDays(date, -1), "23:59").getTime() + 1).toISOString();
}

/** The evaluation period key of a report period, when it is a month or a quarter. */
function evaluationKey(from: string, to: string): string | null {
  const y = from.slice(0, 4);
  if (to.slice(0, 4) !== y || from.slice(8) !== "01") return null;
  const m = Number(from.slice(5, 7));
  const last = (month: number) => new Date(Date.UTC(Number(y), month, 0)).toISOString().slice(0, 10);
  if (to === last(m)) return from.slice(0, 7);
  if ((m - 1) % 3 === 0 && to === last(m + 2)) return `${y}-Q${(m - 1) / 3 + 1}`;
  return null;
}

/** Attendance over a range that may span years (each year's calendar is loaded for its days). */
async function attendanceDays(db: Executor, orgId: string, from: string, to: string, now: Date): Promise<MemberDay[]> {
  if (to < from) return [];
  const out: MemberDay[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    const a = from > `${y}-01-01` ? from : `${y}-01-01`;
    const b = to < `${y}-12-31` ? to : `${y}-12-31`;
    out.push(...(await evaluateRange(db, orgId, a, b, now)).days);
  }
  return out;
}

/** The months (YYYY-MM) of a period of whole months within one year ([from, to] from a 1st to a month's end); else null. */
function wholeMonths(from: string, to: string): string[] | null {
  const monthEnd = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);
  if (from.slice(8) !== "01" || to !== monthEnd(to.slice(0, 7)) || from.slice(0, 4) !== to.slice(0, 4)) return null;
  const out: string[] = [];
  for (let m = Number(from.slice(5, 7)); m <= Number(to.slice(5, 7)); m++) out.push(`${from.slice(0, 4)}-${String(m).padStart(2, "0")}`);
  return out;
}

/**
 * The attendance figures of [from, to] as judged at `now`, up to `until` (the period's end, or today
 * while it runs). A period of whole months in one year — a month, a quarter, a year — is summed from
 * the members' month figures (monthlyAttendance: closed days as stored in attendance_month_facts,
 * today judged live; decision 0038); any other range judges every member-day (evaluateRange). The
 * same definitions either way (tests/integration/report-figures.test.ts compares them).
 */
export async function attendanceFigures(db: Executor, orgId: string, from: string, to: string, until: string, now: Date): Promise<ReportFigures["attendance"]> {
  const months = wholeMonths(from, to);
  if (months && until >= from) {
    const { members, byMonth, works } = await monthlyAttendance(db, orgId, months, now);
    const a = sumAttendance(months.flatMap((m) => [...(byMonth.get(m)?.values() ?? [])]));
    const end = to < until ? to : until;
    let workdays = 0;
    for (let d = from; d <= end; d = addDays(d, 1)) if (members.some((m) => works(m, d))) workdays += 1;
    const leaveDays = Object.values(a.leaveByKind).reduce((s, v) => s + v, 0);
    return {
      workdays,
      expected: a.expected,
      present: a.attended,
      onTime: a.onTime,
      lateArrivals: a.attended - a.onTime,
      lateMinutes: a.lateMinutes,
      earlyLeaves: a.earlyCount,
      absentDays: a.absent,
      leaveDays,
      leaveByKind: a.leaveByKind,
      punctualityRate: rate(a.onTime, a.attended),
    };
  }
  const days = await attendanceDays(db, orgId, from, to < until ? to : until, now);
  const working = days.filter((d) => d.working);
  const present = working.filter((d) => d.state === "present");
  const leaveByKind: Partial<Record<LeaveKindKey, number>> = {};
  let leaveDays = 0;
  for (const d of working) {
    if (!d.leave) continue;
    const share = d.leave.part === "full" ? 1 : 0.5;
    const kind = d.leave.kind;
    leaveByKind[kind] = (leaveByKind[kind] ?? 0) + share;
    leaveDays += share;
  }
  const onTime = present.filter((d) => d.lateMinutes === 0).length;
  return {
    workdays: new Set(working.map((d) => d.date)).size,
    expected: working.filter((d) => d.state !== "leave" && d.state !== "future" && d.state !== "pending").length,
    present: present.length,
    onTime,
    lateArrivals: present.length - onTime,
    lateMinutes: present.reduce((s, d) => s + d.lateMinutes, 0),
    earlyLeaves: present.filter((d) => d.earlyMinutes > 0).length,
    absentDays: days.reduce((s, d) => s + d.absentDays, 0),
    leaveDays,
    leaveByKind,
    punctualityRate: rate(onTime, present.length),
  };
}

/**
 * The report's figures for the period [from, to] (Vietnamese calendar dates, both included) as
 * the data stands at `now`. Figures of a period still running describe it up to `now`.
 */
export async function reportFigures(db: Executor, orgId: string, from: string, to: string, now: Date): Promise<ReportFigures> {
  const endInstant = deadlineInstant(to, "23:59");
  const asOf = now < endInstant ? now : endInstant;
  const asOfIso = asOf.toISOString();
  const asOfDate = vnDateOf(asOf);
  const startIso = dayStart(from);
  const endIso = endInstant.toISOString();
  const evalKey = evaluationKey(from, to);

  const [members, assignments, slots, attendance, taskRows, inspections, bands] = await Promise.all([
    db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["m.id", "m.roles", "m.joined_on", "m.left_on", "u.full_name as name"])
      .where("m.org_id", "=", orgId)
      .where("m.joined_on", "<=", to)
      .where((eb) => eb.or([eb("m.left_on", "is", null), eb("m.left_on", ">=", from)]))
      .limit(MAX_ROWS)
      .execute(),
    // Assignments that began or ended in the period: a move is an end and a start the same day.
    db
      .selectFrom("position_assignments as a")
      .innerJoin("positions as p", "p.id", "a.position_id")
      .select(["a.membership_id", "a.position_id", "a.start_date", "a.end_date", "p.name as position"])
      .where("a.org_id", "=", orgId)
      .where((eb) =>
        eb.or([
          eb.and([eb("a.start_date", ">=", from), eb("a.start_date", "<=", to)]),
          eb.and([eb("a.end_date", ">=", from), eb("a.end_date", "<=", to)]),
        ]),
      )
      .limit(MAX_ROWS)
      .execute(),
    db
      .selectFrom("roster_slots as s")
      .innerJoin("rosters as r", "r.id", "s.roster_id")
      .select(["s.date", "s.start_time", "s.end_time", "s.membership_id", "s.checked_in_at"])
      .where("s.org_id", "=", orgId)
      .where("r.org_id", "=", orgId)
      .where("r.status", "=", "published")
      .where("s.date", ">=", from)
      .where("s.date", "<=", to)
      .where("s.membership_id", "is not", null)
      .limit(MAX_ROWS)
      .execute(),
    attendanceFigures(db, orgId, from, to, asOfDate, now),
    // Tasks assigned, due or completed in the period, or unfinished at its end.
    db
      .selectFrom("tasks")
      .select([
        "id",
        "status",
        "assigned_at",
        "deadline_date",
        "deadline_at",
        "completed_at",
        "timeliness",
        "timeliness_original",
        "return_count",
        "extension_count",
        "submitted_at",
        "missed_deadline_at",
      ])
      .where("org_id", "=", orgId)
      .where("status", "<>", "draft")
      .where("assigned_at", "is not", null)
      .where("assigned_at", "<=", endIso)
      .where((eb) =>
        eb.or([
          eb.and([eb("assigned_at", ">=", startIso), eb("assigned_at", "<=", endIso)]),
          eb.and([eb("completed_at", ">=", startIso), eb("completed_at", "<=", endIso)]),
          eb.and([eb("deadline_date", ">=", from), eb("deadline_date", "<=", to)]),
          eb.and([
            eb.or([eb("deadline_at", "<", asOfIso), eb("missed_deadline_at", "<", asOfIso)]),
            eb("status", "<>", "cancelled"),
            eb.or([eb("completed_at", "is", null), eb("completed_at", ">", asOfIso)]),
          ]),
        ]),
      )
      .limit(MAX_TASKS)
      .execute(),
    centreInspectionSummary(db, orgId, from, to, now),
    evalKey ? evaluationBands(db, orgId, evalKey, now) : Promise.resolve(null),
  ]);

  // ---- staff ----
  const inService = (m: { joined_on: string; left_on: string | null }, date: string) => m.joined_on <= date && (!m.left_on || m.left_on > date);
  const dayBefore = addDays(from, -1);
  const atEnd = members.filter((m) => inService(m, to));
  const names = new Map(members.map((m) => [m.id, m.name]));
  const changes: StaffChange[] = [];
  for (const m of members) {
    if (m.joined_on >= from && m.joined_on <= to) {
      const first = assignments.find((a) => a.membership_id === m.id && a.start_date === m.joined_on);
      changes.push({ kind: "joined", date: m.joined_on, name: m.name, position: first?.position ?? null });
    }
    if (m.left_on && m.left_on >= from && m.left_on <= to) {
      const last = assignments.find((a) => a.membership_id === m.id && a.end_date === m.left_on);
      changes.push({ kind: "left", date: m.left_on, name: m.name, position: last?.position ?? null });
    }
  }
  // A reassignment: an assignment that starts the day the member's previous one (another position) ended.
  for (const a of assignments) {
    if (a.start_date < from || a.start_date > to) continue;
    const before = assignments.find((b) => b.membership_id === a.membership_id && b.end_date === a.start_date && b.position_id !== a.position_id);
    if (before && names.has(a.membership_id)) changes.push({ kind: "reassigned", date: a.start_date, name: names.get(a.membership_id)!, position: a.position });
  }
  changes.sort((x, y) => x.date.localeCompare(y.date) || x.name.localeCompare(y.name, "vi"));

  // ---- duty ----
  // Check-ins after `now` do not exist yet as far as these figures go.
  const nowIso = now.toISOString();
  const states = slots.map((s) => shiftState({ ...s, checked_in_at: s.checked_in_at && s.checked_in_at <= nowIso ? s.checked_in_at : null }, now));
  const done = states.filter((s) => s === "done").length;
  const missed = states.filter((s) => s === "missed").length;

  // ---- tasks ----
  // As the data stood at `asOf`: nothing assigned or completed later counts (matters for a period still running).
  const tasks = taskRows
    .filter((r) => r.assigned_at! <= asOfIso)
    .map((r) => (r.completed_at && r.completed_at > asOfIso ? { ...r, status: "in_progress", completed_at: null, timeliness: null, timeliness_original: null } : r));
  const t = taskFigures(tasks, from, to, now);
  const inPeriod = (iso: string | null) => {
    if (!iso) return false;
    const d = vnDateOf(new Date(iso));
    return d >= from && d <= to;
  };
  const completedHere = tasks.filter((r) => r.status === "done" && inPeriod(r.completed_at));
  const original = (r: (typeof tasks)[number]) => r.timeliness_original ?? r.timeliness;
  const assigned = tasks.filter((r) => inPeriod(r.assigned_at));
  // Due in the period, up to `asOf` while it runs.
  const dueTo = to < asOfDate ? to : asOfDate;
  const due = tasks.filter((r) => r.status !== "cancelled" && r.deadline_date !== null && r.deadline_date >= from && r.deadline_date <= dueTo);
  const doneBy = (r: (typeof tasks)[number]) => r.status === "done" && r.completed_at !== null && r.completed_at <= asOfIso;
  // Overdue at `asOf` by the one rule (rules.ts deadlineState): owed past the judged deadline; a
  // result submitted by then and waiting for approval is not overdue.
  const overdue = tasks.filter((r) => {
    const status = r.status === "submitted" && r.submitted_at !== null && r.submitted_at > asOfIso ? "in_progress" : r.status;
    return deadlineState({ status, deadlineAt: r.deadline_at, missedDeadlineAt: r.missed_deadline_at, submittedAt: r.submitted_at }, asOfIso) === "overdue";
  });
  const earlyOriginal = completedHere.filter((r) => original(r) === "early").length;
  const onTimeOriginal = completedHere.filter((r) => original(r) === "on_time").length;

  return {
    v: 1,
    from,
    to,
    asOf: asOfIso,
    asOfDate,
    staff: {
      atStart: members.filter((m) => inService(m, dayBefore)).length,
      atEnd: atEnd.length,
      leaders: atEnd.filter((m) => parseRoles(m.roles).some((r) => r === "director" || r === "deputy")).length,
      joined: changes.filter((c) => c.kind === "joined").length,
      left: changes.filter((c) => c.kind === "left").length,
      reassigned: changes.filter((c) => c.kind === "reassigned").length,
      changes,
    },
    duty: { rostered: slots.length, done, missed, pending: slots.length - done - missed, rate: rate(done, done + missed) },
    attendance,
    tasks: {
      assigned: assigned.length,
      cancelled: assigned.filter((r) => r.status === "cancelled").length,
      completed: t.completed,
      early: t.early,
      onTime: t.onTime,
      late: t.late,
      earlyOriginal,
      onTimeOriginal,
      lateOriginal: t.lateAgainstOriginal,
      returned: t.returned,
      extended: t.extended,
      overdue: overdue.length,
      due: due.length,
      dueDone: due.filter(doneBy).length,
      onTimeRate: t.onTimeRate,
      onTimeRateOriginal: rate(t.completed - t.lateAgainstOriginal, t.completed),
      completionRate: rate(due.filter(doneBy).length, due.length),
    },
    inspections: {
      count: inspections.inspections,
      membersCovered: inspections.membersCovered,
      memberChecks: inspections.memberChecks,
      passRate: inspections.passRate === null ? null : round1(inspections.passRate),
      averageScore: inspections.averageScore === null ? null : round1(inspections.averageScore),
      failuresByItem: inspections.failuresByItem.map((f) => ({ code: f.code, text: f.text, count: f.count })),
      actions: { ...inspections.actions },
    },
    evaluation: bands
      ? {
          period: bands.period,
          members: bands.members,
          excellent: bands.excellent,
          good: bands.good,
          completed: bands.completed,
          failed: bands.failed,
          unrated: bands.unrated,
          finalised: bands.finalised,
          capWarning: bands.capWarning,
        }
      : null,
  };
}

// ---------- comparison ----------

/** The figures compared with the previous period, metric by metric. */
const METRICS = [
  ["staffAtEnd", "count", (f) => f.staff.atEnd],
  ["staffJoined", "count", (f) => f.staff.joined],
  ["staffLeft", "count", (f) => f.staff.left],
  ["staffReassigned", "count", (f) => f.staff.reassigned],
  ["dutyRostered", "count", (f) => f.duty.rostered],
  ["dutyDone", "count", (f) => f.duty.done],
  ["dutyMissed", "count", (f) => f.duty.missed],
  ["dutyRate", "rate", (f) => f.duty.rate],
  ["present", "count", (f) => f.attendance.present],
  ["onTimeDays", "count", (f) => f.attendance.onTime],
  ["lateArrivals", "count", (f) => f.attendance.lateArrivals],
  ["absentDays", "count", (f) => f.attendance.absentDays],
  ["leaveDays", "count", (f) => f.attendance.leaveDays],
  ["punctualityRate", "rate", (f) => f.attendance.punctualityRate],
  ["tasksAssigned", "count", (f) => f.tasks.assigned],
  ["tasksCompleted", "count", (f) => f.tasks.completed],
  ["tasksEarly", "count", (f) => f.tasks.early],
  ["tasksOnTime", "count", (f) => f.tasks.onTime],
  ["tasksLate", "count", (f) => f.tasks.late],
  ["tasksLateOriginal", "count", (f) => f.tasks.lateOriginal],
  ["tasksReturned", "count", (f) => f.tasks.returned],
  ["tasksExtended", "count", (f) => f.tasks.extended],
  ["tasksOverdue", "count", (f) => f.tasks.overdue],
  ["onTimeRate", "rate", (f) => f.tasks.onTimeRate],
  ["onTimeRateOriginal", "rate", (f) => f.tasks.onTimeRateOriginal],
  ["completionRate", "rate", (f) => f.tasks.completionRate],
  ["inspections", "count", (f) => f.inspections.count],
  ["membersInspected", "count", (f) => f.inspections.membersCovered],
  ["inspectionPassRate", "rate", (f) => f.inspections.passRate],
  ["actionsRaised", "count", (f) => f.inspections.actions.raised],
  ["actionsResolved", "count", (f) => f.inspections.actions.resolved],
  ["bandExcellent", "count", (f) => f.evaluation?.excellent ?? null],
  ["bandGood", "count", (f) => f.evaluation?.good ?? null],
  ["bandCompleted", "count", (f) => f.evaluation?.completed ?? null],
  ["bandFailed", "count", (f) => f.evaluation?.failed ?? null],
] as const satisfies readonly (readonly [string, "count" | "rate", (f: ReportFigures) => number | null])[];

export type MetricKey = (typeof METRICS)[number][0];

interface Delta {
  kind: "count" | "rate";
  current: number | null;
  previous: number | null;
  /** current − previous (percentage points for rates), one decimal; null when either is missing. */
  delta: number | null;
}

export type Comparison = Record<MetricKey, Delta>;

/** Each metric of this period beside the previous period's, with the change. Pure. */
export function compareFigures(current: ReportFigures, previous: ReportFigures | null): Comparison {
  const out = {} as Comparison;
  for (const [key, kind, pick] of METRICS) {
    const c = (pick as (f: ReportFigures) => number | null)(current);
    const p = previous ? (pick as (f: ReportFigures) => number | null)(previous) : null;
    out[key] = { kind, current: c, previous: p, delta: c !== null && p !== null ? round1(c - p) : null };
  }
  return out;
}
