/**
 * The centre's working schedule: seasonal office hours, Saturday-morning opening, lateness grace,
 * check-in mode and duty weights. Pure: types, defaults, the day → hours rule and the form schemas
 * (shared by client and server). No I/O.
 *
 * Seasons are ranges of MM-DD, both ends inclusive; a range may wrap the year end (11-01 → 03-31).
 * Times are 'HH:mm' (24 h, Vietnam local time).
 */
import { z } from "zod";
import { dayOfWeek, type CalendarFn } from "./holidays";
import { parseDateInput } from "../../utils/time";

import { CHECKIN_MODES, type CheckinMode } from "../../../db/schema";

export { CHECKIN_MODES, type CheckinMode };

export interface ScheduleSettings {
  saturdayOpening: boolean;
  saturdayStart: string;
  saturdayEnd: string;
  graceMinutes: number;
  checkinMode: CheckinMode;
  holidayWeight: number;
  weekendWeight: number;
}

export interface WorkSeason {
  /** Null for the built-in default season (nothing saved yet). */
  id: string | null;
  name: string;
  fromMd: string;
  toMd: string;
  morningStart: string;
  morningEnd: string;
  afternoonStart: string;
  afternoonEnd: string;
}

export interface Schedule {
  settings: ScheduleSettings;
  /** Sorted by fromMd. Never empty: the default season stands in when none is saved. */
  seasons: WorkSeason[];
  /** False while the centre has saved no seasons (the default season is in use). */
  seasonsConfigured: boolean;
  /**
   * The Saturday-morning rota: the members who work an open Saturday morning. Only they are
   * expected (and can be late or absent) on such a morning; anyone else who comes is present.
   */
  saturdayStaff: string[];
}

/** A schedule with the day it takes effect; it applies until the next version's day. */
export interface ScheduleVersion extends Schedule {
  /** Null for the built-in default (nothing saved yet). */
  id: string | null;
  effectiveFrom: string;
}

/** The first day of the built-in default, and of versions carried over from before dated rules. */
export const SINCE_ALWAYS = "1900-01-01";

export type TimeRange = [start: string, end: string];
/** A day's opening hours; `afternoon` is null on a Saturday-morning opening. */
export interface DayHours {
  morning: TimeRange;
  afternoon: TimeRange | null;
}

export const DEFAULT_SETTINGS: ScheduleSettings = {
  saturdayOpening: false,
  saturdayStart: "07:30",
  saturdayEnd: "11:30",
  graceMinutes: 5,
  checkinMode: "day",
  holidayWeight: 2,
  weekendWeight: 1,
};

/**
 * Eight hours a day all year (QĐ 188/1999/QĐ-TTg: 8 hours a day, 40 a week): 07:30–11:30 and
 * 13:00–17:00, until the centre enters its province's hours.
 */
export const DEFAULT_SEASON: WorkSeason = {
  id: null,
  name: "Cả năm",
  fromMd: "01-01",
  toMd: "12-31",
  morningStart: "07:30",
  morningEnd: "11:30",
  afternoonStart: "13:00",
  afternoonEnd: "17:00",
};

export const DEFAULT_SCHEDULE: ScheduleVersion = {
  id: null,
  effectiveFrom: SINCE_ALWAYS,
  settings: { ...DEFAULT_SETTINGS },
  seasons: [{ ...DEFAULT_SEASON }],
  seasonsConfigured: false,
  saturdayStaff: [],
};

/**
 * The version in force on a date: the latest one whose effective day is on or before it; before
 * the first version (or with none saved), the built-in default, which is what applied then.
 * Rules saved before versions existed were carried over from SINCE_ALWAYS. `versions` sorted by
 * effectiveFrom.
 */
export function scheduleOn(versions: readonly ScheduleVersion[], isoDate: string): ScheduleVersion {
  let found: ScheduleVersion | undefined;
  for (const v of versions) {
    if (v.effectiveFrom <= isoDate) found = v;
    else break;
  }
  return found ?? DEFAULT_SCHEDULE;
}

