import { notify } from "../notifications/notify.server";
import { randomUUID } from "node:crypto";
import { forNoKeyUpdate } from "../../../db/engine";
import type { DB, Executor, Tx } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { FieldError, forbidden, notFound } from "../../utils/errors";
import { formatDate } from "../../utils/time";
import { audit } from "../audit/audit.server";
import { alreadyDecided, decidedOnce, refuseOwnCase } from "../auth/decisions";
import { loadCalendar } from "../calendar/calendar.server";
import { membersWhoMay } from "../org/members.server";
import type { Ctx } from "../ctx";
import { addDays, vnDateOf } from "../tasks/rules";
import {
  annualEntitlement,
  balanceOf,
  coveredDates,
  DEFAULT_ANNUAL_BASE,
  DEFAULT_YEARS_PER_EXTRA,
  HOLDING_STATUSES,
  leaveDays,
  leaveOverlaps,
  MAX_AHEAD_DAYS,
  MAX_BACKDATE_DAYS,
  MAX_LEAVE_SPAN_DAYS,
  type Balance,
  type LeaveKind,
  type LeavePart,
} from "./rules";
import type { DecideLeaveInput, LeaveRequestInput } from "./schema";

/** Most leave rows a single query reads (a centre has tens of people; this is a safety bound). */
const MAX_ROWS = 5000;

/**
 * The earliest start_date a request covering `from` can have: requests span at most
 * MAX_LEAVE_SPAN_DAYS, so this lower bound keeps range queries on the (org_id, status, start_date)
 * index bounded however much history there is.
 */
const earliestStartCovering = (from: string) => addDays(from, -(MAX_LEAVE_SPAN_DAYS - 1));

export interface LeaveDay {
  membershipId: string;
  date: string;
  kind: LeaveKind;
  part: LeavePart;
}

/**
 * Approved leave in [from, to]: one row per member and calendar date covered (working or not), for
 * attendance, the timesheet and the rosters. One indexed query.
 */
export async function approvedLeaveOn(db: Executor, orgId: string, from: string, to: string): Promise<LeaveDay[]> {
  if (to < from) return [];
  const rows = await db
    .selectFrom("leave_requests")
    .select(["membership_id", "kind", "start_date", "end_date", "part"])
    .where("org_id", "=", orgId)
    .where("status", "=", "approved")
    .where("start_date", ">=", earliestStartCovering(from))
    .where("start_date", "<=", to)
    .where("end_date", ">=", from)
    .orderBy("start_date")
    .orderBy("membership_id")
    .limit(MAX_ROWS)
    .execute();
  return rows.flatMap((r) => coveredDates(r, from, to).map((d) => ({ membershipId: r.membership_id, date: d.date, kind: r.kind, part: d.part })));
}

// ---------- Balances ----------

const key = (membershipId: string, year: number) => `${membershipId}:${year}`;

/**
 * Annual-leave balances for (member, year) pairs: entitlement by seniority at 1 January (service
 * start, or the day they joined), pro rata to the months worked when they joined or left during
 * the year, approved and pending annual days of that year. Three queries whatever the number of
 * pairs.
 */
