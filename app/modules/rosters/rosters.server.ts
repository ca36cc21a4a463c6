import { randomUUID } from "node:crypto";
import { forNoKeyUpdate } from "../../../db/engine";
import { SLOT_KINDS, type DB, type Executor, type RosterChangeKind, type SwapStatus, type Tx } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { FieldError, forbidden, notFound } from "../../utils/errors";
import { audit } from "../audit/audit.server";
import { alreadyDecided, decidedOnce, refuseOwnCase } from "../auth/decisions";
import { parseRoles, type Role } from "../auth/permissions";
import { loadCalendar } from "../calendar/calendar.server";
import { getSchedule } from "../calendar/schedule.server";
import type { Ctx } from "../ctx";
import { addDays, deadlineInstant } from "../tasks/rules";
import { autoAssign, findConflicts, type Candidate, type SlotInput, type SlotKind } from "./assign";
import { unavailableDates } from "./availability.server";
import { notify } from "../notifications/notify.server";
import { membersWhoMay } from "../org/members.server";
import { formatDate } from "../../utils/time";
import type { CreateRosterInput } from "./schema";

export { SLOT_KINDS };

/** Which roles may take which slot: leaders lead, staff (and inspectors who are staff) do the rest. */
export function slotKindsFor(roles: readonly Role[]): SlotKind[] {
  const kinds: SlotKind[] = [];
  if (roles.includes("director") || roles.includes("deputy")) kinds.push("leader");
  if (roles.includes("staff")) kinds.push("staff", "security");
  return kinds;
}

/** Duty weights of the schedule in force on a date (the roster's first day). */
async function weights(db: Executor, orgId: string, date: string) {
  const s = (await getSchedule(db, orgId, date)).settings;
  return { holiday: s.holidayWeight, weekend: s.weekendWeight };
}

async function loadRoster(db: Executor, orgId: string, rosterId: string) {
  const roster = await db.selectFrom("rosters").selectAll().where("org_id", "=", orgId).where("id", "=", rosterId).executeTakeFirst();
  if (!roster) notFound();
  return roster;
}

/** The days and slots a new roster proposes: the period's non-working days (or all), each with its slots. */
export async function createRoster(db: DB, ctx: Ctx, input: CreateRosterInput): Promise<{ id: string; slots: number }> {
  const cal = await loadCalendar(db, ctx.orgId, Number(input.startDate.slice(0, 4)));
  const w = await weights(db, ctx.orgId, input.startDate);
  const days: { date: string; weight: number }[] = [];
  for (let d = input.startDate; d <= input.endDate; d = addDays(d, 1)) {
    const kind = cal(d).kind;
    if (input.dayMode === "nonworking" && (kind === "working" || kind === "makeup")) continue;
    days.push({ date: d, weight: kind === "holiday" ? w.holiday : kind === "weekend" ? w.weekend : 1 });
  }
  if (days.length === 0) throw new FieldError("endDate", "noDutyDays");
  return writeTx(db, async (tx) => {
    const id = randomUUID();
    const at = ctx.now.toISOString();
    await tx
      .insertInto("rosters")
      .values({
        id,
        org_id: ctx.orgId,
        title: input.title,
        start_date: input.startDate,
        end_date: input.endDate,
        day_mode: input.dayMode,
        status: "draft",
        version: 1,
        created_by: ctx.membershipId,
        published_at: null,
        published_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const counts: Record<SlotKind, number> = { leader: input.leaderCount, staff: input.staffCount, security: input.securityCount };
    const slots = days.flatMap((day) =>
      SLOT_KINDS.flatMap((kind) =>
        Array.from({ length: counts[kind] }, (_, position) => ({
          id: randomUUID(),
          org_id: ctx.orgId,
          roster_id: id,
          date: day.date,
          kind,
          position,
          start_time: input.startTime,
          end_time: input.endTime,
          weight: day.weight,
          membership_id: null,
          confirmed_at: null,
          checked_in_at: null,
          updated_at: at,
        })),
      ),
    );
    for (let i = 0; i < slots.length; i += 200) await tx.insertInto("roster_slots").values(slots.slice(i, i + 200)).execute();
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "roster.created", entityType: "roster", entityId: id, details: { title: input.title, days: days.length }, at: ctx.now });
    return { id, slots: slots.length };
  });
}

