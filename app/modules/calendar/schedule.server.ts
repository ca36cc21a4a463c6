import { randomUUID } from "node:crypto";
import type { DB, Executor } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { FieldError, notFound } from "../../utils/errors";
import { audit } from "../audit/audit.server";
import type { Ctx } from "../ctx";
import { vnDateOf } from "../tasks/rules";
import {
  DEFAULT_SEASON,
  MAX_SEASONS,
  scheduleOn,
  type ScheduleSettings,
  type ScheduleSettingsInput,
  type ScheduleVersion,
  type SeasonInput,
  type WorkSeason,
} from "./schedule";

export type { DayHours, Schedule, ScheduleSettings, ScheduleVersion, WorkSeason } from "./schedule";
export { hoursOn, memberHoursOn, scheduleOn, seasonOn } from "./schedule";

/** Bound on the versions read at once (a centre changes its schedule a few times a year). */
const MAX_VERSIONS = 500;

type SeasonJson = Omit<WorkSeason, "id"> & { id: string };

function parseList<T>(text: string): T[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/**
 * Every version of the centre's working schedule, by effective day (one query). Empty when the
 * centre has saved nothing: the built-in default then applies (see `scheduleOn`).
 */
export async function loadScheduleVersions(db: Executor, orgId: string): Promise<ScheduleVersion[]> {
  const rows = await db
    .selectFrom("schedule_versions")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("effective_from")
    .limit(MAX_VERSIONS)
    .execute();
  return rows.map((r) => {
    const seasons = parseList<SeasonJson>(r.seasons).sort((a, b) => a.fromMd.localeCompare(b.fromMd));
    const settings: ScheduleSettings = {
      saturdayOpening: r.saturday_opening === 1,
      saturdayStart: r.saturday_start,
      saturdayEnd: r.saturday_end,
      graceMinutes: r.grace_minutes,
      checkinMode: r.checkin_mode === "session" ? "session" : "day",
      holidayWeight: r.holiday_weight,
      weekendWeight: r.weekend_weight,
    };
    return {
      id: r.id,
      effectiveFrom: r.effective_from,
      settings,
      seasons: seasons.length > 0 ? seasons : [{ ...DEFAULT_SEASON }],
      seasonsConfigured: seasons.length > 0,
      saturdayStaff: parseList<string>(r.saturday_staff).filter((x) => typeof x === "string"),
    };
  });
}

/**
 * The centre's working schedule in force on a date (the day's rules: a later change never alters
 * how an earlier day is judged), with the built-in default when nothing is saved: no Saturday
 * opening, 5 minutes' grace, one check-in pair a day, duty weights 2 (holiday) and 1 (weekend),
 * and one all-year season of eight hours. One query.
 */
export async function getSchedule(db: Executor, orgId: string, isoDate: string): Promise<ScheduleVersion> {
  return scheduleOn(await loadScheduleVersions(db, orgId), isoDate);
}

/** What a saved version holds, as columns. */
function columnsOf(v: Omit<ScheduleVersion, "id" | "effectiveFrom" | "seasonsConfigured">, seasonsConfigured: boolean) {
  const seasons: SeasonJson[] = seasonsConfigured ? v.seasons.map((s) => ({ ...s, id: s.id ?? randomUUID() })) : [];
  return {
    saturday_opening: v.settings.saturdayOpening ? 1 : 0,
    saturday_start: v.settings.saturdayStart,
    saturday_end: v.settings.saturdayEnd,
    grace_minutes: v.settings.graceMinutes,
    checkin_mode: v.settings.checkinMode,
    holiday_weight: v.settings.holidayWeight,
    weekend_weight: v.settings.weekendWeight,
    seasons: JSON.stringify(seasons),
    saturday_staff: JSON.stringify(v.saturdayStaff),
  };
}

/**
 * Writes the version that takes effect on `effectiveFrom`: the version in force that day with
 * `change` applied. A version already dated that day is updated; later versions are kept (the
 * change applies until the next one). A day before today is refused, so no saved change ever
 * alters how a past day is judged.
 */
async function saveVersion(
  db: DB,
  ctx: Ctx,
  effectiveFrom: string,
  change: (base: ScheduleVersion) => { next: Omit<ScheduleVersion, "id" | "effectiveFrom">; audit: { action: string; details: Record<string, unknown> } },
): Promise<void> {
  if (effectiveFrom < vnDateOf(ctx.now)) throw new FieldError("effectiveFrom", "effectiveInPast");
  await writeTx(db, async (tx) => {
    const versions = await loadScheduleVersions(tx, ctx.orgId);
    const base = scheduleOn(versions, effectiveFrom);
    const { next, audit: a } = change(base);
    const at = ctx.now.toISOString();
    const values = { ...columnsOf(next, next.seasonsConfigured), created_by: ctx.membershipId, updated_at: at };
    await tx
      .insertInto("schedule_versions")
      .values({ id: randomUUID(), org_id: ctx.orgId, effective_from: effectiveFrom, ...values, created_at: at })
      .onConflict((oc) => oc.columns(["org_id", "effective_from"]).doUpdateSet(values))
      .execute();
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: a.action,
      entityType: "schedule_version",
      entityId: ctx.orgId,
      details: { effectiveFrom, ...a.details },
      at: ctx.now,
    });
    // SERIALIZABLE on PostgreSQL: read-modify-write of the version in force (a settings change and
    // a seasons change at once must both survive); a conflict is retried (db/tx.ts).
  }, { serializable: true });
}