export async function leaveBalances(db: Executor, orgId: string, pairs: { membershipId: string; year: number }[]): Promise<Map<string, Balance>> {
  const out = new Map<string, Balance>();
  if (pairs.length === 0) return out;
  const ids = [...new Set(pairs.map((p) => p.membershipId))];
  const years = pairs.map((p) => p.year);
  const [settings, members, rows] = await Promise.all([
    db.selectFrom("org_settings").select(["annual_leave_base", "annual_leave_years_per_extra"]).where("org_id", "=", orgId).executeTakeFirst(),
    db.selectFrom("memberships").select(["id", "service_start_date", "joined_on", "left_on"]).where("org_id", "=", orgId).where("id", "in", ids).execute(),
    db
      .selectFrom("leave_requests")
      .select(["membership_id", "start_date", "days", "status"])
      .where("org_id", "=", orgId)
      .where("membership_id", "in", ids)
      .where("kind", "=", "annual")
      .where("status", "in", ["pending", "approved"])
      .where("start_date", ">=", `${Math.min(...years)}-01-01`)
      .where("start_date", "<=", `${Math.max(...years)}-12-31`)
      .limit(MAX_ROWS)
      .execute(),
  ]);
  const base = settings?.annual_leave_base ?? DEFAULT_ANNUAL_BASE;
  const yearsPerExtra = settings?.annual_leave_years_per_extra ?? DEFAULT_YEARS_PER_EXTRA;
  const sums = new Map<string, { taken: number; pending: number }>();
  // Annual leave never crosses a year (requestLeave refuses it), so the start date gives the year.
  for (const r of rows) {
    const k = key(r.membership_id, Number(r.start_date.slice(0, 4)));
    const s = sums.get(k) ?? { taken: 0, pending: 0 };
    if (r.status === "approved") s.taken += r.days;
    else s.pending += r.days;
    sums.set(k, s);
  }
  const byId = new Map(members.map((m) => [m.id, m]));
  for (const p of pairs) {
    const m = byId.get(p.membershipId);
    if (!m) continue;
    const ent = annualEntitlement({
      base,
      yearsPerExtra,
      serviceStart: m.service_start_date ?? m.joined_on,
      year: p.year,
      joinedOn: m.joined_on,
      leftOn: m.left_on,
    });
    const s = sums.get(key(p.membershipId, p.year)) ?? { taken: 0, pending: 0 };
    out.set(key(p.membershipId, p.year), balanceOf(ent, p.year, s.taken, s.pending));
  }
  return out;
}

/** One member's annual-leave balance for a year. */
export async function leaveBalance(db: Executor, orgId: string, membershipId: string, year: number): Promise<Balance> {
  const b = (await leaveBalances(db, orgId, [{ membershipId, year }])).get(key(membershipId, year));
  if (!b) notFound();
  return b;
}

// ---------- Lists ----------

/** The member's own requests, latest first (bounded). */
export async function myLeaveRequests(db: Executor, orgId: string, membershipId: string, limit = 50) {
  return db
    .selectFrom("leave_requests as l")
    .leftJoin("memberships as dm", "dm.id", "l.decided_by")
    .leftJoin("users as du", "du.id", "dm.user_id")
    .select([
      "l.id",
      "l.kind",
      "l.start_date as startDate",
      "l.end_date as endDate",
      "l.part",
      "l.days",
      "l.reason",
      "l.status",
      "l.decision_note as decisionNote",
      "l.decided_at as decidedAt",
      "du.full_name as decidedByName",
      "l.created_at as createdAt",
    ])
    .where("l.org_id", "=", orgId)
    .where("l.membership_id", "=", membershipId)
    .orderBy("l.start_date", "desc")
    .orderBy("l.created_at", "desc")
    .limit(limit)
    .execute();
}

/** The centre's requests waiting for a decision, earliest first, with each requester's annual balance. */
export async function pendingLeaveRequests(db: Executor, orgId: string, limit = 100) {
  const rows = await db
    .selectFrom("leave_requests as l")
    .innerJoin("memberships as m", "m.id", "l.membership_id")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select([
      "l.id",
      "l.membership_id as membershipId",
      "u.full_name as name",
      "m.title",
      "l.kind",
      "l.start_date as startDate",
      "l.end_date as endDate",
      "l.part",
      "l.days",
      "l.reason",
      "l.created_at as createdAt",
    ])
    .where("l.org_id", "=", orgId)
    .where("l.status", "=", "pending")
    .orderBy("l.start_date")
    .orderBy("l.created_at")
    .limit(limit)
    .execute();
  const annual = rows.filter((r) => r.kind === "annual").map((r) => ({ membershipId: r.membershipId, year: Number(r.startDate.slice(0, 4)) }));
  const balances = await leaveBalances(db, orgId, annual);
  return rows.map((r) => ({ ...r, balance: r.kind === "annual" ? (balances.get(key(r.membershipId, Number(r.startDate.slice(0, 4)))) ?? null) : null }));
}

/** Who is on approved leave on a date, with the kind and part of the day. One query. */
export async function onLeaveOn(db: Executor, orgId: string, date: string) {
  return db
    .selectFrom("leave_requests as l")
    .innerJoin("memberships as m", "m.id", "l.membership_id")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["l.id", "u.full_name as name", "l.kind", "l.part", "l.start_date as startDate", "l.end_date as endDate"])
    .where("l.org_id", "=", orgId)
    .where("l.status", "=", "approved")
    .where("l.start_date", ">=", earliestStartCovering(date))
    .where("l.start_date", "<=", date)
    .where("l.end_date", ">=", date)
    .orderBy("u.full_name")
    .limit(500)
    .execute();
}