/**
 * Shifts held in the centre's other rosters (draft or published) from the day before `from` to the
 * day after `to`: membership id → date → that roster's title. Overlapping rosters see each other
 * through this, so nobody is on duty twice a day across them. One query on (org_id, date).
 */
export async function dutyElsewhere(db: Executor, orgId: string, rosterId: string, from: string, to: string): Promise<Map<string, Record<string, string>>> {
  const rows = await db
    .selectFrom("roster_slots as s")
    .innerJoin("rosters as r", "r.id", "s.roster_id")
    .select(["s.membership_id", "s.date", "r.title"])
    .where("s.org_id", "=", orgId)
    .where("s.date", ">=", addDays(from, -1))
    .where("s.date", "<=", addDays(to, 1))
    .where("s.roster_id", "!=", rosterId)
    .where("s.membership_id", "is not", null)
    .orderBy("s.date")
    .limit(5000)
    .execute();
  const out = new Map<string, Record<string, string>>();
  for (const r of rows) {
    const dates = out.get(r.membership_id!) ?? {};
    dates[r.date] ??= r.title;
    out.set(r.membership_id!, dates);
  }
  return out;
}

/** Candidates for a roster: active members with their eligible slot kinds, yearly load, leave and duty in other rosters. */
export async function rosterCandidates(db: Executor, orgId: string, roster: { id: string; start_date: string; end_date: string }): Promise<Candidate[]> {
  const year = roster.start_date.slice(0, 4);
  const [members, load, away, elsewhere] = await Promise.all([
    db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["m.id", "m.roles", "m.active", "u.full_name as name"])
      .where("m.org_id", "=", orgId)
      .orderBy("u.full_name")
      .limit(500)
      .execute(),
    db
      .selectFrom("roster_slots")
      .select((eb) => ["membership_id", eb.fn.sum<number>("weight").as("weighted"), eb.fn.max("date").as("last")])
      .where("org_id", "=", orgId)
      .where("roster_id", "!=", roster.id)
      .where("date", ">=", `${year}-01-01`)
      .where("date", "<=", `${year}-12-31`)
      .where("membership_id", "is not", null)
      .groupBy("membership_id")
      .execute(),
    unavailableDates(db, orgId, roster.start_date, roster.end_date),
    dutyElsewhere(db, orgId, roster.id, roster.start_date, roster.end_date),
  ]);
  const byMember = new Map(load.map((l) => [l.membership_id, l]));
  return members.map((m) => ({
    membershipId: m.id,
    name: m.name,
    kinds: slotKindsFor(parseRoles(m.roles)),
    priorWeighted: Number(byMember.get(m.id)?.weighted ?? 0),
    lastDutyDate: (byMember.get(m.id)?.last as string | undefined) ?? null,
    unavailable: away.get(m.id) ?? [],
    busy: elsewhere.get(m.id) ?? {},
    active: m.active === 1,
  }));
}

function toSlotInput(s: { id: string; date: string; kind: SlotKind; weight: number; membership_id: string | null }): SlotInput {
  return { id: s.id, date: s.date, kind: s.kind, weight: s.weight, membershipId: s.membership_id };
}