// ---------- Times and month-days ----------

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MD_RE = /^(\d{2})-(\d{2})$/;
/** Days in each month of a leap year: MM-DD ranges must accept 02-29. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isTime(s: string): boolean {
  return TIME_RE.test(s);
}

/** Minutes since midnight of 'HH:mm'. */
export function minutesOf(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`Invalid time: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function isMonthDay(md: string): boolean {
  const m = MD_RE.exec(md);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= MONTH_DAYS[month - 1]!;
}

/**
 * What a person types for a month-day: 'dd/MM' or 'd/M' (as Vietnamese write it), or 'MM-DD'.
 * Returns 'MM-DD', or null when it is not a real day of the year.
 */
export function parseMonthDay(text: string): string | null {
  const s = text.trim();
  let md: string | null = null;
  const vn = /^(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (vn) md = `${vn[2]!.padStart(2, "0")}-${vn[1]!.padStart(2, "0")}`;
  else if (MD_RE.test(s)) md = s;
  return md && isMonthDay(md) ? md : null;
}

/** 'MM-DD' → 'dd/MM'. */
export function formatMonthDay(md: string): string {
  const [m, d] = md.split("-");
  return `${d}/${m}`;
}

/** Whether 'MM-DD' lies in [fromMd, toMd], both inclusive; the range may wrap the year end. */
export function inMonthDayRange(md: string, fromMd: string, toMd: string): boolean {
  return fromMd <= toMd ? md >= fromMd && md <= toMd : md >= fromMd || md <= toMd;
}

/** The season a date ('YYYY-MM-DD') falls in, or null when no season covers it. */
export function seasonOn<S extends Pick<WorkSeason, "fromMd" | "toMd">>(seasons: readonly S[], isoDate: string): S | null {
  const md = isoDate.slice(5, 10);
  return seasons.find((s) => inMonthDayRange(md, s.fromMd, s.toMd)) ?? null;
}

/**
 * The opening hours of a date. Without `cal`: Monday–Friday get the season's hours, Saturday the
 * morning opening when the centre has one, Sunday nothing. With the centre's calendar (holidays,
 * make-up days): a holiday or ordinary weekend day has none, a make-up day the full season's hours.
 */
export function hoursOn(schedule: Schedule, isoDate: string, cal?: CalendarFn): DayHours | null {
  const dow = dayOfWeek(isoDate);
  const season = seasonOn(schedule.seasons, isoDate);
  const full = (): DayHours | null =>
    season
      ? { morning: [season.morningStart, season.morningEnd], afternoon: [season.afternoonStart, season.afternoonEnd] }
      : null;
  const saturday = (): DayHours | null =>
    schedule.settings.saturdayOpening
      ? { morning: [schedule.settings.saturdayStart, schedule.settings.saturdayEnd], afternoon: null }
      : null;
  if (cal) {
    const { kind } = cal(isoDate);
    if (kind === "holiday") return null;
    if (kind === "makeup") return full();
  }
  if (dow === 0) return null;
  if (dow === 6) return saturday();
  return full();
}

/** Whether the date is a Saturday the centre opens in the morning (an ordinary Saturday, not a make-up day). */
export function isSaturdayOpening(schedule: Schedule, isoDate: string, cal?: CalendarFn): boolean {
  if (!schedule.settings.saturdayOpening || dayOfWeek(isoDate) !== 6) return false;
  const kind = cal?.(isoDate).kind;
  return kind !== "holiday" && kind !== "makeup";
}

/**
 * The hours one member is expected at the office: the day's hours, except that an open Saturday
 * morning expects only the members on the Saturday rota (null for everyone else).
 */
export function memberHoursOn(schedule: Schedule, isoDate: string, membershipId: string, cal?: CalendarFn): DayHours | null {
  const h = hoursOn(schedule, isoDate, cal);
  if (h && isSaturdayOpening(schedule, isoDate, cal) && !schedule.saturdayStaff.includes(membershipId)) return null;
  return h;
}

// ---------- Season coverage ----------

/** The 366 month-days of a leap year, in order. */
export const ALL_MONTH_DAYS: readonly string[] = MONTH_DAYS.flatMap((n, i) =>
  Array.from({ length: n }, (_, d) => `${String(i + 1).padStart(2, "0")}-${String(d + 1).padStart(2, "0")}`),
);

export interface CoverageProblem {
  /** Pairs of indexes [earlier, later] of seasons that share at least one day. */
  overlaps: [number, number][];
  /** The first month-day no season covers, or null. */
  firstGap: string | null;
}

/** Checks that the seasons do not overlap and together cover every day of the year (29/02 included). */
export function checkCoverage(seasons: readonly Pick<WorkSeason, "fromMd" | "toMd">[]): CoverageProblem {
  const overlaps: [number, number][] = [];
  for (let j = 0; j < seasons.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = seasons[i]!;
      const b = seasons[j]!;
      if (ALL_MONTH_DAYS.some((md) => inMonthDayRange(md, a.fromMd, a.toMd) && inMonthDayRange(md, b.fromMd, b.toMd))) {
        overlaps.push([i, j]);
      }
    }
  }
  const firstGap = ALL_MONTH_DAYS.find((md) => !seasons.some((s) => inMonthDayRange(md, s.fromMd, s.toMd))) ?? null;
  return { overlaps, firstGap };
}

// ---------- Form schemas ----------
// Messages are error keys: `t.calendar.errors` first, then `t.errors`. A key may carry one
// parameter after a '|' (e.g. 'seasonGap|29/02'), filled into the message.

const time = z.string({ required_error: "required" }).regex(TIME_RE, "timeFormat");
/** One of the options; 'required' when missing, 'invalidChoice' for anything else. */
const choice = <T extends string>(options: readonly [T, ...T[]]) =>
  z.enum(options, {
    errorMap: (issue) => ({ message: issue.code === "invalid_type" && issue.received === "undefined" ? "required" : "invalidChoice" }),
  });
const intInRange = (min: number, max: number, key: string) =>
  z
    .number({ required_error: "required", invalid_type_error: "numberFormat" })
    .int("numberFormat")
    .min(min, key)
    .max(max, key);

/**
 * Cross-field rules checked on the raw form values, so their messages come back together with the
 * fields' own (a refinement after the object would be skipped whenever a field is missing).
 */
function withRules<T extends z.ZodTypeAny>(schema: T, rules: (raw: Record<string, unknown>, issue: (field: string, key: string) => void) => void) {
  return z.preprocess((raw, ctx) => {
    if (raw && typeof raw === "object") {
      rules(raw as Record<string, unknown>, (field, message) => ctx.addIssue({ code: "custom", path: [field], message }));
    }
    return raw;
  }, schema);
}

const str = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

/** The day a change takes effect, typed dd/mm/yyyy (or sent YYYY-MM-DD); not in the past is the service's check. */
const effectiveFrom = z
  .string({ required_error: "required" })
  .trim()
  .transform((s, ctx) => parseDateInput(s) ?? (ctx.addIssue({ code: "custom", message: s ? "dateFormat" : "required" }), z.NEVER));

export const scheduleSettingsSchema = withRules(
  z.object({
    intent: z.literal("settings"),
    saturdayOpening: z.boolean().default(false),
    saturdayStart: time,
    saturdayEnd: time,
    graceMinutes: intInRange(0, 60, "graceRange"),
    checkinMode: choice(CHECKIN_MODES),
    holidayWeight: intInRange(1, 10, "weightRange"),
    weekendWeight: intInRange(1, 10, "weightRange"),
    /** Membership ids of the Saturday-morning rota (checked to be the centre's by the service). */
    saturdayStaff: z.array(z.string().max(64)).max(500).default([]),
    effectiveFrom,
  }),
  (raw, issue) => {
    const start = str(raw.saturdayStart);
    const end = str(raw.saturdayEnd);
    if (isTime(start) && isTime(end) && minutesOf(end) <= minutesOf(start)) issue("saturdayEnd", "timeOrder");
  },
);
export type ScheduleSettingsInput = z.infer<typeof scheduleSettingsSchema>;

export const MAX_SEASONS = 12;

/** A row of the seasons table as submitted; a row left entirely blank is ignored. */
const seasonRow = z
  .object({
    id: z.string().max(64).optional(),
    remove: z.boolean().optional(),
    name: z.string().trim().max(80, "tooLong").optional(),
    from: z.string().max(10).optional(),
    to: z.string().max(10).optional(),
    morningStart: z.string().max(10).optional(),
    morningEnd: z.string().max(10).optional(),
    afternoonStart: z.string().max(10).optional(),
    afternoonEnd: z.string().max(10).optional(),
  })
  .optional();

export type SeasonInput = Omit<WorkSeason, "id"> & { id?: string };

export const seasonsSchema = z
  .object({
    intent: z.literal("seasons"),
    seasons: z.array(seasonRow).max(MAX_SEASONS + 1, "tooManySeasons").optional(),
    // Checked in the transform, so that its message comes back together with the rows'.
    effectiveFrom: z.string().max(20).optional(),
  })
  .transform((v, ctx): { intent: "seasons"; seasons: SeasonInput[]; effectiveFrom: string } => {
    const kept: { index: number; season: SeasonInput }[] = [];
    let rowErrors = false;
    const effective = parseDateInput(v.effectiveFrom);
    const badDate = !effective;
    if (badDate) ctx.addIssue({ code: "custom", path: ["effectiveFrom"], message: v.effectiveFrom ? "dateFormat" : "required" });
    (v.seasons ?? []).forEach((row, index) => {
      if (!row || row.remove) return;
      const { id, remove: _r, ...fields } = row;
      if (Object.values(fields).every((x) => x === undefined || x === "")) return;
      const issue = (field: string, message: string) => {
        rowErrors = true;
        ctx.addIssue({ code: "custom", path: ["seasons", index, field], message });
      };
      const fromMd = row.from ? parseMonthDay(row.from) : null;
      const toMd = row.to ? parseMonthDay(row.to) : null;
      if (!row.name) issue("name", "required");
      if (!row.from) issue("from", "required");
      else if (!fromMd) issue("from", "monthDayFormat");
      if (!row.to) issue("to", "required");
      else if (!toMd) issue("to", "monthDayFormat");
      const times = ["morningStart", "morningEnd", "afternoonStart", "afternoonEnd"] as const;
      for (const f of times) {
        const value = row[f];
        if (!value) issue(f, "required");
        else if (!isTime(value)) issue(f, "timeFormat");
      }
      // Each ordering rule applies as soon as its two times are well formed.
      const at = (f: (typeof times)[number]) => (isTime(row[f] ?? "") ? minutesOf(row[f]!) : null);
      const [ms, me, as, ae] = times.map(at);
      if (ms != null && me != null && me <= ms) issue("morningEnd", "timeOrder");
      if (me != null && as != null && as < me) issue("afternoonStart", "afternoonAfterMorning");
      if (as != null && ae != null && ae <= as) issue("afternoonEnd", "timeOrder");
      if (row.name && fromMd && toMd) {
        kept.push({
          index,
          season: {
            ...(id ? { id } : {}),
            name: row.name,
            fromMd,
            toMd,
            morningStart: row.morningStart!,
            morningEnd: row.morningEnd!,
            afternoonStart: row.afternoonStart!,
            afternoonEnd: row.afternoonEnd!,
          },
        });
      }
    });
    // Whole-table rules only once every row is well formed, so each message stays beside its cause.
    if (rowErrors) return z.NEVER;
    if (kept.length === 0) {
      ctx.addIssue({ code: "custom", path: [], message: "seasonsRequired" });
      return z.NEVER;
    }
    if (kept.length > MAX_SEASONS) {
      ctx.addIssue({ code: "custom", path: [], message: "tooManySeasons" });
      return z.NEVER;
    }
    const { overlaps, firstGap } = checkCoverage(kept.map((k) => k.season));
    for (const [i, j] of overlaps) {
      ctx.addIssue({
        code: "custom",
        path: ["seasons", kept[j]!.index, "from"],
        message: `seasonOverlap|${kept[i]!.season.name}`,
      });
    }
    if (overlaps.length > 0) return z.NEVER;
    if (firstGap) {
      ctx.addIssue({ code: "custom", path: [], message: `seasonGap|${formatMonthDay(firstGap)}` });
      return z.NEVER;
    }
    if (badDate) return z.NEVER;
    return { intent: "seasons", seasons: kept.map((k) => k.season), effectiveFrom: effective! };
  });
export type SeasonsInput = z.infer<typeof seasonsSchema>;

// ---------- Official decisions (calendar_days) ----------

export const MIN_CALENDAR_YEAR = 1900;
export const MAX_CALENDAR_YEAR = 2100;

/** A decision's date, typed dd/mm/yyyy (or sent YYYY-MM-DD), within the years the calendar covers. */
const isoDate = z
  .string({ required_error: "required" })
  .trim()
  .transform((s, ctx) => parseDateInput(s) ?? (ctx.addIssue({ code: "custom", message: s ? "dateFormat" : "required", fatal: true }), z.NEVER))
  .refine((s) => {
    const y = Number(s.slice(0, 4));
    return y >= MIN_CALENDAR_YEAR && y <= MAX_CALENDAR_YEAR;
  }, "yearRange");

export const addDecisionSchema = withRules(
  z.object({
    intent: z.literal("add"),
    date: isoDate,
    kind: choice(["off", "working"] as const),
    name: z.string({ required_error: "required" }).trim().min(2, "required").max(120, "tooLong"),
    source: z.string({ required_error: "sourceRequired" }).trim().min(3, "sourceRequired").max(500, "tooLong"),
  }),
  // A "working" decision on a weekday is accepted only to cancel a computed holiday: the service
  // checks it against the centre's computed calendar.
  () => {},
);
export type AddDecisionInput = z.infer<typeof addDecisionSchema>;

// ---------- Annual holidays kept as data (holiday_rules) ----------

const yearField = (key: string) =>
  z
    .number({ required_error: "required", invalid_type_error: "numberFormat" })
    .int("numberFormat")
    .min(MIN_CALENDAR_YEAR, key)
    .max(MAX_CALENDAR_YEAR, key);

/**
 * Adds an annual day off (no key) or changes one (the key of a built-in rule or of one the centre
 * added): its day and month, name, years, whether it is on, whether it is confirmed, and the basis
 * (required to confirm).
 */
export const holidayRuleSchema = withRules(
  z.object({
    intent: z.literal("saveRule"),
    key: z.string().max(64).optional(),
    dayMonth: z
      .string({ required_error: "required" })
      .trim()
      .transform((v, ctx) => {
        const md = parseMonthDay(v);
        if (!md) {
          ctx.addIssue({ code: "custom", message: "monthDayFormat" });
          return z.NEVER;
        }
        return md;
      }),
    name: z.string({ required_error: "required" }).trim().min(2, "required").max(120, "tooLong"),
    fromYear: yearField("yearRange"),
    toYear: yearField("yearRange").optional(),
    enabled: z.boolean().default(false),
    confirmed: z.boolean().default(false),
    source: z.string().trim().max(500, "tooLong").default(""),
  }),
  (raw, issue) => {
    if (raw.confirmed === "on" && str(raw.source).length < 3) issue("source", "sourceRequired");
    const from = Number(str(raw.fromYear));
    const to = Number(str(raw.toYear));
    if (str(raw.toYear) && Number.isInteger(from) && Number.isInteger(to) && to < from) issue("toYear", "yearOrder");
  },
);
export type HolidayRuleInput = z.infer<typeof holidayRuleSchema>;

export const removeRuleSchema = z.object({
  intent: z.literal("removeRule"),
  key: z.string({ required_error: "required" }).min(1).max(64),
});

/** Deleting a schedule version that has not taken effect yet. */
export const removeVersionSchema = z.object({
  intent: z.literal("removeVersion"),
  id: z.string({ required_error: "required" }).min(1).max(64),
});

export const removeDecisionSchema = z.object({
  intent: z.literal("remove"),
  id: z.string({ required_error: "required" }).min(1).max(64),
});