/** The ids among `ids` that are members of the centre (any other id is refused). */
async function checkMembers(db: Executor, orgId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db.selectFrom("memberships").select("id").where("org_id", "=", orgId).where("id", "in", unique).execute();
  if (rows.length !== unique.length) throw new FieldError("saturdayStaff", "invalidChoice");
  return unique.sort();
}

/**
 * Saves Saturday opening and its rota, grace, check-in mode and duty weights, from a day on
 * (today or later).
 */
export async function updateScheduleSettings(db: DB, ctx: Ctx, input: Omit<ScheduleSettingsInput, "intent">): Promise<void> {
  const next: ScheduleSettings = {
    saturdayOpening: input.saturdayOpening,
    saturdayStart: input.saturdayStart,
    saturdayEnd: input.saturdayEnd,
    graceMinutes: input.graceMinutes,
    checkinMode: input.checkinMode,
    holidayWeight: input.holidayWeight,
    weekendWeight: input.weekendWeight,
  };
  const staff = await checkMembers(db, ctx.orgId, input.saturdayStaff ?? []);
  await saveVersion(db, ctx, input.effectiveFrom, (base) => {
    const changed: Record<string, { from: unknown; to: unknown }> = Object.fromEntries(
      (Object.keys(next) as (keyof ScheduleSettings)[])
        .filter((k) => base.settings[k] !== next[k])
        .map((k) => [k, { from: base.settings[k], to: next[k] }]),
    );
    if (base.saturdayStaff.join(",") !== staff.join(",")) changed.saturdayStaff = { from: base.saturdayStaff, to: staff };
    return {
      next: { ...base, settings: next, saturdayStaff: staff },
      audit: { action: "schedule.settingsUpdated", details: changed },
    };
  });
}

/**
 * Replaces the centre's seasons with the submitted table (already checked: no overlap, whole year
 * covered), from a day on. Rows that carry the id of a season of the version in force that day keep
 * it; other ids are refused; seasons left out are dropped.
 */
export async function replaceSeasons(db: DB, ctx: Ctx, seasons: SeasonInput[], effectiveFrom: string): Promise<void> {
  const describe = (s: { name: string; fromMd: string; toMd: string; morningStart: string; morningEnd: string; afternoonStart: string; afternoonEnd: string }) =>
    `${s.name}: ${s.fromMd}→${s.toMd} ${s.morningStart}–${s.morningEnd}, ${s.afternoonStart}–${s.afternoonEnd}`;
  await saveVersion(db, ctx, effectiveFrom, (base) => {
    const ids = new Set(base.seasonsConfigured ? base.seasons.map((s) => s.id) : []);
    seasons.forEach((s, i) => {
      if (s.id && !ids.has(s.id)) throw new FieldError(`seasons[${i}].name`, "invalidChoice");
    });
    const next: WorkSeason[] = seasons
      .map((s) => ({ ...s, id: s.id ?? randomUUID() }))
      .sort((a, b) => a.fromMd.localeCompare(b.fromMd))
      .slice(0, MAX_SEASONS);
    return {
      next: { ...base, seasons: next, seasonsConfigured: true },
      audit: {
        action: "schedule.seasonsUpdated",
        details: { before: base.seasonsConfigured ? base.seasons.map(describe) : [], after: seasons.map(describe) },
      },
    };
  });
}

/** The centre's active members, for the Saturday rota (one query, bounded). */
export async function rotaCandidates(db: Executor, orgId: string): Promise<{ id: string; name: string; title: string }[]> {
  return db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id", "u.full_name as name", "m.title"])
    .where("m.org_id", "=", orgId)
    .where("m.active", "=", 1)
    .orderBy("u.full_name_search")
    .limit(500)
    .execute();
}

/** Deletes a version that has not taken effect yet (a version in force, or past, is history). */
export async function removeScheduleVersion(db: DB, ctx: Ctx, id: string): Promise<{ effectiveFrom: string }> {
  return writeTx(db, async (tx) => {
    const row = await tx.selectFrom("schedule_versions").select(["id", "effective_from"]).where("org_id", "=", ctx.orgId).where("id", "=", id).executeTakeFirst();
    if (!row) notFound();
    if (row.effective_from <= vnDateOf(ctx.now)) throw new FieldError("id", "versionInForce");
    const res = await tx.deleteFrom("schedule_versions").where("org_id", "=", ctx.orgId).where("id", "=", id).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) notFound();
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "schedule.versionRemoved",
      entityType: "schedule_version",
      entityId: id,
      details: { effectiveFrom: row.effective_from },
      at: ctx.now,
    });
    return { effectiveFrom: row.effective_from };
  });
}