/** Everything the roster page shows, including conflicts and each member's count for the year. */
export async function rosterPage(db: Executor, orgId: string, rosterId: string) {
  const roster = await loadRoster(db, orgId, rosterId);
  const [slots, candidates, swaps, changes] = await Promise.all([
    db
      .selectFrom("roster_slots as s")
      .leftJoin("memberships as m", "m.id", "s.membership_id")
      .leftJoin("users as u", "u.id", "m.user_id")
      .select([
        "s.id",
        "s.date",
        "s.kind",
        "s.position",
        "s.start_time",
        "s.end_time",
        "s.weight",
        "s.membership_id",
        "s.confirmed_at",
        "s.checked_in_at",
        "u.full_name as name",
        "u.phone",
      ])
      .where("s.org_id", "=", orgId)
      .where("s.roster_id", "=", rosterId)
      .orderBy("s.date")
      .orderBy("s.kind")
      .orderBy("s.position")
      .limit(2000)
      .execute(),
    rosterCandidates(db, orgId, roster),
    db
      .selectFrom("roster_swaps as w")
      .innerJoin("roster_slots as s", "s.id", "w.slot_id")
      .innerJoin("memberships as rm", "rm.id", "w.requested_by")
      .innerJoin("users as ru", "ru.id", "rm.user_id")
      .innerJoin("memberships as tm", "tm.id", "w.target_id")
      .innerJoin("users as tu", "tu.id", "tm.user_id")
      .select(["w.id", "w.status", "w.reason", "w.slot_id as slotId", "w.requested_by as requestedBy", "w.target_id as targetId", "s.date", "s.kind", "ru.full_name as requesterName", "tu.full_name as targetName", "w.created_at as createdAt"])
      .where("w.org_id", "=", orgId)
      .where("w.roster_id", "=", rosterId)
      .orderBy("w.created_at", "desc")
      .limit(200)
      .execute(),
    db
      .selectFrom("roster_changes as c")
      .leftJoin("memberships as am", "am.id", "c.actor_id")
      .leftJoin("users as au", "au.id", "am.user_id")
      .leftJoin("memberships as fm", "fm.id", "c.from_member")
      .leftJoin("users as fu", "fu.id", "fm.user_id")
      .leftJoin("memberships as tm", "tm.id", "c.to_member")
      .leftJoin("users as tu", "tu.id", "tm.user_id")
      .leftJoin("roster_slots as s", "s.id", "c.slot_id")
      .select(["c.id", "c.kind", "c.note", "c.created_at as createdAt", "au.full_name as actorName", "fu.full_name as fromName", "tu.full_name as toName", "s.date"])
      .where("c.org_id", "=", orgId)
      .where("c.roster_id", "=", rosterId)
      .orderBy("c.created_at", "desc")
      .limit(200)
      .execute(),
  ]);
  const inputs = slots.map(toSlotInput);
  const conflicts = findConflicts(inputs, candidates);
  const thisRoster = new Map<string, { weighted: number; shifts: number }>();
  for (const s of slots) {
    if (!s.membership_id) continue;
    const t = thisRoster.get(s.membership_id) ?? { weighted: 0, shifts: 0 };
    t.weighted += s.weight;
    t.shifts += 1;
    thisRoster.set(s.membership_id, t);
  }
  const totals = candidates
    .filter((c) => c.active && c.kinds.length > 0)
    .map((c) => ({
      membershipId: c.membershipId,
      name: c.name,
      prior: c.priorWeighted,
      here: thisRoster.get(c.membershipId)?.weighted ?? 0,
      shifts: thisRoster.get(c.membershipId)?.shifts ?? 0,
      year: c.priorWeighted + (thisRoster.get(c.membershipId)?.weighted ?? 0),
    }))
    .sort((a, b) => b.year - a.year || a.name.localeCompare(b.name, "vi"));
  return { roster, slots, candidates, conflicts, totals, swaps, changes };
}

async function bumpRoster(tx: Tx, roster: { id: string; org_id: string }, version: number, at: Date) {
  const res = await tx
    .updateTable("rosters")
    .set({ version: version + 1, updated_at: at.toISOString() })
    .where("id", "=", roster.id)
    .where("org_id", "=", roster.org_id)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new FieldError("version", "staleRoster");
}

async function recordChange(
  tx: Tx,
  ctx: Ctx,
  rosterId: string,
  c: { slotId?: string | null; kind: RosterChangeKind; from?: string | null; to?: string | null; note?: string },
) {
  await tx
    .insertInto("roster_changes")
    .values({
      id: randomUUID(),
      org_id: ctx.orgId,
      roster_id: rosterId,
      slot_id: c.slotId ?? null,
      actor_id: ctx.membershipId,
      kind: c.kind,
      from_member: c.from ?? null,
      to_member: c.to ?? null,
      note: c.note ?? "",
      created_at: ctx.now.toISOString(),
    })
    .execute();
}

