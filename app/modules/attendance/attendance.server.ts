import { createHash, randomUUID } from "node:crypto";
import type { DB, Executor } from "../../../db/schema";
import { requestMemo } from "../../../db/tenant";
import { writeTx } from "../../../db/tx";
import { FieldError, notFound } from "../../utils/errors";
import { audit } from "../audit/audit.server";
import { alreadyDecided, decidedOnce, refuseOwnCase } from "../auth/decisions";
import { loadCalendarKeyed } from "../calendar/calendar.server";
import type { CalendarFn, DayKind } from "../calendar/holidays";
import { hoursOn, isSaturdayOpening, scheduleOn, type DayHours, type Schedule } from "../calendar/schedule";
import { loadScheduleVersions } from "../calendar/schedule.server";
import type { Ctx } from "../ctx";
import { approvedLeaveOn } from "../leave/leave.server";
import { notify } from "../notifications/notify.server";
import { centreSettings, saveOfficeNetworks } from "../org/centre.server";
import { actorName, memberDirectory, memberNames, membersWhoMay, withNames } from "../org/members.server";
import { publishedShifts } from "../rosters/shifts.server";
import { formatDate } from "../../utils/time";
import { addDays, vnDateOf } from "../../utils/dates";
import { symbolFor, totalsOf } from "./timesheet";
import { at, earlyLeaveMinutes, evaluateDay, ipAllowed, sessionFor, UNDO_CHECKOUT_MS, type DayLeave, type DayRecord, type DayStatus, type Session } from "./rules";

/**
 * What attendance needs to know about a centre's days: the schedule versions (a day is judged by
 * the version in force that day), calendar and office networks.
 */
function attendanceContext(db: Executor, orgId: string, year: number) {
  // Read once per request: a check-in and the page state it answers with share it (the check-in's
  // write touches none of these rows; any other write transaction forgets it, db/tx.ts).
  return requestMemo(`attendanceContext|${orgId}|${year}`, () => readAttendanceContext(db, orgId, year));
}

async function readAttendanceContext(db: Executor, orgId: string, year: number) {
  const [versions, { cal, key }, settings] = await Promise.all([
    loadScheduleVersions(db, orgId),
    loadCalendarKeyed(db, orgId, year),
    centreSettings(db, orgId),
  ]);
  // What the rules of a date are derived from, read afresh on every request: the same text, the same rules.
  const rulesKey = `${orgId}|${createHash("sha1").update(JSON.stringify(versions)).update(key).digest("base64url")}`;
  return { versions, scheduleOn: (date: string) => scheduleOn(versions, date), cal, rulesKey, networks: settings?.allowed_networks ?? "" };
}

/** The rules of a date: the schedule version in force, the opening hours, an open Saturday. */
interface DayRules {
  schedule: Schedule;
  hours: DayHours | null;
  saturday: boolean;
}

/**
 * The rules of each date worked out for recently seen centres, by `rulesKey` (the centre and a
 * fingerprint of the settings and calendar rows read by the request): a settings or calendar change
 * reads other rows, so another key — nothing to invalidate; an old key simply ages out. Also the
 * fingerprint of each month's rules (monthRulesFingerprint).
 */
const DAY_RULES_CENTRES = 64;
const dayRulesCache = new Map<string, { days: Map<string, DayRules>; months: Map<string, string> }>();
function dayRulesEntry(rulesKey: string) {
  let entry = dayRulesCache.get(rulesKey);
  if (entry) {
    // Most recently used last: the first key is the one to drop.
    dayRulesCache.delete(rulesKey);
  } else {
    entry = { days: new Map(), months: new Map() };
    if (dayRulesCache.size >= DAY_RULES_CENTRES) dayRulesCache.delete(dayRulesCache.keys().next().value!);
  }
  dayRulesCache.set(rulesKey, entry);
  return entry;
}

/** A check-in, a check-out or its undo writes records and the audit log, never the rules of a day. */
const PUNCH = { keepsRequestMemo: true } as const;

