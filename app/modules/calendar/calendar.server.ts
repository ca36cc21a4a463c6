import { randomUUID } from "node:crypto";
import type { DB, Executor } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { FieldError, notFound } from "../../utils/errors";
import { audit } from "../audit/audit.server";
import type { Ctx } from "../ctx";
import { BUILT_IN_RULES, buildCalendar, dayOfWeek, type CalendarFn, type DayKind, type HolidayRule } from "./holidays";
import { solarToLunar } from "./lunar";
import { isSaturdayOpening, scheduleOn, type AddDecisionInput, type HolidayRuleInput, type ScheduleVersion } from "./schedule";

/** Most annual rules a centre keeps (a handful in practice). */
const MAX_RULES = 100;

/**
 * The centre's annual days kept as data: the built-in rules (24/11) as the centre changed them,
 * then the ones it added. One query.
 */
async function loadHolidayRules(db: Executor, orgId: string): Promise<HolidayRule[]> {
  const rows = await db.selectFrom("holiday_rules").selectAll().where("org_id", "=", orgId).orderBy("month").orderBy("day").limit(MAX_RULES).execute();
  const byKey = new Map(rows.map((r) => [r.rule_key, r]));
  const toRule = (r: (typeof rows)[number], builtIn: boolean): HolidayRule => ({
    key: r.rule_key,
    month: r.month,
    day: r.day,
    name: r.name,
    fromYear: r.from_year,
    toYear: r.to_year,
    confirmed: r.confirmed === 1,
    enabled: r.enabled === 1,
    source: r.source,
    builtIn,
  });
  const builtIn = BUILT_IN_RULES.map((b) => {
    const row = byKey.get(b.key);
    return row ? toRule(row, true) : { ...b };
  });
  const added = rows.filter((r) => !BUILT_IN_RULES.some((b) => b.key === r.rule_key)).map((r) => toRule(r, false));
  return [...builtIn, ...added];
}

/**
 * The centre's working calendar: computed statutory holidays and the centre's annual rules,
 * overridden day by day by the official decisions entered for the centre (calendar_days). With
 * `saturdayWorking` (the centre opens on Saturday mornings) Saturdays count as working days; by
 * default they do not, which is what deadline arithmetic uses. Two queries.
 */
export async function loadCalendar(
  db: Executor,
  orgId: string,
  year: number,
  opts: { saturdayWorking?: boolean } = {},
): Promise<CalendarFn> {
  return (await loadCalendarKeyed(db, orgId, year, opts)).cal;
}

/**
 * The calendar as loadCalendar builds it, and `key`: the rows it was built from, as text — equal
 * keys, same calendar. For callers that keep what they derive from a calendar between requests.
 */
export async function loadCalendarKeyed(
  db: Executor,
  orgId: string,
  year: number,
  opts: { saturdayWorking?: boolean } = {},
): Promise<{ cal: CalendarFn; key: string }> {
  const [rows, rules] = await Promise.all([
    db.selectFrom("calendar_days").select(["date", "kind", "name", "source"]).where("org_id", "=", orgId).orderBy("date").execute(),
    loadHolidayRules(db, orgId),
  ]);
  return { cal: buildCalendar(year, rows, { ...opts, rules }), key: JSON.stringify([year, opts.saturdayWorking ?? false, rows, rules]) };
}

interface CalendarDecision {
  id: string;
  date: string;
  kind: "off" | "working";
  name: string;
  source: string;
}

/** The official decisions entered for one year (at most 366 rows), by date. */
async function listDecisions(db: Executor, orgId: string, year: number): Promise<CalendarDecision[]> {
  return db
    .selectFrom("calendar_days")
    .select(["id", "date", "kind", "name", "source"])
    .where("org_id", "=", orgId)
    .where("date", ">=", `${year}-01-01`)
    .where("date", "<=", `${year}-12-31`)
    .orderBy("date")
    .limit(400)
    .execute();
}

/**
 * Enters an official decision for a date: a day off; a make-up working day on a weekend; or a
 * working day on a weekday the computed calendar has off (the decision moved that holiday).
 */