/** Fills every slot not fixed by hand, fairly (see assign.ts). Draft rosters only. */
export async function autoFillRoster(db: DB, ctx: Ctx, rosterId: string, version: number): Promise<{ filled: number; unfilled: number }> {
  const roster = await loadRoster(db, ctx.orgId, rosterId);
  if (roster.status !== "draft") throw new FieldError("version", "rosterPublished");
  const [slots, candidates] = await Promise.all([
    db.selectFrom("roster_slots").select(["id", "date", "kind", "weight", "membership_id"]).where("org_id", "=", ctx.orgId).where("roster_id", "=", rosterId).execute(),
    rosterCandidates(db, ctx.orgId, roster),
  ]);
  const result = autoAssign(slots.map(toSlotInput), candidates);
  await writeTx(db, async (tx) => {
    await bumpRoster(tx, roster, version, ctx.now);
    for (const a of result.assignments) {
      await tx
        .updateTable("roster_slots")
        .set({ membership_id: a.membershipId, confirmed_at: null, updated_at: ctx.now.toISOString() })
        .where("id", "=", a.slotId)
        .where("org_id", "=", ctx.orgId)
        .where("roster_id", "=", rosterId)
        .execute();
    }
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "roster.autoFilled", entityType: "roster", entityId: rosterId, details: { unfilled: result.unfilled.length }, at: ctx.now });
  });
  return { filled: result.assignments.length, unfilled: result.unfilled.length };
}

/** A slot the director changed: who the page showed (`was`) and who they chose (`to`). */
export type SlotChange = { to: string | null; was: string | null };

/**
 * Saves the slots the director changed. The page sends the roster version it was rendered with
 * and, per slot, what it showed: a save from a page older than the roster is refused, and each
 * slot is written only where it still holds what the page showed (`where membership_id is was`),
 * so a save never erases what the page did not show. After publishing, each change is recorded.
 * Returns the number of slots changed.
 */
export async function saveSlots(db: DB, ctx: Ctx, rosterId: string, version: number, changes: Map<string, SlotChange>): Promise<{ changed: number }> {
  const roster = await loadRoster(db, ctx.orgId, rosterId);
  const slots = await db.selectFrom("roster_slots").select(["id"]).where("org_id", "=", ctx.orgId).where("roster_id", "=", rosterId).execute();
  const known = new Set(slots.map((s) => s.id));
  const ids = [...new Set([...changes.values()].map((c) => c.to).filter((v): v is string => Boolean(v)))];
  const valid = ids.length
    ? new Set((await db.selectFrom("memberships").select("id").where("org_id", "=", ctx.orgId).where("id", "in", ids).execute()).map((m) => m.id))
    : new Set<string>();
  for (const [slotId, c] of changes) {
    if (!known.has(slotId)) throw new FieldError("version", "invalidChoice");
    if (c.to && !valid.has(c.to)) throw new FieldError("version", "invalidChoice");
  }
  let changed = 0;
  await writeTx(db, async (tx) => {
    await bumpRoster(tx, roster, version, ctx.now);
    for (const [slotId, c] of changes) {
      if (c.to === c.was) continue;
      const res = await tx
        .updateTable("roster_slots")
        .set({ membership_id: c.to, confirmed_at: null, checked_in_at: null, updated_at: ctx.now.toISOString() })
        .where("id", "=", slotId)
        .where("org_id", "=", ctx.orgId)
        .where("roster_id", "=", rosterId)
        .where("membership_id", c.was === null ? "is" : "=", c.was)
        .executeTakeFirst();
      // The slot no longer holds what the page showed: someone changed it meanwhile.
      if (Number(res.numUpdatedRows) !== 1) throw new FieldError("version", "staleRoster");
      changed++;
      if (roster.status === "published") await recordChange(tx, ctx, rosterId, { slotId, kind: "reassigned", from: c.was, to: c.to });
    }
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "roster.slotsSaved", entityType: "roster", entityId: rosterId, details: { changes: changed }, at: ctx.now });
  });
  return { changed };
}

/** Publishes a draft roster and tells each member on it; returns its title and how many were told. */
export async function publishRoster(db: DB, ctx: Ctx, rosterId: string, version: number): Promise<{ title: string; notified: number }> {
  const roster = await loadRoster(db, ctx.orgId, rosterId);
  if (roster.status !== "draft") throw new FieldError("version", "rosterPublished");
  return writeTx(db, async (tx) => {
    await bumpRoster(tx, roster, version, ctx.now);
    await tx
      .updateTable("rosters")
      .set({ status: "published", published_at: ctx.now.toISOString(), published_by: ctx.membershipId })
      .where("id", "=", rosterId)
      .where("org_id", "=", ctx.orgId)
      .execute();
    await recordChange(tx, ctx, rosterId, { kind: "published" });
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "roster.published", entityType: "roster", entityId: rosterId, at: ctx.now });
    const slots = await tx.selectFrom("roster_slots").select("membership_id").where("org_id", "=", ctx.orgId).where("roster_id", "=", rosterId).where("membership_id", "is not", null).execute();
    const counts = new Map<string, number>();
    for (const s of slots) counts.set(s.membership_id!, (counts.get(s.membership_id!) ?? 0) + 1);
    const path = `/rosters/${rosterId}`;
    for (const [member, n] of counts) {
      await notify(tx, { orgId: ctx.orgId, recipients: [member], kind: "rosterPublished", params: { title: roster.title, n }, path, at: ctx.now });
    }
    return { title: roster.title, notified: counts.size };
  });
}

