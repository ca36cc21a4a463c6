// Pure arithmetic of the evaluation of civil servants under Nghị định 335/2025/NĐ-CP: 100 points,
// 30 for the general criteria (entered by the evaluator) and 70 for the results of the tasks due in
// the period (quantity, quality, timeliness), the band, the overrides and the 20% cap on "xuất
// sắc". No I/O; table-driven tests in tests/unit/evaluation-score.test.ts.
//
// Decisions (shown on the evaluation pages too):
// - A task belongs to the period whose dates contain its CURRENT deadline (an extension moves it).
//   Drafts and cancelled tasks never count.
// - Each counted task weighs the same. Per task: quantity 1 when completed in the period (accepted,
//   timed by the accepted submission, on or before the period's last day), else 0; quality
//   1 − 25% per return when completed, else 0; timeliness 1 when completed early or on time,
//   1 − 25% per delay when completed late (a late completion is one delay), else 0.
// - An open task whose deadline has passed (at the period end, or now in a running period) is not
//   completed and delayed: 0 on all three. A task completed after the period ended scores the same.
// - Not yet decided, so not counted (the score is provisional): open tasks whose deadline is still
//   ahead, and results submitted and waiting for the approver.
// - Timeliness uses the current deadline (after granted extensions); the original-deadline view is
//   computed beside it for information and does not change the score.
// - Empty period (no task due at all): the task part is NOT APPLICABLE — neither a free 70 (which
//   would rate an idle month "xuất sắc") nor a 0 (which would fail someone who served the counter
//   all month). The evaluator enters the task points (0–70) from the member's regular duties of
//   their job position (tiếp nhận, trả kết quả hồ sơ…) with the basis; until then there is no total.
//   When the only tasks are still pending, there is no task part until they are decided.
// - Finalising (evaluation.server.ts) needs the four criteria, a task part, no pending task and the
//   period at its last day; it freezes these figures.
// - Points are rounded to two decimals before the band is read, so 89.995 counts as 90.
import { addDays, deadlineInstant } from "../tasks/rules";

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

export const BANDS = ["excellent", "good", "completed", "failed"] as const;
export type Band = (typeof BANDS)[number];

/** Two decimals, robust to binary fractions (46.666… → 46.67, 89.995 → 90). */
export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}

/** ≥ 90 xuất sắc, 70 to < 90 tốt, 50 to < 70 hoàn thành, < 50 không hoàn thành. */
export function bandOf(total: number): Band {
  const t = round2(total);
  if (t >= 90) return "excellent";
  if (t >= 70) return "good";
  if (t >= 50) return "completed";
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
}

/**
 * done: completed in the period; doneAfterPeriod: completed, but after the period ended; overdue:
 * open past its deadline; awaitingApproval: result submitted, not yet decided; notYetDue: open,
 * deadline still ahead. The last two are not counted yet.
 */
export type TaskOutcome = "done" | "doneAfterPeriod" | "overdue" | "awaitingApproval" | "notYetDue";
export type CompletionTiming = "early" | "on_time" | "late";

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
  if (t.status === "submitted") return { ...base, ...zero, outcome: "awaitingApproval", counted: false, delays: 0, delaysOriginal: 0 };
  if (t.deadlineAt < cutoff) return { ...base, ...zero, outcome: "overdue", counted: true, delays: 1, delaysOriginal: 1 };
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
  /** Each component 0..1, rounded to four decimals; null when not applicable. */
  components: Weights | null;
  /** Points each component gives (0..70 × share), rounded to two decimals. */
  parts: Weights | null;
  /** 0..70, rounded to two decimals. */
  points: number | null;
  /** The same, with timeliness against the original deadlines (for information only). */
  timelinessOriginal: number | null;
  pointsOriginal: number | null;
}

/** The 70-point task part over the tasks due in the period (drafts and cancelled ones ignored). */
export function computeTaskScore(tasks: readonly ScoreTaskInput[], opts: { periodEnd: string; now: string; weights?: Weights }): TaskScore {
  const weights = opts.weights ?? DEFAULT_WEIGHTS;
  const shares = weightShares(weights);
  const lines = tasks.filter((t) => !EXCLUDED.has(t.status)).map((t) => scoreTaskLine(t, opts));
  const counted = lines.filter((l) => l.counted);
  const base = { lines, counted: counted.length, pending: lines.length - counted.length, weights, shares };
  if (counted.length === 0) {
    return { ...base, applicable: false, components: null, parts: null, points: null, timelinessOriginal: null, pointsOriginal: null };
  }
  const mean = (pick: (l: TaskLine) => number) => counted.reduce((s, l) => s + pick(l), 0) / counted.length;
  const c = { quantity: mean((l) => l.quantity), quality: mean((l) => l.quality), timeliness: mean((l) => l.timeliness) };
  const tOrig = mean((l) => l.timelinessOriginal);
  const raw = (x: Weights) => TASK_POINTS * (shares.quantity * x.quantity + shares.quality * x.quality + shares.timeliness * x.timeliness);
  const r4 = (n: number) => Math.round((n + Number.EPSILON) * 10000) / 10000;
  return {
    ...base,
    applicable: true,
    components: { quantity: r4(c.quantity), quality: r4(c.quality), timeliness: r4(c.timeliness) },
    parts: {
      quantity: round2(TASK_POINTS * shares.quantity * c.quantity),
      quality: round2(TASK_POINTS * shares.quality * c.quality),
      timeliness: round2(TASK_POINTS * shares.timeliness * c.timeliness),
    },
    points: round2(raw(c)),
    timelinessOriginal: r4(tOrig),
    pointsOriginal: round2(raw({ ...c, timeliness: tOrig })),
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
}

export function evaluate(input: EvaluationInput): EvaluationResult {
  const { task } = input;
  // The evaluator's points stand in only when no task at all was due (not while tasks are pending).
  const manual = task.lines.length === 0 && input.manualTaskPoints !== null;
  const taskSource = task.applicable ? "tasks" : manual ? "manual" : "none";
  const taskPoints = task.applicable ? task.points : manual ? round2(input.manualTaskPoints!) : null;
  const values = GENERAL_CRITERIA.map((c) => input.general[c]);
  const generalPoints = values.every((v): v is number => v !== null) ? round2(values.reduce((s, v) => s + v, 0)) : null;
  const total = taskPoints !== null && generalPoints !== null ? round2(taskPoints + generalPoints) : null;
  const scoreBand = total !== null ? bandOf(total) : null;
  const band = input.disciplined ? "failed" : scoreBand;
  const missing: EvaluationResult["missing"] = [];
  if (generalPoints === null) missing.push("general");
  if (taskPoints === null && task.pending === 0) missing.push("taskPoints");
  if (task.pending > 0) missing.push("pendingTasks");
  return { taskPoints, taskSource, generalPoints, total, scoreBand, band, overridden: input.disciplined ? "disciplined" : null, missing };
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