export async function addDecision(db: DB, ctx: Ctx, input: Omit<AddDecisionInput, "intent">): Promise<string> {
  if (input.kind === "working" && ![0, 6].includes(dayOfWeek(input.date))) {
    const computed = buildCalendar(Number(input.date.slice(0, 4)), [], { rules: await loadHolidayRules(db, ctx.orgId) });
    if (computed(input.date).kind !== "holiday") throw new FieldError("kind", "makeupOnWeekday");
  }
  return writeTx(db, async (tx) => {
    const taken = await tx
      .selectFrom("calendar_days")
      .select("id")
      .where("org_id", "=", ctx.orgId)
      .where("date", "=", input.date)
      .executeTakeFirst();
    if (taken) throw new FieldError("date", "decisionDateTaken");
    const id = randomUUID();
    // A date entered by a concurrent request after the check: the unique key inserts nothing.
    const inserted = await tx
      .insertInto("calendar_days")
      .values({
        id,
        org_id: ctx.orgId,
        date: input.date,
        kind: input.kind,
        name: input.name,
        source: input.source,
        created_at: ctx.now.toISOString(),
      })
      .onConflict((oc) => oc.columns(["org_id", "date"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new FieldError("date", "decisionDateTaken");
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "calendar.dayAdded",
      entityType: "calendar_day",
      entityId: id,
      details: { date: input.date, kind: input.kind, name: input.name, source: input.source },
      at: ctx.now,
    });
    return id;
  });
}

/** Removes one of the centre's official decisions; an id of another centre is 404. */
export async function removeDecision(db: DB, ctx: Ctx, id: string): Promise<CalendarDecision> {
  return writeTx(db, async (tx) => {
    const row = await tx
      .selectFrom("calendar_days")
      .select(["id", "date", "kind", "name", "source"])
      .where("org_id", "=", ctx.orgId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) notFound();
    // Removed by a concurrent request meanwhile: not removed twice (nor audited twice).
    const res = await tx.deleteFrom("calendar_days").where("org_id", "=", ctx.orgId).where("id", "=", id).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) notFound();
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "calendar.dayRemoved",
      entityType: "calendar_day",
      entityId: id,
      details: { date: row.date, kind: row.kind, name: row.name, source: row.source },
      at: ctx.now,
    });
    return row;
  });
}

// ---------- Annual rules ----------

/**
 * Adds an annual day off, or changes a built-in one (stored under its key) or one the centre added.
 * An unknown key is 404; a new rule on a date another rule already has is refused.
 */
export async function saveHolidayRule(db: DB, ctx: Ctx, input: Omit<HolidayRuleInput, "intent">): Promise<string> {
  const month = Number(input.dayMonth.slice(0, 2));
  const day = Number(input.dayMonth.slice(3, 5));
  return writeTx(db, async (tx) => {
    const rules = await loadHolidayRules(tx, ctx.orgId);
    const existing = input.key ? rules.find((r) => r.key === input.key) : undefined;
    if (input.key && !existing) notFound();
    if (rules.some((r) => r.key !== input.key && r.month === month && r.day === day)) throw new FieldError("dayMonth", "ruleDateTaken");
    const key = existing?.key ?? randomUUID();
    const values = {
      month,
      day,
      name: input.name,
      from_year: input.fromYear,
      to_year: input.toYear ?? null,
      confirmed: input.confirmed ? 1 : 0,
      enabled: input.enabled ? 1 : 0,
      source: input.source,
      updated_by: ctx.membershipId,
      updated_at: ctx.now.toISOString(),
    };
    await tx
      .insertInto("holiday_rules")
      .values({ id: randomUUID(), org_id: ctx.orgId, rule_key: key, ...values })
      .onConflict((oc) => oc.columns(["org_id", "rule_key"]).doUpdateSet(values))
      .execute();
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: existing ? "calendar.ruleChanged" : "calendar.ruleAdded",
      entityType: "holiday_rule",
      entityId: key,
      details: {
        before: existing ? { dayMonth: `${existing.day}/${existing.month}`, name: existing.name, fromYear: existing.fromYear, toYear: existing.toYear, enabled: existing.enabled, confirmed: existing.confirmed } : null,
        after: { dayMonth: `${day}/${month}`, name: input.name, fromYear: input.fromYear, toYear: input.toYear ?? null, enabled: input.enabled, confirmed: input.confirmed, source: input.source },
      },
      at: ctx.now,
    });
    return key;
    // SERIALIZABLE on PostgreSQL: "no other rule on this date" is a check over rows a concurrent
    // request could insert; a conflict is retried (db/tx.ts).
  }, { serializable: true });
}