async function mySlot(db: Executor, ctx: Ctx, slotId: string) {
  const slot = await db
    .selectFrom("roster_slots as s")
    .innerJoin("rosters as r", "r.id", "s.roster_id")
    .select(["s.id", "s.roster_id", "s.date", "s.start_time", "s.end_time", "s.membership_id", "s.checked_in_at", "r.status"])
    .where("s.org_id", "=", ctx.orgId)
    .where("s.id", "=", slotId)
    .executeTakeFirst();
  if (!slot || slot.status !== "published") notFound();
  if (slot.membership_id !== ctx.membershipId) forbidden();
  return slot;
}

/** The member on a shift confirms they will do it. */
export async function confirmShift(db: DB, ctx: Ctx, slotId: string): Promise<{ date: string }> {
  const slot = await mySlot(db, ctx, slotId);
  await writeTx(db, async (tx) => {
    // Still the member's shift when written (a swap or a leader may have moved it since the read).
    const res = await tx
      .updateTable("roster_slots")
      .set({ confirmed_at: ctx.now.toISOString(), updated_at: ctx.now.toISOString() })
      .where("id", "=", slot.id)
      .where("org_id", "=", ctx.orgId)
      .where("membership_id", "=", ctx.membershipId)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) forbidden();
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "roster.shiftConfirmed", entityType: "roster_slot", entityId: slot.id, at: ctx.now });
  });
  return { date: slot.date };
}

/** Minutes before a shift when check-in opens. */
export const CHECK_IN_EARLY_MINUTES = 60;

export function shiftWindow(slot: { date: string; start_time: string; end_time: string }) {
  const start = deadlineInstant(slot.date, slot.start_time).getTime() - 59_999; // the start minute itself
  return { opens: new Date(start - CHECK_IN_EARLY_MINUTES * 60_000), starts: new Date(start), ends: deadlineInstant(slot.date, slot.end_time) };
}

/** A shift's state at `now`: missed once it has ended with nobody checked in. */
export function shiftState(slot: { date: string; start_time: string; end_time: string; membership_id: string | null; checked_in_at: string | null }, now: Date) {
  if (slot.checked_in_at) return "done" as const;
  const w = shiftWindow(slot);
  if (now > w.ends) return slot.membership_id ? ("missed" as const) : ("empty" as const);
  if (now >= w.opens) return "open" as const;
  return "upcoming" as const;
}

/** Check-in for a duty shift, by the server's clock, during the shift (or an hour before). */
export async function checkInShift(db: DB, ctx: Ctx, slotId: string): Promise<{ date: string; at: string }> {
  const slot = await mySlot(db, ctx, slotId);
  if (slot.checked_in_at) return { date: slot.date, at: slot.checked_in_at };
  if (shiftState({ ...slot }, ctx.now) !== "open") throw new FieldError("slotId", "shiftNotOpen");
  // Idempotent: of two check-ins at once (a double tap), one writes and is audited; the other
  // answers with the time already recorded.
  const at = await writeTx(db, async (tx) => {
    const res = await tx
      .updateTable("roster_slots")
      .set({ checked_in_at: ctx.now.toISOString(), updated_at: ctx.now.toISOString() })
      .where("id", "=", slot.id)
      .where("org_id", "=", ctx.orgId)
      .where("membership_id", "=", ctx.membershipId)
      .where("checked_in_at", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      const now = await tx.selectFrom("roster_slots").select(["membership_id", "checked_in_at"]).where("id", "=", slot.id).where("org_id", "=", ctx.orgId).executeTakeFirst();
      if (!now?.checked_in_at || now.membership_id !== ctx.membershipId) forbidden();
      return now.checked_in_at;
    }
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "roster.checkedIn", entityType: "roster_slot", entityId: slot.id, at: ctx.now });
    return ctx.now.toISOString();
  });
  return { date: slot.date, at };
}

