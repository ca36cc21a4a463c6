// Pure arithmetic of the evaluation of civil servants under Nghị định 335/2025/NĐ-CP: 100 points,
// 30 for the general criteria (entered by the evaluator) and 70 for the results of the tasks due in
// the period (quantity, quality, timeliness), the band, the overrides and the 20% cap on "xuất
// sắc". No I/O; table-driven tests in tests/unit/evaluation-score.test.ts.
//
// Decisions (shown on the evaluation pages too):
// - A task belongs to the period whose dates contain its judged deadline: its CURRENT deadline (an
//   extension asked in time moves it), or, after an extension asked once the deadline had passed (a
//   late extension), the deadline it had missed — a late extension never moves or erases lateness.
//   Drafts and cancelled tasks never count.
// - Each counted task weighs the same. Per task: quantity 1 when completed in the period (accepted,
//   timed by the accepted submission, on or before the period's last day), else 0; quality
//   1 − 25% per return when completed, else 0; timeliness 1 when completed early or on time,
//   1 − 25% per delay when completed late (a late completion is one delay), else 0.
// - An open task whose judged deadline has passed (at the period end, or now in a running period)
//   is not completed and delayed: 0 on all three. A task completed after the period ended scores
//   the same.
// - Not yet decided, so not counted (the score is provisional): open tasks whose deadline is still
//   ahead, and results submitted and waiting for the approver (shown as submitted on time or late,
//   never as overdue — tasks/rules.ts deadlineState).
// - Timeliness uses the current deadline (after extensions asked in time); the original-deadline
//   view is computed beside it for information and does not change the score.
// - Empty period (no task due at all): the task part is NOT APPLICABLE — neither a free 70 (which
//   would rate an idle month "xuất sắc") nor a 0 (which would fail someone who served the counter
//   all month). The evaluator enters the task points (0–70) from the member's regular duties of
//   their job position (tiếp nhận, trả kết quả hồ sơ…) with the basis; until then there is no total.
//   When the only tasks are still pending, there is no task part until they are decided.
// - Finalising (evaluation.server.ts) needs the four criteria, a task part, no pending task and the
//   period at its last day; it freezes these figures.
// - Rounding: every figure is computed at full precision and the band is read from the exact total
//   (64.1667 + 25.83 = 89.9967 is "tốt", not 90). Figures are rounded once, for display only, down
//   to the hundredth (so a shown figure never reaches a band line the exact one did not: 89.99, not
//   90.00), and the shown parts add up to the shown total by largest-remainder rounding.
import { addDays, deadlineInstant, deadlineState, judgedDeadlineAt } from "../tasks/rules";
import { BANDS, type Band, type Timeliness } from "../../../db/schema";

export const TASK_POINTS = 70;
export const GENERAL_POINTS = 30;
/** Share of a task's points lost per return (quality) and per delay (timeliness). */
export const RETURN_PENALTY = 0.25;
export const DELAY_PENALTY = 0.25;

export const GENERAL_CRITERIA = ["political", "ethics", "style", "discipline"] as const;
export type GeneralCriterion = (typeof GENERAL_CRITERIA)[number];
/**
 * The 30 points split evenly over the four criteria (tư tưởng chính trị; đạo đức, lối sống; tác
 * phong, lề lối làm việc; ý thức tổ chức kỷ luật). The decree gives 30 for the group; the split is
 * ours until the province's guidance says otherwise.
 */
export const CRITERION_MAX: Record<GeneralCriterion, number> = { political: 7.5, ethics: 7.5, style: 7.5, discipline: 7.5 };

// Stored in evaluations.band and annual_evaluations: the list lives with the table types.
export { BANDS, type Band };

/** Two decimals, robust to binary fractions (46.666… → 46.67, 89.995 → 90). */
export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}

/**
 * Tolerance for binary arithmetic: sums of thirds land a hair off the exact value (69.99999999999999
 * for 70). Far below any real difference (points are entered in hundredths).
 */
const NOISE = 1e-9;

/** Hundredths rounded down, tolerant of binary noise (89.9967 → 89.99; 69.99999999999999 → 70). */
export function floor2(n: number): number {
  return Math.floor(n * 100 + NOISE * 100) / 100;
}