/** Removes a rule the centre added, or returns a built-in one to its default. */
export async function removeHolidayRule(db: DB, ctx: Ctx, key: string): Promise<{ name: string }> {
  return writeTx(db, async (tx) => {
    const row = await tx.selectFrom("holiday_rules").select(["id", "name"]).where("org_id", "=", ctx.orgId).where("rule_key", "=", key).executeTakeFirst();
    if (!row) notFound();
    const res = await tx.deleteFrom("holiday_rules").where("org_id", "=", ctx.orgId).where("rule_key", "=", key).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) notFound();
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "calendar.ruleRemoved",
      entityType: "holiday_rule",
      entityId: key,
      details: { name: row.name, builtIn: BUILT_IN_RULES.some((b) => b.key === key) },
      at: ctx.now,
    });
    return { name: row.name };
  });
}

// ---------- Month view ----------

export interface MonthDay {
  date: string;
  day: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  kind: DayKind;
  name: string | null;
  /** Where a holiday or named day comes from: an entered decision, or the computed calendar. */
  origin: "decision" | "computed" | null;
  /** A computed day from a rule not confirmed in the law's text ("chưa xác nhận"). */
  unconfirmed: boolean;
  /** A Saturday the centre opens in the morning (not a holiday, not a make-up day). */
  saturdayOpen: boolean;
  lunar: { day: number; month: number; year: number; leap: boolean };
  today: boolean;
}

export interface MonthEntry {
  from: string;
  to: string;
  days: number;
  kind: "holiday" | "makeup" | "working";
  name: string;
  origin: "decision" | "computed";
  unconfirmed: boolean;
  /** The decision's source text, or the unconfirmed rule's; null for computed statutory days. */
  source: string | null;
}

interface MonthView {
  year: number;
  month: number;
  days: MonthDay[];
  /** Holidays, make-up days and named decisions, consecutive equal days merged. */
  entries: MonthEntry[];
  /** The decisions dated in this month (for removal). */
  decisions: CalendarDecision[];
  /** Number of decisions entered for the year; the computed calendar applies on every other day. */
  yearDecisionCount: number;
  /** The centre's annual days kept as data (built-in and added). */
  rules: HolidayRule[];
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * One month of the centre's calendar with lunar dates, as `buildCalendar` classifies it from the
 * computed holidays, the centre's annual rules and the year's decisions, and the Saturday opening
 * of the schedule in force each day. Three queries whatever the month.
 */
export async function monthView(
  db: Executor,
  orgId: string,
  year: number,
  month: number,
  opts: { versions: readonly ScheduleVersion[]; today: string },
): Promise<MonthView> {
  const [decisions, rules] = await Promise.all([listDecisions(db, orgId, year), loadHolidayRules(db, orgId)]);
  const cal = buildCalendar(year, decisions, { rules });
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const prefix = `${year}-${pad2(month)}-`;
  const days: MonthDay[] = [];
  for (let d = 1; d <= length; d++) {
    const date = prefix + pad2(d);
    const info = cal(date);
    const dow = dayOfWeek(date);
    const saturdayOpen = isSaturdayOpening(scheduleOn(opts.versions, date), date, cal);
    days.push({
      date,
      day: d,
      weekday: (dow + 6) % 7,
      // An open Saturday morning is a (half) working day of the centre.
      kind: saturdayOpen ? "working" : info.kind,
      name: info.name ?? null,
      origin: info.origin ?? null,
      unconfirmed: info.unconfirmed ?? false,
      saturdayOpen,
      lunar: solarToLunar(date),
      today: date === opts.today,
    });
  }
  const ruleSource = new Map(rules.map((r) => [r.name, r.source]));
  const entries: MonthEntry[] = [];
  for (const day of days) {
    if (!day.name || day.kind === "weekend") continue;
    const kind = day.kind === "holiday" ? "holiday" : day.kind === "makeup" ? "makeup" : "working";
    const origin = day.origin ?? "computed";
    const info = cal(day.date);
    const source = info.source ?? (day.unconfirmed ? (ruleSource.get(day.name.replace(/^Nghỉ bù /, "")) ?? null) : null);
    const last = entries[entries.length - 1];
    const prevDay = days[day.day - 2];
    if (
      last &&
      prevDay &&
      last.to === prevDay.date &&
      last.kind === kind &&
      last.name === day.name &&
      last.source === source &&
      last.origin === origin &&
      last.unconfirmed === day.unconfirmed
    ) {
      last.to = day.date;
      last.days++;
    } else {
      entries.push({ from: day.date, to: day.date, days: 1, kind, name: day.name, origin, unconfirmed: day.unconfirmed, source });
    }
  }
  return {
    year,
    month,
    days,
    entries,
    decisions: decisions.filter((d) => d.date.startsWith(prefix)),
    yearDecisionCount: decisions.length,
    rules,
  };
}
