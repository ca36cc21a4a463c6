import { randomUUID } from "node:crypto";
import type { DB, Executor } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { FieldError, notFound } from "../../utils/errors";
import { audit } from "../audit/audit.server";
import type { Ctx } from "../ctx";
import { buildCalendar, dayOfWeek, type CalendarFn, type DayKind } from "./holidays";
import { solarToLunar } from "./lunar";
import type { AddDecisionInput, Schedule } from "./schedule";

/**
 * The centre's working calendar: computed statutory holidays, replaced year by year by the
 * official decisions entered for the centre (calendar_days). With `saturdayWorking` (the centre
 * opens on Saturday mornings) Saturdays count as working days; by default they do not, which is
 * what deadline arithmetic uses.
 */
export async function loadCalendar(
  db: Executor,
  orgId: string,
  year: number,
  opts: { saturdayWorking?: boolean } = {},
): Promise<CalendarFn> {
  const rows = await db.selectFrom("calendar_days").select(["date", "kind", "name", "source"]).where("org_id", "=", orgId).execute();
  return buildCalendar(year, rows, opts);
}

export interface CalendarDecision {
  id: string;
  date: string;
  kind: "off" | "working";
  name: string;
  source: string;
}

/** The official decisions entered for one year (at most 366 rows), by date. */
export async function listDecisions(db: Executor, orgId: string, year: number): Promise<CalendarDecision[]> {
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

/** Enters an official decision for a date: a day off, or a make-up working day on a weekend. */
export async function addDecision(db: DB, ctx: Ctx, input: Omit<AddDecisionInput, "intent">): Promise<string> {
  return writeTx(db, async (tx) => {
    const taken = await tx
      .selectFrom("calendar_days")
      .select("id")
      .where("org_id", "=", ctx.orgId)
      .where("date", "=", input.date)
      .executeTakeFirst();
    if (taken) throw new FieldError("date", "decisionDateTaken");
    const id = randomUUID();
    await tx
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
      .execute();
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
    await tx.deleteFrom("calendar_days").where("org_id", "=", ctx.orgId).where("id", "=", id).execute();
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

// ---------- Month view ----------

export interface MonthDay {
  date: string;
  day: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  kind: DayKind;
  name: string | null;
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
  /** The decision's source text; null for computed statutory days. */
  source: string | null;
}

export interface MonthView {
  year: number;
  month: number;
  days: MonthDay[];
  /** Holidays, make-up days and named decisions, consecutive equal days merged. */
  entries: MonthEntry[];
  /** The decisions dated in this month (for removal). */
  decisions: CalendarDecision[];
  /** Number of decisions entered for the year; 0 means the computed holidays apply. */
  yearDecisionCount: number;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * One month of the centre's calendar with lunar dates, as `buildCalendar` classifies it from the
 * year's decisions (or the computed holidays when the year has none) and the Saturday opening.
 * Two queries whatever the month.
 */
export async function monthView(
  db: Executor,
  orgId: string,
  year: number,
  month: number,
  opts: { schedule: Schedule; today: string },
): Promise<MonthView> {
  const decisions = await listDecisions(db, orgId, year);
  const saturdayWorking = opts.schedule.settings.saturdayOpening;
  const cal = buildCalendar(year, decisions, { saturdayWorking });
  const byDate = new Map(decisions.map((d) => [d.date, d]));
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const prefix = `${year}-${pad2(month)}-`;
  const days: MonthDay[] = [];
  for (let d = 1; d <= length; d++) {
    const date = prefix + pad2(d);
    const info = cal(date);
    const dow = dayOfWeek(date);
    days.push({
      date,
      day: d,
      weekday: (dow + 6) % 7,
      kind: info.kind,
      name: info.name ?? null,
      saturdayOpen: saturdayWorking && dow === 6 && info.kind === "working",
      lunar: solarToLunar(date),
      today: date === opts.today,
    });
  }
  const entries: MonthEntry[] = [];
  for (const day of days) {
    if (!day.name || day.kind === "weekend") continue;
    const kind = day.kind === "holiday" ? "holiday" : day.kind === "makeup" ? "makeup" : "working";
    const source = byDate.get(day.date)?.source ?? null;
    const last = entries[entries.length - 1];
    const prevDay = days[day.day - 2];
    if (last && prevDay && last.to === prevDay.date && last.kind === kind && last.name === day.name && last.source === source) {
      last.to = day.date;
      last.days++;
    } else {
      entries.push({ from: day.date, to: day.date, days: 1, kind, name: day.name, source });
    }
  }
  return {
    year,
    month,
    days,
    entries,
    decisions: decisions.filter((d) => d.date.startsWith(prefix)),
    yearDecisionCount: decisions.length,
  };
}