/** Asks a colleague to take over one's shift; returns the shift's date and the colleague's name. */
export async function requestSwap(db: DB, ctx: Ctx, input: { slotId: string; targetId: string; reason?: string }): Promise<{ date: string; targetName: string }> {
  const slot = await mySlot(db, ctx, input.slotId);
  const target = await db.selectFrom("memberships").select(["id", "roles", "active"]).where("org_id", "=", ctx.orgId).where("id", "=", input.targetId).executeTakeFirst();
  if (!target || target.active !== 1 || target.id === ctx.membershipId) throw new FieldError("targetId", "invalidChoice");
  await writeTx(db, async (tx) => {
    // One open request per shift: the slot's row is locked while its open requests are counted, so
    // of two requests at once the second sees the first (a row not yet inserted cannot be locked).
    const mine = await tx
      .selectFrom("roster_slots")
      .select("membership_id")
      .where("org_id", "=", ctx.orgId)
      .where("id", "=", slot.id)
      .$call(forNoKeyUpdate(tx))
      .executeTakeFirst();
    if (mine?.membership_id !== ctx.membershipId) forbidden();
    const open = await tx.selectFrom("roster_swaps").select("id").where("org_id", "=", ctx.orgId).where("slot_id", "=", slot.id).where("status", "in", ["requested", "accepted"]).executeTakeFirst();
    if (open) throw new FieldError("targetId", "swapPending");
    const id = randomUUID();
    await tx
      .insertInto("roster_swaps")
      .values({ id, org_id: ctx.orgId, roster_id: slot.roster_id, slot_id: slot.id, requested_by: ctx.membershipId, target_id: target.id, reason: input.reason ?? "", status: "requested", accepted_at: null, decided_by: null, decided_at: null, created_at: ctx.now.toISOString() })
      .execute();
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "roster.swapRequested", entityType: "roster_swap", entityId: id, at: ctx.now });
    const actor = await tx.selectFrom("users").select("full_name").where("id", "=", ctx.actorUserId).executeTakeFirstOrThrow();
    await notify(tx, { orgId: ctx.orgId, recipients: [target.id], kind: "swapRequested", params: { actor: actor.full_name, date: formatDate(slot.date) }, path: "/rosters", at: ctx.now });
  });
  return { date: slot.date, targetName: (await memberNames(db, ctx.orgId, [target.id])).get(target.id) ?? "" };
}