const hours = (schedule: Schedule, cal: CalendarFn, date: string) => hoursOn(schedule, date, cal);
const NO_RECORDS: DayRecord[] = [];
const NO_CORRECTIONS: CorrectionRow[] = [];

/**
 * Check-in by the server's clock. Idempotent: a double tap or a resubmitted form finds the record of
 * that day and session already there and records nothing twice. Refused (and logged) from outside
 * the centre's office networks when it lists any.
 */
export async function checkIn(db: DB, ctx: Ctx, ip: string): Promise<{ created: boolean }> {
  const date = vnDateOf(ctx.now);
  const { scheduleOn: on, cal, networks } = await attendanceContext(db, ctx.orgId, Number(date.slice(0, 4)));
  const schedule = on(date);
  if (!ipAllowed(ip, networks)) {
    await writeTx(db, (tx) =>
      audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "attendance.checkInRefused", entityType: "membership", entityId: ctx.membershipId, details: { ip }, at: ctx.now }),
    );
    throw new FieldError("checkIn", "networkRefused");
  }
  const session = sessionFor(schedule.settings.checkinMode, date, hours(schedule, cal, date), ctx.now);
  return writeTx(db, async (tx) => {
    const res = await tx
      .insertInto("attendance_records")
      .values({
        id: randomUUID(),
        org_id: ctx.orgId,
        membership_id: ctx.membershipId,
        date,
        session,
        check_in_at: ctx.now.toISOString(),
        check_in_ip: ip,
        check_out_at: null,
        check_out_ip: "",
        created_at: ctx.now.toISOString(),
      })
      .onConflict((oc) => oc.columns(["org_id", "membership_id", "date", "session"]).doNothing())
      .executeTakeFirst();
    const created = Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    if (created) {
      await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "attendance.checkedIn", entityType: "membership", entityId: ctx.membershipId, details: { date, session }, at: ctx.now });
    }
    return { created };
  }, PUNCH);
}

/** Check-out of today's latest open record (the last check-out of the day counts). */
/** What a check-out did, or the confirmation it needs first. */
type CheckOutOutcome =
  | { status: "confirm"; earlyMinutes: number }
  | { status: "done"; at: string; earlyMinutes: number };

/**
 * Check-out by the server's clock, of the record still open today. An early check-out (before the
 * end of the session less the grace period) is only recorded once confirmed: without `confirmed`
 * it records nothing and says how early it would be, so a stray second tap is harmless.
 */
export async function checkOut(db: DB, ctx: Ctx, ip: string, opts: { confirmed?: boolean } = {}): Promise<CheckOutOutcome> {
  const date = vnDateOf(ctx.now);
  const { scheduleOn: on, cal, networks } = await attendanceContext(db, ctx.orgId, Number(date.slice(0, 4)));
  const schedule = on(date);
  if (!ipAllowed(ip, networks)) {
    await writeTx(db, (tx) =>
      audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "attendance.checkOutRefused", entityType: "membership", entityId: ctx.membershipId, details: { ip }, at: ctx.now }),
    );
    throw new FieldError("checkOut", "networkRefused");
  }
  const [rec, leave] = await Promise.all([
    db
      .selectFrom("attendance_records")
      .select(["id", "session"])
      .where("org_id", "=", ctx.orgId)
      .where("membership_id", "=", ctx.membershipId)
      .where("date", "=", date)
      .where("check_out_at", "is", null)
      .orderBy("check_in_at", "desc")
      .executeTakeFirst(),
    approvedLeaveOn(db, ctx.orgId, date, date),
  ]);
  if (!rec) throw new FieldError("checkOut", "notCheckedIn");
  const mine = leave.find((l) => l.membershipId === ctx.membershipId);
  const earlyMinutes = earlyLeaveMinutes({
    date,
    hours: hours(schedule, cal, date),
    graceMinutes: schedule.settings.graceMinutes,
    session: rec.session,
    leave: mine ? { kind: mine.kind, part: mine.part } : null,
    now: ctx.now,
  });
  if (earlyMinutes > 0 && !opts.confirmed) return { status: "confirm", earlyMinutes };
  const at = ctx.now.toISOString();
  await writeTx(db, async (tx) => {
    const res = await tx
      .updateTable("attendance_records")
      .set({ check_out_at: at, check_out_ip: ip })
      .where("id", "=", rec.id)
      .where("org_id", "=", ctx.orgId)
      .where("check_out_at", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new FieldError("checkOut", "notCheckedIn");
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "attendance.checkedOut", entityType: "membership", entityId: ctx.membershipId, details: { date, earlyMinutes }, at: ctx.now });
  }, PUNCH);
  return { status: "done", at, earlyMinutes };
}