// ---------- Writes ----------

/**
 * Serialises the leave writes of one member: the overlap and balance checks read the member's other
 * requests, which a concurrent request could add to or a concurrent approval change (a row that does
 * not exist yet cannot be locked, so the member's row is the lock). On PostgreSQL the row stays
 * locked until the transaction ends; on SQLite writeTx is serial anyway.
 */
async function lockMemberLeave(tx: Tx, orgId: string, membershipId: string): Promise<void> {
  await tx.selectFrom("memberships").select("id").where("org_id", "=", orgId).where("id", "=", membershipId).$call(forNoKeyUpdate(tx)).executeTakeFirst();
}

/**
 * A member asks for leave. Refused, beside the field: a start too far back or ahead, annual leave
 * across a year end, a range with no working day, an overlap with the member's own pending or
 * approved leave, and annual leave over what is left of the year's entitlement (pending included).
 */
export async function requestLeave(db: DB, ctx: Ctx, input: Omit<LeaveRequestInput, "intent">): Promise<string> {
  const today = vnDateOf(ctx.now);
  const part: LeavePart = input.part;
  if (input.startDate < addDays(today, -MAX_BACKDATE_DAYS)) throw new FieldError("startDate", "leaveTooFarBack");
  if (input.startDate > addDays(today, MAX_AHEAD_DAYS)) throw new FieldError("startDate", "leaveTooFarAhead");
  const year = Number(input.startDate.slice(0, 4));
  if (input.kind === "annual" && input.endDate.slice(0, 4) !== input.startDate.slice(0, 4)) throw new FieldError("endDate", "annualCrossesYear");
  const cal = await loadCalendar(db, ctx.orgId, year);
  const days = leaveDays(input.startDate, input.endDate, part, cal);
  if (days === 0) throw part === "full" ? new FieldError("endDate", "noWorkingDays") : new FieldError("startDate", "notWorkingDay");

  return writeTx(db, async (tx) => {
    await lockMemberLeave(tx, ctx.orgId, ctx.membershipId);
    const mine = await tx
      .selectFrom("leave_requests")
      .select(["start_date", "end_date", "part"])
      .where("org_id", "=", ctx.orgId)
      .where("membership_id", "=", ctx.membershipId)
      .where("status", "in", [...HOLDING_STATUSES])
      .where("start_date", ">=", earliestStartCovering(input.startDate))
      .where("start_date", "<=", input.endDate)
      .where("end_date", ">=", input.startDate)
      .limit(100)
      .execute();
    const clash = mine.find((r) => leaveOverlaps(r, { start_date: input.startDate, end_date: input.endDate, part }));
    if (clash) {
      const range = clash.start_date === clash.end_date ? formatDate(clash.start_date) : `${formatDate(clash.start_date)}–${formatDate(clash.end_date)}`;
      throw new FieldError("startDate", `leaveOverlap|${range}`);
    }
    if (input.kind === "annual") {
      const balance = await leaveBalance(tx, ctx.orgId, ctx.membershipId, year);
      if (days > balance.available) throw new FieldError("endDate", `overBalance|${Math.max(0, balance.available)}`);
    }
    const id = randomUUID();
    await tx
      .insertInto("leave_requests")
      .values({
        id,
        org_id: ctx.orgId,
        membership_id: ctx.membershipId,
        kind: input.kind,
        start_date: input.startDate,
        end_date: input.endDate,
        part,
        days,
        reason: input.reason,
        status: "pending",
        decided_by: null,
        decided_at: null,
        decision_note: "",
        created_at: ctx.now.toISOString(),
      })
      .execute();
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "leave.requested",
      entityType: "leave_request",
      entityId: id,
      details: { kind: input.kind, from: input.startDate, to: input.endDate, part, days },
      at: ctx.now,
    });
    // The directors and deputies who decide it are told it waits for them (never the requester).
    const actor = await tx.selectFrom("users").select("full_name").where("id", "=", ctx.actorUserId).executeTakeFirstOrThrow();
    await notify(tx, {
      orgId: ctx.orgId,
      recipients: await membersWhoMay(tx, ctx.orgId, "leave.decide"),
      except: ctx.membershipId,
      kind: "leaveRequested",
      params: { actor: actor.full_name, leaveKind: input.kind, from: formatDate(input.startDate), to: formatDate(input.endDate) },
      path: "/leave#leave-pending",
      at: ctx.now,
    });
    return id;
  });
}