/**
 * The parts as shown, in hundredths, adding up to the shown total `floor2(sum)`: each part rounded
 * down, then the hundredths still missing go one each to the parts with the largest remainders
 * (ties: the earlier part). E.g. 23.3333 + 17.5 + 23.3333 (64.1667) → 23.33 + 17.50 + 23.33 = 64.16.
 */
export function shownParts(parts: readonly number[]): number[] {
  const cents = parts.map((p) => Math.floor(p * 100 + NOISE * 100));
  const target = Math.floor(parts.reduce((a, b) => a + b, 0) * 100 + NOISE * 100);
  let missing = target - cents.reduce((a, b) => a + b, 0);
  const order = parts.map((p, i) => ({ i, rem: p * 100 - cents[i]! })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    cents[i]! += 1;
    missing -= 1;
  }
  return cents.map((c) => c / 100);
}

/** ≥ 90 xuất sắc, 70 to < 90 tốt, 50 to < 70 hoàn thành, < 50 không hoàn thành — on the exact total. */
export function bandOf(total: number): Band {
  if (total >= 90 - NOISE) return "excellent";
  if (total >= 70 - NOISE) return "good";
  if (total >= 50 - NOISE) return "completed";
  return "failed";
}

// ---------- periods ----------

export interface Period {
  /** '2026-02' or '2026-Q1'. */
  key: string;
  kind: "month" | "quarter";
  year: number;
  /** Month 1–12 or quarter 1–4. */
  index: number;
  /** First and last day (YYYY-MM-DD). */
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function makePeriod(kind: Period["kind"], year: number, index: number): Period {
  if (kind === "month") {
    return { key: `${year}-${pad(index)}`, kind, year, index, start: `${year}-${pad(index)}-01`, end: `${year}-${pad(index)}-${pad(lastDay(year, index))}` };
  }
  const first = (index - 1) * 3 + 1;
  return { key: `${year}-Q${index}`, kind, year, index, start: `${year}-${pad(first)}-01`, end: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}` };
}

/** 'YYYY-MM' or 'YYYY-Qn' (years 2000–2100); anything else is null. */
export function parsePeriod(text: string | null | undefined): Period | null {
  const s = (text ?? "").trim();
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(s);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(s);
  const m = month ?? quarter;
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  return makePeriod(month ? "month" : "quarter", year, Number(m[2]));
}

/** The month (or quarter) containing a date. */
export function periodContaining(date: string, kind: Period["kind"] = "month"): Period {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return makePeriod(kind, y, kind === "month" ? m : Math.floor((m - 1) / 3) + 1);
}

/** The period n steps later (earlier when n < 0), of the same kind. */
export function shiftPeriod(p: Period, n: number): Period {
  const per = p.kind === "month" ? 12 : 4;
  const i = p.year * per + (p.index - 1) + n;
  return makePeriod(p.kind, Math.floor(i / per), (i % per) + 1);
}

/** The first instant of the period in Vietnam (ISO, UTC). */
export function periodStartInstant(p: Period): string {
  return new Date(deadlineInstant(addDays(p.start, -1), "23:59").getTime() + 1).toISOString();
}

/** The last instant of the period in Vietnam: 23:59:59.999 of its last day (ISO, UTC). */
export function periodEndInstant(p: Period): string {
  return deadlineInstant(p.end, "23:59").toISOString();
}

// ---------- weights ----------

/** Relative weights of the three task components; 1/1/1 = equal thirds. */
export interface Weights {
  quantity: number;
  quality: number;
  timeliness: number;
}
export const DEFAULT_WEIGHTS: Weights = { quantity: 1, quality: 1, timeliness: 1 };
export const COMPONENTS = ["quantity", "quality", "timeliness"] as const;
export type Component = (typeof COMPONENTS)[number];

/** Each component's share of the 70 points (summing to 1); all-zero weights fall back to thirds. */
export function weightShares(w: Weights): Weights {
  const sum = w.quantity + w.quality + w.timeliness;
  if (!(sum > 0)) return weightShares(DEFAULT_WEIGHTS);
  return { quantity: w.quantity / sum, quality: w.quality / sum, timeliness: w.timeliness / sum };
}

// ---------- tasks ----------

/** What the arithmetic needs of a task (the tasks table, camel-cased). */
export interface ScoreTaskInput {
  id: string;
  title: string;
  status: string;
  deadlineDate: string;
  deadlineTime: string | null;
  deadlineAt: string;
  originalDeadlineDate: string | null;
  originalDeadlineTime: string | null;
  completedAt: string | null;
  timeliness: string | null;
  timelinessOriginal: string | null;
  returnCount: number;
  extensionCount: number;
  /** The deadline missed before a late extension (the task is judged against it); null otherwise. */
  missedDeadlineAt?: string | null;
  /** The latest submission (for a result waiting for approval: on time or late). */
  submittedAt?: string | null;
}

/**
 * done: completed in the period; doneAfterPeriod: completed, but after the period ended; overdue:
 * open past its deadline; awaitingApproval: result submitted, not yet decided; notYetDue: open,
 * deadline still ahead. The last two are not counted yet.
 */
export type TaskOutcome = "done" | "doneAfterPeriod" | "overdue" | "awaitingApproval" | "notYetDue";
export type CompletionTiming = Timeliness;

export interface TaskLine {
  id: string;
  title: string;
  deadlineDate: string;
  deadlineTime: string | null;
  originalDeadlineDate: string | null;
  originalDeadlineTime: string | null;
  /** The deadline was moved by a granted extension. */
  extended: boolean;
  extensionCount: number;
  /** An extension asked after the deadline: the task stays judged against the deadline it missed. */
  lateExtension: boolean;
  missedDeadlineAt: string | null;
  /** For a result waiting for approval: submitted by the judged deadline or after it. */
  submitted: "onTime" | "late" | null;
  outcome: TaskOutcome;
  counted: boolean;
  returns: number;
  /** Delays against the current and the original deadline (0 or 1). */
  delays: number;
  delaysOriginal: number;
  /** When completed in the period: how, against the current and the original deadline. */
  timing: CompletionTiming | null;
  timingOriginal: CompletionTiming | null;
  /** Each 0..1. */
  quantity: number;
  quality: number;
  timeliness: number;
  timelinessOriginal: number;
}

const EXCLUDED = new Set(["draft", "cancelled"]);
const asTiming = (s: string | null): CompletionTiming | null => (s === "early" || s === "on_time" || s === "late" ? s : null);
const penalised = (n: number, penalty: number) => Math.max(0, 1 - penalty * n);

/** One task's outcome and points, given the end of the period and the present instant (ISO). */
export function scoreTaskLine(t: ScoreTaskInput, at: { periodEnd: string; now: string }): TaskLine {
  const cutoff = at.now < at.periodEnd ? at.now : at.periodEnd;
  const extended = t.originalDeadlineDate !== null && (t.originalDeadlineDate !== t.deadlineDate || t.originalDeadlineTime !== t.deadlineTime);
  const base = {
    id: t.id,
    title: t.title,
    deadlineDate: t.deadlineDate,
    deadlineTime: t.deadlineTime,
    originalDeadlineDate: t.originalDeadlineDate,
    originalDeadlineTime: t.originalDeadlineTime,
    extended,
    extensionCount: t.extensionCount,
    lateExtension: (t.missedDeadlineAt ?? null) !== null,
    missedDeadlineAt: t.missedDeadlineAt ?? null,
    submitted: null,
    returns: t.returnCount,
  };
  const zero = { quantity: 0, quality: 0, timeliness: 0, timelinessOriginal: 0, timing: null, timingOriginal: null };
  if (t.status === "done") {
    if (t.completedAt !== null && t.completedAt > at.periodEnd) {
      return { ...base, ...zero, outcome: "doneAfterPeriod", counted: true, delays: 1, delaysOriginal: 1 };
    }
    const timing = asTiming(t.timeliness) ?? "on_time";
    const timingOriginal = asTiming(t.timelinessOriginal) ?? timing;
    const delays = timing === "late" ? 1 : 0;
    const delaysOriginal = timingOriginal === "late" ? 1 : 0;
    return {
      ...base,
      outcome: "done",
      counted: true,
      delays,
      delaysOriginal,
      timing,
      timingOriginal,
      quantity: 1,
      quality: penalised(t.returnCount, RETURN_PENALTY),
      timeliness: penalised(delays, DELAY_PENALTY),
      timelinessOriginal: penalised(delaysOriginal, DELAY_PENALTY),
    };
  }
  if (t.status === "submitted") {
    const submitted = deadlineState(t, cutoff) === "submittedLate" ? "late" : "onTime";
    return { ...base, ...zero, submitted, outcome: "awaitingApproval", counted: false, delays: 0, delaysOriginal: 0 };
  }
  if (judgedDeadlineAt(t)! < cutoff) return { ...base, ...zero, outcome: "overdue", counted: true, delays: 1, delaysOriginal: 1 };
  return { ...base, ...zero, outcome: "notYetDue", counted: false, delays: 0, delaysOriginal: 0 };
}

export interface TaskScore {
  lines: TaskLine[];
  /** Tasks decided (counted in the score) and still open to change (not counted yet). */
  counted: number;
  pending: number;
  /** False when no task is counted: the task part is then not applicable (see above). */
  applicable: boolean;
  weights: Weights;
  shares: Weights;
  /** Each component 0..1, at full precision; null when not applicable. */
  components: Weights | null;
  /** Points each component gives (0..70 × share), at full precision. */
  parts: Weights | null;
  /** 0..70, at full precision (the sum of the parts). */
  points: number | null;
  /** The same, with timeliness against the original deadlines (for information only). */
  timelinessOriginal: number | null;
  pointsOriginal: number | null;
  /** The figures as displayed: hundredths rounded down, the parts adding up to the points. */
  shown: { parts: Weights; points: number; pointsOriginal: number } | null;
}

/** The displayed figures of a task part (also for frozen figures saved before they were stored). */
export function shownTaskScore(task: Pick<TaskScore, "parts" | "pointsOriginal">): TaskScore["shown"] {
  if (!task.parts) return null;
  const [quantity, quality, timeliness] = shownParts([task.parts.quantity, task.parts.quality, task.parts.timeliness]) as [number, number, number];
  return { parts: { quantity, quality, timeliness }, points: round2(quantity + quality + timeliness), pointsOriginal: floor2(task.pointsOriginal ?? 0) };
}

/** The 70-point task part over the tasks due in the period (drafts and cancelled ones ignored). */
export function computeTaskScore(tasks: readonly ScoreTaskInput[], opts: { periodEnd: string; now: string; weights?: Weights }): TaskScore {
  const weights = opts.weights ?? DEFAULT_WEIGHTS;
  const shares = weightShares(weights);
  const lines = tasks.filter((t) => !EXCLUDED.has(t.status)).map((t) => scoreTaskLine(t, opts));
  const counted = lines.filter((l) => l.counted);
  const base = { lines, counted: counted.length, pending: lines.length - counted.length, weights, shares };
  if (counted.length === 0) {
    return { ...base, applicable: false, components: null, parts: null, points: null, timelinessOriginal: null, pointsOriginal: null, shown: null };
  }
  const mean = (pick: (l: TaskLine) => number) => counted.reduce((s, l) => s + pick(l), 0) / counted.length;
  const c = { quantity: mean((l) => l.quantity), quality: mean((l) => l.quality), timeliness: mean((l) => l.timeliness) };
  const tOrig = mean((l) => l.timelinessOriginal);
  const partsOf = (x: Weights): Weights => ({
    quantity: TASK_POINTS * shares.quantity * x.quantity,
    quality: TASK_POINTS * shares.quality * x.quality,
    timeliness: TASK_POINTS * shares.timeliness * x.timeliness,
  });
  const sum = (p: Weights) => p.quantity + p.quality + p.timeliness;
  const parts = partsOf(c);
  const pointsOriginal = sum(partsOf({ ...c, timeliness: tOrig }));
  return {
    ...base,
    applicable: true,
    components: c,
    parts,
    points: sum(parts),
    timelinessOriginal: tOrig,
    pointsOriginal,
    shown: shownTaskScore({ parts, pointsOriginal }),
  };
}

// ---------- the evaluation ----------

export type GeneralPoints = Record<GeneralCriterion, number | null>;

export interface EvaluationInput {
  task: TaskScore;
  general: GeneralPoints;
  /** The evaluator's task points, used only when no task at all was due in the period. */
  manualTaskPoints: number | null;
  /** Disciplined (reprimand or heavier) in the year of the period. */
  disciplined: boolean;
}

export interface EvaluationResult {
  /** Exact (full precision); `shown` has the displayed figures. */
  taskPoints: number | null;
  /** Where the task points come from: the tasks, the evaluator (empty period), or nowhere yet. */
  taskSource: "tasks" | "manual" | "none";
  /** Null until all four criteria have points. */
  generalPoints: number | null;
  total: number | null;
  /** The band the points alone give. */
  scoreBand: Band | null;
  /** The band after the overrides. */
  band: Band | null;
  overridden: "disciplined" | null;
  /** What is still needed before the evaluation can be finalised. */
  missing: ("general" | "taskPoints" | "pendingTasks")[];
  /** As displayed: hundredths rounded down, task and general parts adding up to the total. */
  shown: { taskPoints: number | null; generalPoints: number | null; total: number | null };
}

/** The displayed figures of a result (also for frozen figures saved before they were stored). */
export function shownResult(r: Pick<EvaluationResult, "taskPoints" | "generalPoints" | "total">): EvaluationResult["shown"] {
  if (r.taskPoints !== null && r.generalPoints !== null) {
    const [taskPoints, generalPoints] = shownParts([r.taskPoints, r.generalPoints]) as [number, number];
    return { taskPoints, generalPoints, total: round2(taskPoints + generalPoints) };
  }
  return {
    taskPoints: r.taskPoints === null ? null : floor2(r.taskPoints),
    generalPoints: r.generalPoints === null ? null : floor2(r.generalPoints),
    total: r.total === null ? null : floor2(r.total),
  };
}

export function evaluate(input: EvaluationInput): EvaluationResult {
  const { task } = input;
  // The evaluator's points stand in only when no task at all was due (not while tasks are pending).
  const manual = task.lines.length === 0 && input.manualTaskPoints !== null;
  const taskSource = task.applicable ? "tasks" : manual ? "manual" : "none";
  const taskPoints = task.applicable ? task.points : manual ? input.manualTaskPoints! : null;
  const values = GENERAL_CRITERIA.map((c) => input.general[c]);
  const generalPoints = values.every((v): v is number => v !== null) ? values.reduce((s, v) => s + v, 0) : null;
  // Full precision: the band is read from the exact total, never from a rounded one.
  const total = taskPoints !== null && generalPoints !== null ? taskPoints + generalPoints : null;
  const scoreBand = total !== null ? bandOf(total) : null;
  const band = input.disciplined ? "failed" : scoreBand;
  const missing: EvaluationResult["missing"] = [];
  if (generalPoints === null) missing.push("general");
  if (taskPoints === null && task.pending === 0) missing.push("taskPoints");
  if (task.pending > 0) missing.push("pendingTasks");
  return {
    taskPoints,
    taskSource,
    generalPoints,
    total,
    scoreBand,
    band,
    overridden: input.disciplined ? "disciplined" : null,
    missing,
    shown: shownResult({ taskPoints, generalPoints, total }),
  };
}

/** Counts per band (members without a band yet are left out). */
export function bandCounts(bands: readonly (Band | null | undefined)[]): Record<Band, number> {
  const out: Record<Band, number> = { excellent: 0, good: 0, completed: 0, failed: 0 };
  for (const b of bands) if (b) out[b] += 1;
  return out;
}

export interface ExcellenceCapWarning {
  excellent: number;
  good: number;
  /** The most "xuất sắc" the rule allows: 20% of those rated "tốt", rounded down. */
  allowed: number;
}

/**
 * The number rated "Hoàn thành xuất sắc" may not exceed 20% of those rated "Hoàn thành tốt" in the
 * unit: the warning when it does (null otherwise). It warns; it never blocks.
 */
export function excellenceCapWarning(bands: readonly (Band | null | undefined)[]): ExcellenceCapWarning | null {
  const n = bandCounts(bands);
  // Integer arithmetic: excellent > 20% × good  ⇔  5 × excellent > good.
  if (5 * n.excellent <= n.good) return null;
  return { excellent: n.excellent, good: n.good, allowed: Math.floor(n.good / 5) };
}

/**
 * The periods offered by the page's picker: the last 12 months and 5 quarters up to the one
 * containing `today`, next month and quarter, and the selected period when it is elsewhere.
 */
export function periodOptions(today: string, selected: Period): string[] {
  const month = periodContaining(today, "month");
  const quarter = periodContaining(today, "quarter");
  const months = Array.from({ length: 13 }, (_, i) => shiftPeriod(month, 1 - i).key);
  const quarters = Array.from({ length: 6 }, (_, i) => shiftPeriod(quarter, 1 - i).key);
  const all = [...months, ...quarters];
  return all.includes(selected.key) ? all : [selected.key, ...all];
}