/**
 * Undoes one's own check-out within UNDO_CHECKOUT_MS of it (a mistaken tap): the record is open
 * again, as if the check-out had not happened; the audit log keeps both.
 */
export async function undoCheckOut(db: DB, ctx: Ctx, recordId: string): Promise<void> {
  const since = new Date(ctx.now.getTime() - UNDO_CHECKOUT_MS).toISOString();
  await writeTx(db, async (tx) => {
    const rec = await tx
      .selectFrom("attendance_records")
      .select(["date", "check_out_at"])
      .where("id", "=", recordId)
      .where("org_id", "=", ctx.orgId)
      .where("membership_id", "=", ctx.membershipId)
      .executeTakeFirst();
    if (!rec) notFound();
    const res = await tx
      .updateTable("attendance_records")
      .set({ check_out_at: null, check_out_ip: "" })
      .where("id", "=", recordId)
      .where("org_id", "=", ctx.orgId)
      .where("membership_id", "=", ctx.membershipId)
      .where("check_out_at", "is not", null)
      .where("check_out_at", ">=", since)
      .where("check_out_at", "<=", ctx.now.toISOString())
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new FieldError("checkOut", "undoExpired");
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "attendance.checkOutUndone",
      entityType: "membership",
      entityId: ctx.membershipId,
      details: { date: rec.date, checkOutAt: rec.check_out_at },
      at: ctx.now,
    });
  }, PUNCH);
}

interface CorrectionRow {
  membership_id: string;
  date: string;
  session: Session;
  check_in_time: string | null;
  check_out_time: string | null;
}

/** Records as they count: the originals, with approved corrections applied on top. */
function effectiveRecords(records: DayRecord[], corrections: CorrectionRow[], date: string): DayRecord[] {
  if (corrections.length === 0) return records;
  const out = records.map((r) => ({ ...r }));
  for (const c of corrections) {
    const rec = out.find((r) => r.session === c.session) ?? out[0];
    const inAt = c.check_in_time ? at(date, c.check_in_time).toISOString() : null;
    const outAt = c.check_out_time ? at(date, c.check_out_time).toISOString() : null;
    if (rec) {
      if (inAt) rec.checkIn = inAt;
      if (outAt) rec.checkOut = outAt;
    } else if (inAt) {
      out.push({ session: c.session, checkIn: inAt, checkOut: outAt });
    }
  }
  return out;
}

export interface MemberDay extends DayStatus {
  date: string;
  membershipId: string;
  onDuty: boolean;
  corrected: boolean;
}

/** A member as the range functions list them: still there, or who left during the range. */
export interface RangeMember {
  id: string;
  name: string;
  title: string;
  counter: string | null;
  joined_on: string;
  left_on: string | null;
}

const key = (m: string, d: string) => `${m}|${d}`;