/** The member withdraws one of their own requests while it is still pending. */
/** One request's kind, dates and member, for saying what was done with it. */
export async function leaveHeadline(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("leave_requests as l")
    .innerJoin("memberships as m", "m.id", "l.membership_id")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["l.kind", "l.start_date as startDate", "l.end_date as endDate", "u.full_name as name"])
    .where("l.org_id", "=", orgId)
    .where("l.id", "=", id)
    .executeTakeFirstOrThrow();
}

export async function cancelLeave(db: DB, ctx: Ctx, id: string): Promise<void> {
  await writeTx(db, async (tx) => {
    const row = await tx.selectFrom("leave_requests").select(["id", "membership_id", "status"]).where("org_id", "=", ctx.orgId).where("id", "=", id).executeTakeFirst();
    if (!row) notFound();
    if (row.membership_id !== ctx.membershipId) forbidden();
    if (row.status !== "pending") throw new FieldError("id", "notPending");
    // Decided meanwhile (a leader approved it after the read): not cancelled, and no audit entry.
    const res = await tx.updateTable("leave_requests").set({ status: "cancelled" }).where("org_id", "=", ctx.orgId).where("id", "=", id).where("status", "=", "pending").executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new FieldError("id", "notPending");
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "leave.cancelled", entityType: "leave_request", entityId: id, at: ctx.now });
  });
}

/**
 * A director or deputy (checked by the route) approves or refuses a pending request, with a note
 * (required to refuse). Nobody decides their own request. Approving annual leave checks again that
 * the year's entitlement still covers it.
 */
export async function decideLeave(db: DB, ctx: Ctx, input: DecideLeaveInput): Promise<void> {
  await writeTx(db, async (tx) => {
    const row = await tx.selectFrom("leave_requests").selectAll().where("org_id", "=", ctx.orgId).where("id", "=", input.id).executeTakeFirst();
    if (!row) notFound();
    refuseOwnCase(ctx.membershipId, [row.membership_id], "note", "ownRequest");
    if (row.status === "cancelled") throw new FieldError("note", "notPending");
    if (row.status !== "pending") alreadyDecided("note");
    if (input.intent === "approve" && row.kind === "annual") {
      // Two leaders approving two requests of the same member at once must not both pass the check.
      await lockMemberLeave(tx, ctx.orgId, row.membership_id);
      const balance = await leaveBalance(tx, ctx.orgId, row.membership_id, Number(row.start_date.slice(0, 4)));
      if (row.days > balance.remaining) throw new FieldError("note", `overBalanceApprove|${Math.max(0, balance.remaining)}`);
    }
    const status = input.intent === "approve" ? "approved" : "refused";
    // The state is checked again by the write itself, so two simultaneous decisions make one change.
    const res = await tx
      .updateTable("leave_requests")
      .set({ status, decided_by: ctx.membershipId, decided_at: ctx.now.toISOString(), decision_note: input.note ?? "" })
      .where("org_id", "=", ctx.orgId)
      .where("id", "=", row.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    decidedOnce(res, "note");
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: `leave.${status}`,
      entityType: "leave_request",
      entityId: row.id,
      details: { membershipId: row.membership_id, kind: row.kind, from: row.start_date, to: row.end_date, days: row.days, note: input.note ?? "" },
      at: ctx.now,
    });
    await notify(tx, {
      orgId: ctx.orgId,
      recipients: [row.membership_id],
      kind: "leaveDecided",
      params: { from: formatDate(row.start_date), to: formatDate(row.end_date), decision: status === "approved" ? "approved" : "refused" },
      path: "/leave",
      at: ctx.now,
    });
  });
}

/**
 * Requests waiting for a decision that this member may take: everyone's but their own (the caller
 * checks that the member decides leave). Indexed by (org_id, status, start_date).
 */
export function leaveAwaiting(db: Executor, orgId: string, membershipId: string) {
  return db
    .selectFrom("leave_requests as l")
    .innerJoin("memberships as m", "m.id", "l.membership_id")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["l.id", "l.kind", "l.start_date as date", "l.end_date as endDate", "l.created_at as at", "u.full_name as who"])
    .where("l.org_id", "=", orgId)
    .where("l.status", "=", "pending")
    .where("l.membership_id", "!=", membershipId);
}