/** Full names of members of a centre, by membership id (one query). */
async function memberNames(db: Executor, orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id", "u.full_name"])
    .where("m.org_id", "=", orgId)
    .where("m.id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

/**
 * The colleague accepts or declines; then a director or deputy approves (the slot changes hands) or
 * refuses. Nobody approves a swap of their own shift (as the one asking or the one taking over).
 * Each step changes the swap only from the state it expects, in the same statement, so two
 * simultaneous decisions make one change; the other is told it was already decided.
 */
/** A colleague's or a leader's decision on a swap; returns the shift's date and who asked whom. */
export async function decideSwap(
  db: DB,
  ctx: Ctx,
  roles: readonly Role[],
  input: { intent: "acceptSwap" | "declineSwap" | "approveSwap" | "refuseSwap"; swapId: string },
): Promise<{ date: string; requesterName: string; targetName: string }> {
  const swap = await db.selectFrom("roster_swaps").selectAll().where("org_id", "=", ctx.orgId).where("id", "=", input.swapId).executeTakeFirst();
  if (!swap) notFound();
  const colleague = input.intent === "acceptSwap" || input.intent === "declineSwap";
  const from = colleague ? "requested" : "accepted";
  if (colleague) {
    if (swap.target_id !== ctx.membershipId) forbidden();
  } else {
    if (!(roles.includes("director") || roles.includes("deputy"))) forbidden();
    refuseOwnCase(ctx.membershipId, [swap.requested_by, swap.target_id], "swapId");
  }
  // Waiting for the colleague: a leader cannot decide yet.
  if (!colleague && swap.status === "requested") forbidden();
  if (swap.status !== from) alreadyDecided("swapId");
  const status = ({ acceptSwap: "accepted", declineSwap: "declined", approveSwap: "approved", refuseSwap: "refused" } satisfies Record<typeof input.intent, SwapStatus>)[
    input.intent
  ];
  return writeTx(db, async (tx) => {
    const res = await tx
      .updateTable("roster_swaps")
      .set(colleague ? { status, accepted_at: ctx.now.toISOString() } : { status, decided_by: ctx.membershipId, decided_at: ctx.now.toISOString() })
      .where("id", "=", swap.id)
      .where("org_id", "=", ctx.orgId)
      .where("status", "=", from)
      .executeTakeFirst();
    decidedOnce(res, "swapId");
    if (status === "approved") {
      // The shift changes hands only if it is still the requester's (a leader may have reassigned it since).
      const moved = await tx
        .updateTable("roster_slots")
        .set({ membership_id: swap.target_id, confirmed_at: ctx.now.toISOString(), updated_at: ctx.now.toISOString() })
        .where("id", "=", swap.slot_id)
        .where("org_id", "=", ctx.orgId)
        .where("membership_id", "=", swap.requested_by)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) throw new FieldError("swapId", "staleRoster");
      await tx.updateTable("rosters").set((eb) => ({ version: eb("version", "+", 1), updated_at: ctx.now.toISOString() })).where("id", "=", swap.roster_id).where("org_id", "=", ctx.orgId).execute();
      await recordChange(tx, ctx, swap.roster_id, { slotId: swap.slot_id, kind: "swapped", from: swap.requested_by, to: swap.target_id, note: swap.reason });
    }
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: `roster.swap${status[0]!.toUpperCase()}${status.slice(1)}`, entityType: "roster_swap", entityId: swap.id, at: ctx.now });
    const slot = await tx.selectFrom("roster_slots").select("date").where("id", "=", swap.slot_id).where("org_id", "=", ctx.orgId).executeTakeFirstOrThrow();
    const names = await memberNames(tx, ctx.orgId, [swap.requested_by, swap.target_id]);
    if (status === "accepted") {
      // The colleague said yes: now it waits for a director or deputy, none of them one of the two.
      const leaders = (await membersWhoMay(tx, ctx.orgId, "rosters.manage")).filter((m) => m !== swap.requested_by && m !== swap.target_id);
      await notify(tx, {
        orgId: ctx.orgId,
        recipients: leaders,
        except: ctx.membershipId,
        kind: "swapAccepted",
        params: { actor: names.get(swap.target_id) ?? "", requester: names.get(swap.requested_by) ?? "", date: formatDate(slot.date) },
        path: "/rosters",
        at: ctx.now,
      });
    } else {
      await notify(tx, {
        orgId: ctx.orgId,
        recipients: status === "declined" ? [swap.requested_by] : [swap.requested_by, swap.target_id],
        except: ctx.membershipId,
        kind: "swapDecided",
        params: { date: formatDate(slot.date), decision: status },
        path: `/rosters/${swap.roster_id}`,
        at: ctx.now,
      });
    }
    return { date: slot.date, requesterName: names.get(swap.requested_by) ?? "", targetName: names.get(swap.target_id) ?? "" };
  });
}

/** Rosters of the centre, newest first; staff see published ones only. */
export async function listRosters(db: Executor, orgId: string, includeDrafts: boolean) {
  let q = db
    .selectFrom("rosters as r")
    .select((eb) => [
      "r.id",
      "r.title",
      "r.start_date as startDate",
      "r.end_date as endDate",
      "r.status",
      eb.selectFrom("roster_slots as s").whereRef("s.roster_id", "=", "r.id").where("s.org_id", "=", orgId).select((e) => e.fn.countAll<number>().as("n")).as("slots"),
      eb
        .selectFrom("roster_slots as s")
        .whereRef("s.roster_id", "=", "r.id")
        .where("s.org_id", "=", orgId)
        .where("s.membership_id", "is", null)
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("empty"),
    ])
    .where("r.org_id", "=", orgId);
  if (!includeDrafts) q = q.where("r.status", "=", "published");
  return q.orderBy("r.start_date", "desc").limit(100).execute();
}