/** The check-in records of [from, to] (of one member, or all), by member and date. One query. */
export async function recordsByDay(db: Executor, orgId: string, from: string, to: string, onlyMember?: string): Promise<Map<string, DayRecord[]>> {
  const rows = await db
    .selectFrom("attendance_records")
    .select(["membership_id", "date", "session", "check_in_at", "check_out_at"])
    .where("org_id", "=", orgId)
    .where("date", ">=", from)
    .where("date", "<=", to)
    .$if(Boolean(onlyMember), (q) => q.where("membership_id", "=", onlyMember!))
    .execute();
  const out = new Map<string, DayRecord[]>();
  for (const r of rows) {
    const k = key(r.membership_id, r.date);
    const list = out.get(k);
    const rec = { session: r.session, checkIn: r.check_in_at, checkOut: r.check_out_at };
    if (list) list.push(rec);
    else out.set(k, [rec]);
  }
  return out;
}

/**
 * Everything but the check-in records that the rules need to judge the members' days in
 * [from, to] — the members, the rules in force and opening hours of each date (worked out once per
 * date), approved corrections and leave, duty shifts — and `judge`, the one place a member's day
 * is evaluated (evaluateDay). A fixed number of queries whatever the range.
 */
export async function rangeJudge(db: Executor, orgId: string, from: string, to: string, opts: { onlyMember?: string; duty?: boolean } = {}) {
  const { onlyMember } = opts;
  const { scheduleOn: on, cal, rulesKey } = await attendanceContext(db, orgId, Number(from.slice(0, 4)));
  const cached = dayRulesEntry(rulesKey);
  const [directory, corrections, leave, duty] = await Promise.all([
    memberDirectory(db, orgId, onlyMember ? { ids: [onlyMember] } : {}),
    db
      .selectFrom("attendance_corrections")
      .select(["membership_id", "date", "session", "check_in_time", "check_out_time"])
      .where("org_id", "=", orgId)
      .where("status", "=", "approved")
      .where("date", ">=", from)
      .where("date", "<=", to)
      .$if(Boolean(onlyMember), (q) => q.where("membership_id", "=", onlyMember!))
      .execute(),
    approvedLeaveOn(db, orgId, from, to),
    opts.duty === false ? Promise.resolve([]) : publishedShifts(db, orgId, from, to),
  ]);
  // The members still there, or who left during the range, by name.
  const members: RangeMember[] = directory
    .filter((m) => m.active || (m.leftOn !== null && m.leftOn >= from))
    .map((m) => ({ id: m.id, name: m.name, title: m.title, counter: m.counter, joined_on: m.joinedOn, left_on: m.leftOn }));
  const corrBy = new Map<string, CorrectionRow[]>();
  for (const c of corrections) {
    const list = corrBy.get(key(c.membership_id, c.date));
    if (list) list.push(c);
    else corrBy.set(key(c.membership_id, c.date), [c]);
  }
  const leaveBy = new Map<string, DayLeave>(leave.map((l) => [key(l.membershipId, l.date), { kind: l.kind, part: l.part }]));
  const dutyBy = new Set(duty.map((d) => key(d.membership_id!, d.date)));
  // The rules in force and the opening hours depend on the date only: once per date. A day is
  // judged by the schedule version in force that day, so a later change never rewrites it.
  const byDate = cached.days;
  const dayRules = (date: string): DayRules => {
    let r = byDate.get(date);
    if (!r) {
      const schedule = on(date);
      r = { schedule, hours: hours(schedule, cal, date), saturday: isSaturdayOpening(schedule, date, cal) };
      byDate.set(date, r);
    }
    return r;
  };
  /** A fingerprint of the rules of every date of a month (YYYY-MM): hours, grace, mode, Saturday rota. */
  const monthRulesFingerprint = (month: string): string => {
    let fp = cached.months.get(month);
    if (fp === undefined) {
      const parts: string[] = [];
      const end = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
      for (let d = `${month}-01`; d <= end; d = addDays(d, 1)) {
        const r = dayRules(d);
        const s = r.schedule.settings;
        parts.push(`${d}|${JSON.stringify(r.hours)}|${s.graceMinutes}|${s.checkinMode}|${r.saturday ? r.schedule.saturdayStaff.join(",") : "-"}`);
      }
      fp = createHash("sha1").update(parts.join("\n")).digest("base64url");
      cached.months.set(month, fp);
    }
    return fp;
  };
  /** The opening hours that apply to a member on a date: none out of service, or off the Saturday rota. */
  const memberHours = (m: RangeMember, date: string): DayHours | null => {
    const { schedule, hours: h0, saturday } = dayRules(date);
    const inService = date >= m.joined_on && (!m.left_on || date < m.left_on);
    // An open Saturday morning expects only the members on the Saturday rota.
    const rostered = !saturday || schedule.saturdayStaff.includes(m.id);
    return inService && rostered ? h0 : null;
  };
  const judge = (m: RangeMember, date: string, now: Date, records: DayRecord[] = NO_RECORDS): MemberDay => {
    const k = key(m.id, date);
    const { schedule } = dayRules(date);
    const h = memberHours(m, date);
    const corr = corrBy.get(k) ?? NO_CORRECTIONS;
    const status = evaluateDay({
      date,
      hours: h,
      graceMinutes: schedule.settings.graceMinutes,
      mode: schedule.settings.checkinMode,
      records: effectiveRecords(records, corr, date),
      leave: leaveBy.get(k) ?? null,
      now,
    });
    return { ...status, date, membershipId: m.id, onDuty: dutyBy.has(k), corrected: corr.length > 0 };
  };
  // The kind of each date as the timesheet shows it: an open Saturday is a (half) working day.
  const kindOf = (d: string): DayKind => (dayRules(d).saturday ? "working" : cal(d).kind);
  /** Whether a member's day is a working one (MemberDay.working), without judging it. */
  const works = (m: RangeMember, date: string) => Boolean(memberHours(m, date));
  return { members, judge, works, dayRules, monthRulesFingerprint, corrections, leave, cal, kindOf, scheduleOn: on, hoursOn: (d: string) => dayRules(d).hours };
}

