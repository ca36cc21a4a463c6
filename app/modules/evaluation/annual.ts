// Pure arithmetic of the annual evaluation (xếp loại chất lượng hằng năm). No I/O; table-driven
// tests in tests/unit/evaluation-annual.test.ts; the reasons in docs/decisions/0022-annual-evaluation.md.
//
// Legal basis:
// - NĐ 90/2020/NĐ-CP amended by NĐ 48/2023/NĐ-CP: each civil servant is rated for the year, in four
//   levels, before 15 December.
// - NĐ 335/2025/NĐ-CP (in force 1/1/2026): the 100-point scale — 70 task points, 30 general points —
//   and the bands (≥ 90 xuất sắc; 70 to < 90 tốt; 50 to < 70 hoàn thành; < 50 không hoàn thành);
//   "không hoàn thành nhiệm vụ" for anyone disciplined (reprimand or heavier) in the year; "xuất
//   sắc" at most 20% of those rated "tốt" in the unit (warned, never blocked).
// - NĐ 90/2020 Điều 2 khoản 3 (as amended): away from work 3 to under 6 months in the year → rated,
//   but not "hoàn thành tốt" or above.
//
// Decisions (shown on the pages too):
// - The year is built from its periods: the FINALISED monthly evaluations of the member's year, or
//   — for a member with no finalised month — the finalised quarterly ones. Draft periods do not
//   count (their figures can still change). Each counted period weighs the same.
// - Task part (70) = the mean of the counted periods' task points, at full precision.
// - General part (30) = the evaluator's points for the year per criterion (with a justification
//   where points are taken off). Until the evaluator enters them, the mean of the counted periods'
//   general points stands in and the result is provisional (then total = the mean of the periods'
//   totals).
// - Band: read from the exact total; then the caps (disciplined → không hoàn thành; away 3–6 months
//   → at most hoàn thành); then the evaluator may choose a LOWER band with a reason (e.g. to keep
//   within the 20% rule) — never a higher one.
// - Rounding as for the periods (decision 0020): full precision, shown rounded down to hundredths,
//   the shown parts adding up to the shown total.
import { daysBetween } from "../../utils/dates";
import { bandOf, floor2, GENERAL_CRITERIA, periodContaining, periodOptions, round2, shownParts, type Band, type GeneralCriterion, type GeneralPoints } from "./score";

/** The first year rated on the 100-point scale (NĐ 335/2025/NĐ-CP is in force from 1/1/2026). */
export const FIRST_SCALE_YEAR = 2026;
/** The rating is done before this day of December (NĐ 90/2020, amended by NĐ 48/2023). */
const DEADLINE_DAY = "12-15";
/** Finalising before this day of the year is early (a transfer, a retirement…) and needs a reason. */
const SEASON_OPENS = "12-01";
/** Days of December when the leaders are reminded of the members not yet finalised. */
const REMINDER_DAYS = ["12-01", "12-10"] as const;

const pad = (n: number) => String(n).padStart(2, "0");

/** A year 'YYYY' (2000–2100); anything else is null. */
export function parseYear(text: string | null | undefined): number | null {
  const m = /^(\d{4})$/.exec((text ?? "").trim());
  if (!m) return null;
  const y = Number(m[1]);
  return y >= 2000 && y <= 2100 ? y : null;
}

/** The years offered by the period picker: this year and the last, and the selected one when elsewhere. */
export function yearOptions(today: string, selected?: number | null): string[] {
  const y = Number(today.slice(0, 4));
  const years = [String(y), String(y - 1)];
  return selected && !years.includes(String(selected)) ? [String(selected), ...years] : years;
}