/** A member's shifts in published rosters from `fromDate` on (and the last week, to show check-ins). */
/** Who a member can ask to take over a shift: the centre's other active members, by name. */
export async function swapColleagues(db: Executor, orgId: string, membershipId: string) {
  return db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id", "u.full_name as name"])
    .where("m.org_id", "=", orgId)
    .where("m.active", "=", 1)
    .where("m.id", "!=", membershipId)
    .orderBy("u.full_name")
    .limit(500)
    .execute();
}

/** The member's shifts that already have a swap request waiting (asked, or accepted by the colleague). */
export async function myOpenSwapSlots(db: Executor, orgId: string, membershipId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("roster_swaps")
    .select("slot_id")
    .where("org_id", "=", orgId)
    .where("requested_by", "=", membershipId)
    .where("status", "in", ["requested", "accepted"])
    .execute();
  return rows.map((r) => r.slot_id);
}

export async function myShifts(db: Executor, orgId: string, membershipId: string, fromDate: string) {
  return db
    .selectFrom("roster_slots as s")
    .innerJoin("rosters as r", "r.id", "s.roster_id")
    .select(["s.id", "s.date", "s.kind", "s.start_time", "s.end_time", "s.membership_id", "s.confirmed_at", "s.checked_in_at", "r.id as rosterId", "r.title"])
    .where("s.org_id", "=", orgId)
    .where("s.membership_id", "=", membershipId)
    .where("r.status", "=", "published")
    .where("s.date", ">=", addDays(fromDate, -7))
    .orderBy("s.date")
    .limit(100)
    .execute();
}

/** Swap requests waiting for this member (as colleague) or, for leaders, waiting for approval. */
export async function pendingSwaps(db: Executor, orgId: string, membershipId: string, leader: boolean) {
  return db
    .selectFrom("roster_swaps as w")
    .innerJoin("roster_slots as s", "s.id", "w.slot_id")
    .innerJoin("rosters as r", "r.id", "w.roster_id")
    .innerJoin("memberships as rm", "rm.id", "w.requested_by")
    .innerJoin("users as ru", "ru.id", "rm.user_id")
    .innerJoin("memberships as tm", "tm.id", "w.target_id")
    .innerJoin("users as tu", "tu.id", "tm.user_id")
    .select(["w.id", "w.status", "w.reason", "s.date", "s.kind", "r.title", "r.id as rosterId", "ru.full_name as requesterName", "tu.full_name as targetName", "w.target_id as targetId"])
    .where("w.org_id", "=", orgId)
    .where((eb) =>
      eb.or([
        eb.and([eb("w.target_id", "=", membershipId), eb("w.status", "=", "requested")]),
        ...(leader ? [eb("w.status", "=", "accepted")] : []),
      ]),
    )
    .orderBy("s.date")
    .limit(100)
    .execute();
}

function swapRows(db: Executor, orgId: string) {
  return db
    .selectFrom("roster_swaps as w")
    .innerJoin("roster_slots as s", "s.id", "w.slot_id")
    .innerJoin("rosters as r", "r.id", "w.roster_id")
    .innerJoin("memberships as rm", "rm.id", "w.requested_by")
    .innerJoin("users as ru", "ru.id", "rm.user_id")
    .innerJoin("memberships as tm", "tm.id", "w.target_id")
    .innerJoin("users as tu", "tu.id", "tm.user_id")
    .select(["w.id", "s.date", "s.kind", "r.id as rosterId", "r.title", "w.created_at as at", "ru.full_name as who", "tu.full_name as targetName"])
    .where("w.org_id", "=", orgId);
}

/** Swaps a colleague asked this member to take over, waiting for their answer. Indexed by (org_id, target_id, status). */
export function swapAnswersAwaiting(db: Executor, orgId: string, membershipId: string) {
  return swapRows(db, orgId).where("w.target_id", "=", membershipId).where("w.status", "=", "requested");
}

/**
 * Swaps accepted by the colleague, waiting for a leader's approval — none in which this member is
 * one of the two (the caller checks that the member manages rosters). Indexed by (org_id, status).
 */
export function swapApprovalsAwaiting(db: Executor, orgId: string, membershipId: string) {
  return swapRows(db, orgId).where("w.status", "=", "accepted").where("w.requested_by", "!=", membershipId).where("w.target_id", "!=", membershipId);
}