/**
 * Every member's status for each day in [from, to] — a fixed number of queries whatever the
 * range: members, records, approved corrections, approved leave, duty shifts.
 */
export async function evaluateRange(db: Executor, orgId: string, from: string, to: string, now: Date, onlyMember?: string) {
  const [range, recBy] = await Promise.all([rangeJudge(db, orgId, from, to, { onlyMember }), recordsByDay(db, orgId, from, to, onlyMember)]);
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  const days: MemberDay[] = [];
  for (const m of range.members) {
    for (const date of dates) days.push(range.judge(m, date, now, recBy.get(key(m.id, date))));
  }
  return { members: range.members, days, dates, cal: range.cal, kindOf: range.kindOf, scheduleOn: range.scheduleOn, hoursOn: range.hoursOn };
}

/** The check-in page of one member: today, and the last two weeks. */
export async function myAttendance(db: Executor, orgId: string, membershipId: string, now: Date) {
  const today = vnDateOf(now);
  const from = addDays(today, -13);
  const [range, records, corrections] = await Promise.all([
    evaluateRange(db, orgId, from, today, now, membershipId),
    db
      .selectFrom("attendance_records")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("membership_id", "=", membershipId)
      .where("date", ">=", from)
      .orderBy("date", "desc")
      .limit(60)
      .execute(),
    db
      .selectFrom("attendance_corrections")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("membership_id", "=", membershipId)
      .orderBy("created_at", "desc")
      .limit(20)
      .execute(),
  ]);
  const days = range.days.slice().reverse();
  const todayRecords = records.filter((r) => r.date === today);
  const openRecord = todayRecords.find((r) => !r.check_out_at) ?? null;
  // Only a button that does something: check in when this session has no record yet, check out
  // when one is open, nothing once the day (or session) is checked out.
  const session = sessionFor(range.scheduleOn(today).settings.checkinMode, today, range.hoursOn(today), now);
  const next: "checkIn" | "checkOut" | null = openRecord ? "checkOut" : todayRecords.some((r) => r.session === session) ? null : "checkIn";
  // The last check-out, while it can still be undone.
  const last = todayRecords
    .filter((r) => r.check_out_at && now.getTime() - new Date(r.check_out_at).getTime() <= UNDO_CHECKOUT_MS && new Date(r.check_out_at) <= now)
    .sort((a, b) => b.check_out_at!.localeCompare(a.check_out_at!))[0];
  const undo = last && !openRecord ? { recordId: last.id, until: new Date(new Date(last.check_out_at!).getTime() + UNDO_CHECKOUT_MS).toISOString() } : null;
  return { today, todayStatus: days[0]!, days, records, corrections, openRecord, next, undo, checkedInToday: todayRecords.length > 0 };
}