/** The twelve month keys and four quarter keys of a year. */
export function yearPeriodKeys(year: number): { months: string[]; quarters: string[] } {
  return {
    months: Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`),
    quarters: Array.from({ length: 4 }, (_, i) => `${year}-Q${i + 1}`),
  };
}

/** The day the year must be rated before: 15/12 of the year. */
export function deadlineDay(year: number): string {
  return `${year}-${DEADLINE_DAY}`;
}

/** What every page of a year shows above its content: the period choice, the deadline and the days left, and where the year stands. */
export function yearHeading(year: number, today: string) {
  return {
    view: "year" as const,
    year,
    nav: { key: String(year), prev: String(year - 1), next: String(year + 1), options: [...periodOptions(today, periodContaining(today)), ...yearOptions(today, year)] },
    deadline: deadlineDay(year),
    daysLeft: daysBetween(today, deadlineDay(year)),
    beforeScale: year < FIRST_SCALE_YEAR,
    notStarted: year > Number(today.slice(0, 4)),
    firstScaleYear: FIRST_SCALE_YEAR,
  };
}

/** Whether finalising on `today` (YYYY-MM-DD) comes before the season opens (1/12 of the year). */
export function isEarly(today: string, year: number): boolean {
  return today < `${year}-${SEASON_OPENS}`;
}

/**
 * The reminder due on `today` for `year`: the latest reminder day reached (so a job that missed
 * 1/12 still sends it on 3/12), until the year ends; null before 1/12 or in another year.
 */
export function reminderDue(today: string, year: number): string | null {
  if (today.slice(0, 4) !== String(year)) return null;
  const reached = REMINDER_DAYS.filter((d) => today >= `${year}-${d}`);
  return reached.length ? reached[reached.length - 1]! : null;
}

// ---------- bands ----------

const RANK: Record<Band, number> = { failed: 0, completed: 1, good: 2, excellent: 3 };

/** The lower of two bands. */
export function lowerBand(a: Band, b: Band): Band {
  return RANK[a] <= RANK[b] ? a : b;
}

/** Whether `a` is a higher band than `b`. */
export function isAbove(a: Band, b: Band): boolean {
  return RANK[a] > RANK[b];
}

export type Cap = "disciplined" | "absent";

/** The band after the caps: disciplined → không hoàn thành; away 3–6 months → at most hoàn thành. */
export function cappedBand(scoreBand: Band | null, caps: { disciplined: boolean; absent: boolean }): { band: Band | null; cap: Cap | null } {
  if (caps.disciplined) return { band: "failed", cap: "disciplined" };
  if (caps.absent && scoreBand !== null && isAbove(scoreBand, "completed")) return { band: "completed", cap: "absent" };
  return { band: scoreBand, cap: null };
}

/** "Xuất sắc" at most 20% of those rated "tốt" (NĐ 335/2025): the counts, the most allowed, and whether it is exceeded. */
export function excellenceRule(bands: readonly (Band | null | undefined)[]): { excellent: number; good: number; allowed: number; exceeded: boolean } {
  const excellent = bands.filter((b) => b === "excellent").length;
  const good = bands.filter((b) => b === "good").length;
  // Integer arithmetic: excellent > 20% × good ⇔ 5 × excellent > good.
  return { excellent, good, allowed: Math.floor(good / 5), exceeded: 5 * excellent > good };
}

// ---------- the year's figures ----------

/** One period of the year as the annual evaluation reads it. */
export interface PeriodResult {
  key: string;
  kind: "month" | "quarter";
  status: "none" | "draft" | "finalised";
  /** Exact frozen figures (finalised periods; null otherwise). */
  taskPoints: number | null;
  generalPoints: number | null;
  total: number | null;
  general: GeneralPoints;
  band: Band | null;
  /** The period's evaluation records a discipline. */
  disciplined: boolean;
}

export interface AnnualInput {
  periods: readonly PeriodResult[];
  /** The evaluator's points for the year (null per criterion while not entered). */
  general: GeneralPoints;
  /** Disciplined in the year (recorded on the year or on any period of it). */
  disciplined: boolean;
  /** Away from work 3 to under 6 months in the year. */
  absent: boolean;
  /** A band the evaluator chose below the computed one; null = as computed. */
  chosenBand: Band | null;
}

export interface AnnualResult {
  basis: "month" | "quarter" | null;
  /** The keys of the periods counted (finalised, of the basis). */
  counted: string[];
  /** Mean of the counted periods' task points (0..70), exact; null with no period counted. */
  taskPoints: number | null;
  /** Mean per criterion of the counted periods, and their sum (the general part they give). */
  periodGeneral: GeneralPoints;
  periodGeneralPoints: number | null;
  /** Mean of the counted periods' totals. */
  periodTotal: number | null;
  /** Where the general part comes from: the evaluator's points for the year, the periods' mean, or nowhere. */
  generalSource: "evaluator" | "periods" | "none";
  generalPoints: number | null;
  total: number | null;
  /** The band the points alone give, the band after the caps, and the final band. */
  scoreBand: Band | null;
  cap: Cap | null;
  cappedBand: Band | null;
  band: Band | null;
  /** The evaluator's lower band: applied, or ignored because it is not lower than the capped band. */
  chosen: "applied" | "ignored" | null;
  /** The general part is not the evaluator's yet: the figures are provisional. */
  provisional: boolean;
  /** What finalising still needs. */
  missing: ("periods" | "general")[];
  /** As displayed (rounded down to hundredths; task + general add up to total). */
  shown: { taskPoints: number | null; generalPoints: number | null; total: number | null; periodTotal: number | null };
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** The shown figures of an annual result (also for frozen figures). */
export function shownAnnual(r: Pick<AnnualResult, "taskPoints" | "generalPoints" | "total" | "periodTotal">): AnnualResult["shown"] {
  const periodTotal = r.periodTotal === null ? null : floor2(r.periodTotal);
  if (r.taskPoints !== null && r.generalPoints !== null) {
    const [taskPoints, generalPoints] = shownParts([r.taskPoints, r.generalPoints]) as [number, number];
    return { taskPoints, generalPoints, total: round2(taskPoints + generalPoints), periodTotal };
  }
  return {
    taskPoints: r.taskPoints === null ? null : floor2(r.taskPoints),
    generalPoints: r.generalPoints === null ? null : floor2(r.generalPoints),
    total: r.total === null ? null : floor2(r.total),
    periodTotal,
  };
}

/** The year's figures, band and what is missing (see the decisions above). */
export function evaluateYear(input: AnnualInput): AnnualResult {
  const finalised = (kind: PeriodResult["kind"]) =>
    input.periods.filter((p) => p.kind === kind && p.status === "finalised" && p.taskPoints !== null && p.generalPoints !== null);
  const months = finalised("month");
  const counted = months.length ? months : finalised("quarter");
  const basis = counted.length ? counted[0]!.kind : null;

  const taskPoints = counted.length ? mean(counted.map((p) => p.taskPoints!)) : null;
  const periodGeneral = Object.fromEntries(
    GENERAL_CRITERIA.map((c) => {
      const xs = counted.map((p) => p.general[c]).filter((x): x is number => x !== null);
      return [c, xs.length ? mean(xs) : null];
    }),
  ) as GeneralPoints;
  const periodGeneralPoints = counted.length ? mean(counted.map((p) => p.generalPoints!)) : null;
  const periodTotal = taskPoints !== null && periodGeneralPoints !== null ? taskPoints + periodGeneralPoints : null;

  const entered = GENERAL_CRITERIA.map((c: GeneralCriterion) => input.general[c]);
  const complete = entered.every((v): v is number => v !== null);
  const generalSource = complete ? "evaluator" : periodGeneralPoints !== null ? "periods" : "none";
  const generalPoints = complete ? (entered as number[]).reduce((s, v) => s + v, 0) : periodGeneralPoints;

  // Full precision: the band is read from the exact total.
  const total = taskPoints !== null && generalPoints !== null ? taskPoints + generalPoints : null;
  const scoreBand = total !== null ? bandOf(total) : null;
  const capped = cappedBand(scoreBand, input);
  let band = capped.band;
  let chosen: AnnualResult["chosen"] = null;
  if (input.chosenBand && capped.band) {
    chosen = isAbove(input.chosenBand, capped.band) ? "ignored" : "applied";
    band = lowerBand(input.chosenBand, capped.band);
  }
  const missing: AnnualResult["missing"] = [];
  if (!counted.length) missing.push("periods");
  if (!complete) missing.push("general");
  return {
    basis,
    counted: counted.map((p) => p.key),
    taskPoints,
    periodGeneral,
    periodGeneralPoints,
    periodTotal,
    generalSource,
    generalPoints,
    total,
    scoreBand,
    cap: capped.cap,
    cappedBand: capped.band,
    band,
    chosen,
    provisional: generalSource !== "evaluator",
    missing,
    shown: shownAnnual({ taskPoints, generalPoints, total, periodTotal }),
  };
}
