import { randomUUID } from "node:crypto";
import type { DB, Executor } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { FieldError } from "../../utils/errors";
import { audit } from "../audit/audit.server";
import type { Ctx } from "../ctx";
import {
  DEFAULT_SEASON,
  DEFAULT_SETTINGS,
  MAX_SEASONS,
  type Schedule,
  type ScheduleSettings,
  type ScheduleSettingsInput,
  type SeasonInput,
  type WorkSeason,
} from "./schedule";

export type { DayHours, Schedule, ScheduleSettings, WorkSeason } from "./schedule";
export { hoursOn, seasonOn } from "./schedule";

/**
 * The centre's working schedule, with defaults for whatever it has not saved yet: no Saturday
 * opening, 5 minutes' grace, one check-in pair a day, duty weights 2 (holiday) and 1 (weekend),
 * and one all-year season of eight hours. Two queries.
 */
export async function getSchedule(db: Executor, orgId: string): Promise<Schedule> {
  const [row, seasonRows] = await Promise.all([
    db.selectFrom("org_settings").selectAll().where("org_id", "=", orgId).executeTakeFirst(),
    db
      .selectFrom("work_seasons")
      .select([
        "id",
        "name",
        "from_md as fromMd",
        "to_md as toMd",
        "morning_start as morningStart",
        "morning_end as morningEnd",
        "afternoon_start as afternoonStart",
        "afternoon_end as afternoonEnd",
      ])
      .where("org_id", "=", orgId)
      .orderBy("from_md")
      .limit(MAX_SEASONS * 2)
      .execute(),
  ]);
  const settings: ScheduleSettings = row
    ? {
        saturdayOpening: row.saturday_opening === 1,
        saturdayStart: row.saturday_start,
        saturdayEnd: row.saturday_end,
        graceMinutes: row.grace_minutes,
        checkinMode: row.checkin_mode === "session" ? "session" : "day",
        holidayWeight: row.holiday_weight,
        weekendWeight: row.weekend_weight,
      }
    : { ...DEFAULT_SETTINGS };
  const seasons: WorkSeason[] = seasonRows;
  return seasons.length > 0
    ? { settings, seasons, seasonsConfigured: true }
    : { settings, seasons: [{ ...DEFAULT_SEASON }], seasonsConfigured: false };
}

/** Saves Saturday opening, grace, check-in mode and duty weights (creates the row on first save). */
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
  await writeTx(db, async (tx) => {
    const before = (await getSchedule(tx, ctx.orgId)).settings;
    const values = {
      saturday_opening: next.saturdayOpening ? 1 : 0,
      saturday_start: next.saturdayStart,
      saturday_end: next.saturdayEnd,
      grace_minutes: next.graceMinutes,
      checkin_mode: next.checkinMode,
      holiday_weight: next.holidayWeight,
      weekend_weight: next.weekendWeight,
      updated_at: ctx.now.toISOString(),
    };
    await tx
      .insertInto("org_settings")
      .values({ org_id: ctx.orgId, ...values })
      .onConflict((oc) => oc.column("org_id").doUpdateSet(values))
      .execute();
    const changed = Object.fromEntries(
      (Object.keys(next) as (keyof ScheduleSettings)[])
        .filter((k) => before[k] !== next[k])
        .map((k) => [k, { from: before[k], to: next[k] }]),
    );
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "schedule.settingsUpdated",
      entityType: "org_settings",
      entityId: ctx.orgId,
      details: changed,
      at: ctx.now,
    });
  });
}

/**
 * Replaces the centre's seasons with the submitted table (already checked: no overlap, whole year
 * covered). Rows that carry the id of one of the centre's seasons update it; other ids are refused;
 * seasons left out are deleted.
 */
export async function replaceSeasons(db: DB, ctx: Ctx, seasons: SeasonInput[]): Promise<void> {
  await writeTx(db, async (tx) => {
    const existing = await tx
      .selectFrom("work_seasons")
      .selectAll()
      .where("org_id", "=", ctx.orgId)
      .orderBy("from_md")
      .limit(MAX_SEASONS * 2)
      .execute();
    const ids = new Set(existing.map((s) => s.id));
    seasons.forEach((s, i) => {
      if (s.id && !ids.has(s.id)) throw new FieldError(`seasons[${i}].name`, "invalidChoice");
    });
    const kept = new Set(seasons.flatMap((s) => (s.id ? [s.id] : [])));
    const removed = existing.filter((s) => !kept.has(s.id)).map((s) => s.id);
    if (removed.length > 0) {
      await tx.deleteFrom("work_seasons").where("org_id", "=", ctx.orgId).where("id", "in", removed).execute();
    }
    const at = ctx.now.toISOString();
    for (const s of seasons) {
      const values = {
        name: s.name,
        from_md: s.fromMd,
        to_md: s.toMd,
        morning_start: s.morningStart,
        morning_end: s.morningEnd,
        afternoon_start: s.afternoonStart,
        afternoon_end: s.afternoonEnd,
      };
      if (s.id) {
        await tx.updateTable("work_seasons").set(values).where("org_id", "=", ctx.orgId).where("id", "=", s.id).execute();
      } else {
        await tx
          .insertInto("work_seasons")
          .values({ id: randomUUID(), org_id: ctx.orgId, ...values, created_at: at })
          .execute();
      }
    }
    const describe = (s: { name: string; fromMd: string; toMd: string; morningStart: string; morningEnd: string; afternoonStart: string; afternoonEnd: string }) =>
      `${s.name}: ${s.fromMd}→${s.toMd} ${s.morningStart}–${s.morningEnd}, ${s.afternoonStart}–${s.afternoonEnd}`;
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "schedule.seasonsUpdated",
      entityType: "work_seasons",
      entityId: ctx.orgId,
      details: {
        before: existing.map((s) =>
          describe({
            name: s.name,
            fromMd: s.from_md,
            toMd: s.to_md,
            morningStart: s.morning_start,
            morningEnd: s.morning_end,
            afternoonStart: s.afternoon_start,
            afternoonEnd: s.afternoon_end,
          }),
        ),
        after: seasons.map(describe),
      },
      at: ctx.now,
    });
  });
}