/** Today's board (or any date's): who is present, late, not yet in, away, on duty. */
export async function board(db: Executor, orgId: string, date: string, now: Date) {
  const range = await evaluateRange(db, orgId, date, date, now);
  const names = new Map(range.members.map((m) => [m.id, m]));
  const rows = range.days.map((d) => ({ ...d, name: names.get(d.membershipId)!.name, counter: names.get(d.membershipId)!.counter }));
  const working = Boolean(range.hoursOn(date));
  return {
    working,
    dayName: range.cal(date).name ?? null,
    present: rows.filter((r) => r.state === "present" && r.lateMinutes === 0),
    late: rows.filter((r) => r.state === "present" && r.lateMinutes > 0),
    pending: rows.filter((r) => r.state === "pending" || r.state === "future"),
    absent: rows.filter((r) => r.state === "absent"),
    leave: rows.filter((r) => r.leave && r.leave.kind !== "business"),
    business: rows.filter((r) => r.leave?.kind === "business"),
    duty: rows.filter((r) => r.onDuty),
  };
}

// ---- corrections ----

export async function requestCorrection(
  db: DB,
  ctx: Ctx,
  input: { date: string; session: Session; checkInTime?: string; checkOutTime?: string; reason: string },
) {
  const today = vnDateOf(ctx.now);
  if (input.date > today) throw new FieldError("date", "correctionFuture");
  if (input.date < addDays(today, -31)) throw new FieldError("date", "correctionTooOld");
  if (!input.checkInTime && !input.checkOutTime) throw new FieldError("checkInTime", "correctionEmpty");
  await writeTx(db, async (tx) => {
    const id = randomUUID();
    await tx
      .insertInto("attendance_corrections")
      .values({
        id,
        org_id: ctx.orgId,
        membership_id: ctx.membershipId,
        date: input.date,
        session: input.session,
        check_in_time: input.checkInTime ?? null,
        check_out_time: input.checkOutTime ?? null,
        reason: input.reason,
        status: "pending",
        decided_by: null,
        decided_at: null,
        decision_note: "",
        created_at: ctx.now.toISOString(),
      })
      .execute();
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "attendance.correctionRequested", entityType: "attendance_correction", entityId: id, details: { date: input.date }, at: ctx.now });
    // The directors and deputies who decide it are told it waits for them (never the requester).
    const actor = await actorName(tx, ctx);
    await notify(tx, {
      orgId: ctx.orgId,
      recipients: await membersWhoMay(tx, ctx.orgId, "attendance.decide"),
      except: ctx.membershipId,
      kind: "correctionRequested",
      params: { actor, date: formatDate(input.date) },
      path: "/attendance",
      at: ctx.now,
    });
  });
}

/** A leader accepts or refuses a correction; returns whose and for which date. */
export async function decideCorrection(db: DB, ctx: Ctx, input: { correctionId: string; approve: boolean; note?: string }): Promise<{ name: string; date: string }> {
  const c = await db
    .selectFrom("attendance_corrections as c")
    .select(["c.id", "c.status", "c.membership_id", "c.date"])
    .where("c.org_id", "=", ctx.orgId)
    .where("c.id", "=", input.correctionId)
    .executeTakeFirst();
  if (!c) notFound();
  refuseOwnCase(ctx.membershipId, [c.membership_id], "correctionId", "cannotDecideOwn");
  if (c.status !== "pending") alreadyDecided("correctionId");
  await writeTx(db, async (tx) => {
    // Check and write in one statement: of two simultaneous decisions, one changes the row.
    const res = await tx
      .updateTable("attendance_corrections")
      .set({ status: input.approve ? "approved" : "refused", decided_by: ctx.membershipId, decided_at: ctx.now.toISOString(), decision_note: input.note ?? "" })
      .where("id", "=", c.id)
      .where("org_id", "=", ctx.orgId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    decidedOnce(res, "correctionId");
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: input.approve ? "attendance.correctionApproved" : "attendance.correctionRefused", entityType: "attendance_correction", entityId: c.id, at: ctx.now });
    await notify(tx, {
      orgId: ctx.orgId,
      recipients: [c.membership_id],
      kind: "correctionDecided",
      params: { date: formatDate(c.date), decision: input.approve ? "approved" : "refused" },
      path: "/attendance",
      at: ctx.now,
    });
  });
  return { name: (await memberNames(db, ctx.orgId, [c.membership_id])).get(c.membership_id) ?? "", date: c.date };
}

/** Correction requests waiting for a decision, with the original record beside each. */
export async function pendingCorrections(db: Executor, orgId: string) {
  const rows = await db
    .selectFrom("attendance_corrections as c")
    .leftJoin("attendance_records as r", (j) =>
      j.onRef("r.membership_id", "=", "c.membership_id").onRef("r.date", "=", "c.date").onRef("r.session", "=", "c.session"),
    )
    .select(["c.id", "c.date", "c.session", "c.check_in_time", "c.check_out_time", "c.reason", "c.membership_id", "r.check_in_at as originalIn", "r.check_out_at as originalOut"])
    .where("c.org_id", "=", orgId)
    .where("c.status", "=", "pending")
    .orderBy("c.created_at")
    .limit(100)
    .execute();
  return (await withNames(db, orgId, rows, { name: (r) => r.membership_id })).map(({ membership_id: _, ...r }) => r);
}

/** The centre's office networks (admin setting). */
export async function saveNetworks(db: DB, ctx: Ctx, networks: string) {
  const clean = networks
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean)
    .join("\n");
  await writeTx(db, async (tx) => {
    await saveOfficeNetworks(tx, ctx.orgId, clean, ctx.now);
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "attendance.networksChanged", entityType: "organization", entityId: ctx.orgId, details: { networks: clean }, at: ctx.now });
  });
}

/** The month's grid and totals for every member (`month` = YYYY-MM). */
export async function timesheet(db: Executor, orgId: string, month: string, now: Date) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const from = `${month}-01`;
  const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const range = await evaluateRange(db, orgId, from, to, now);
  const byMember = new Map<string, MemberDay[]>();
  for (const d of range.days) byMember.set(d.membershipId, [...(byMember.get(d.membershipId) ?? []), d]);
  const kinds = range.dates.map((d) => range.kindOf(d));
  const rows = range.members.map((mem) => {
    const days = byMember.get(mem.id) ?? [];
    return {
      membershipId: mem.id,
      name: mem.name,
      title: mem.title,
      symbols: days.map((d, i) => symbolFor(d, kinds[i]!)),
      totals: totalsOf(days.map((d, i) => ({ status: d, kind: kinds[i]! }))),
    };
  });
  return { month, dates: range.dates, kinds, rows };
}

/**
 * Correction requests waiting for a decision that this member may take: everyone's but their own
 * (the caller checks that the member decides corrections). Indexed by (org_id, status).
 */
export function correctionsAwaiting(db: Executor, orgId: string, membershipId: string) {
  return db
    .selectFrom("attendance_corrections as c")
    .select(["c.id", "c.date", "c.session", "c.created_at as at", "c.membership_id as whoId"])
    .where("c.org_id", "=", orgId)
    .where("c.status", "=", "pending")
    .where("c.membership_id", "!=", membershipId);
}
