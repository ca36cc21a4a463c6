// Pure task rules: the "6 rõ" check, deadlines, timeliness, the status machine and recurrence
// periods. No I/O; table-driven tests in tests/unit/task-rules.test.ts.
import { addWorkingDays, type CalendarFn } from "../calendar/holidays";
import type { Frequency, TaskStatus, Timeliness } from "../../../db/schema";

// The stored values live with the table types (db/schema.ts), where the database's checks are tested.
export {
  FREQUENCIES,
  LATE_EXTENSION_RULES,
  PLAN_ITEM_KINDS,
  PRIORITIES,
  SOURCE_KINDS,
  TASK_STATUSES,
  type Frequency,
  type LateExtensionRule,
  type PlanItemKind,
  type Priority,
  type SourceKind,
  type TaskStatus,
  type Timeliness,
} from "../../../db/schema";

export const OPEN_STATUSES: readonly TaskStatus[] = ["assigned", "in_progress", "submitted", "returned"];

// ---- "6 rõ" ----

export const SIX_CLEAR = ["nguoi", "viec", "thoiGian", "trachNhiem", "sanPham", "thamQuyen"] as const;
export type SixClear = (typeof SIX_CLEAR)[number];

export interface SixClearInput {
  title: string;
  description: string;
  assigneeId: string | null;
  assignerId: string | null;
  approverId: string | null;
  startDate: string | null;
  deadlineDate: string | null;
  deliverable: string;
  sourceKind: string | null;
  sourceRef: string;
}

/** Which of the six are missing; a task cannot be assigned until this is empty. */
export function missingSixClear(t: SixClearInput): SixClear[] {
  const blank = (s: string | null | undefined) => !s || s.trim() === "";
  const missing: SixClear[] = [];
  if (!t.assigneeId) missing.push("nguoi");
  if (blank(t.title) || blank(t.description)) missing.push("viec");
  if (!t.startDate || !t.deadlineDate || t.deadlineDate < t.startDate) missing.push("thoiGian");
  if (!t.assignerId || !t.assigneeId || t.assigneeId === t.approverId) missing.push("trachNhiem");
  if (blank(t.deliverable)) missing.push("sanPham");
  // Authority: who approves, and on what basis; a basis other than "đột xuất" needs its reference.
  if (!t.approverId || !t.sourceKind || (t.sourceKind !== "adhoc" && blank(t.sourceRef))) missing.push("thamQuyen");
  return missing;
}

// ---- deadlines and timeliness ----

// ---- whole minutes ----
// One rule for every clock comparison (deadlines and attendance; docs/decisions/0015-whole-minutes.md):
// an instant counts by the minute it falls in, seconds ignored. A result at 17:00:59 meets a 17:00
// deadline; a check-in at 07:35:59 with start 07:30 and 5 minutes' grace is on time, at 07:36:00
// it is 6 minutes late.

/** The minute an instant falls in (minutes since the epoch; Vietnam has whole-hour offset). */
export function minuteOf(instant: Date | string): number {
  return Math.floor(new Date(instant).getTime() / 60_000);
}

/** Whole minutes from `from` to `to` compared by their minutes (negative when `to` is earlier). */
export function minutesBetween(from: Date | string, to: Date | string): number {
  return minuteOf(to) - minuteOf(from);
}

/**
 * The instant a deadline ends, in Asia/Ho_Chi_Minh: the end of the given minute, or 23:59:59.999
 * of the day when no time is set (whole minutes: anything within the deadline's minute is in time).
 */
export function deadlineInstant(date: string, time: string | null | undefined): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = (time ?? "23:59").split(":").map(Number) as [number, number];
  // Vietnam has kept UTC+7 without daylight saving since 1975: plain arithmetic, no time-zone
  // database lookup on this hot path (attendance evaluates it for every member and day).
  return new Date(Date.UTC(y, m - 1, d, hh - VN_OFFSET_HOURS, mm, 59, 999));
}

const VN_OFFSET_HOURS = 7;

/** The calendar date of an instant in Vietnam (YYYY-MM-DD). */
export function vnDateOf(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_HOURS * 3600_000).toISOString().slice(0, 10);
}

/**
 * Early: completed on or before the working day before the deadline's date; on time: by the
 * deadline; late: after it.
 */
export function classifyCompletion(
  completedAt: Date,
  deadline: { date: string; time: string | null },
  cal: CalendarFn,
): Timeliness {
  if (completedAt.getTime() > deadlineInstant(deadline.date, deadline.time).getTime()) return "late";
  const lastEarlyDay = addWorkingDays(deadline.date, -1, cal);
  return vnDateOf(completedAt) <= lastEarlyDay ? "early" : "on_time";
}

// ---- overdue, submitted on time, late extensions: the one place that decides ----
// Lists, the task page, person views, dashboards, report figures, reminders and the evaluation all
// use these (and `overdueCondition` in queries.server.ts, the same rule in SQL).

/** Statuses in which the assignee still owes the result. */
export const OWED_STATUSES = ["assigned", "in_progress", "returned"] as const satisfies readonly TaskStatus[];

/** What the deadline rules need of a task (camel-cased columns; the optional ones may be absent). */
export interface DeadlineFacts {
  status: string;
  deadlineAt: string | null;
  /** The deadline already missed when a late extension was asked (tasks.missed_deadline_at). */
  missedDeadlineAt?: string | null;
  /** The latest submission (tasks.submitted_at). */
  submittedAt?: string | null;
}

/**
 * The deadline a task is judged by: the one it had already missed when a late extension was asked
 * (a late extension moves the working deadline, never the lateness), else its current deadline.
 */
export function judgedDeadlineAt(t: Pick<DeadlineFacts, "deadlineAt" | "missedDeadlineAt">): string | null {
  return t.missedDeadlineAt ?? t.deadlineAt;
}

/**
 * overdue: the assignee still owes the result and the judged deadline has passed;
 * submittedOnTime / submittedLate: the result is submitted and waits for the approver — it is not
 * overdue (nobody is reminded), and the submission's time against the judged deadline says which;
 * null: anything else (draft, done, cancelled, or owed with the deadline still ahead).
 */
export type DeadlineState = "overdue" | "submittedOnTime" | "submittedLate" | null;

export function deadlineState(t: DeadlineFacts, now: Date | string): DeadlineState {
  const judged = judgedDeadlineAt(t);
  if (judged === null) return null;
  const nowIso = typeof now === "string" ? now : now.toISOString();
  if ((OWED_STATUSES as readonly string[]).includes(t.status)) return nowIso > judged ? "overdue" : null;
  if (t.status === "submitted") return (t.submittedAt ?? nowIso) > judged ? "submittedLate" : "submittedOnTime";
  return null;
}

export function isOverdue(t: DeadlineFacts, now: Date | string): boolean {
  return deadlineState(t, now) === "overdue";
}

/** Whether an extension asked at `requestedAt` comes after the deadline it would move (a late extension). */
export function isLateExtension(requestedAt: Date | string, from: { date: string; time: string | null }): boolean {
  return new Date(requestedAt).getTime() > deadlineInstant(from.date, from.time).getTime();
}

/**
 * The task's missed deadline after an extension is granted: unchanged if one is already recorded;
 * the deadline the request would move when the request came after it (a late extension); else null.
 */
export function missedDeadlineAfterGrant(
  current: string | null,
  ext: { createdAt: string; fromDate: string; fromTime: string | null },
): string | null {
  if (current) return current;
  return isLateExtension(ext.createdAt, { date: ext.fromDate, time: ext.fromTime })
    ? deadlineInstant(ext.fromDate, ext.fromTime).toISOString()
    : null;
}

/**
 * Timeliness on acceptance, against the current and the original deadline. A task with a missed
 * deadline (late extension) completed after it is late whatever its new deadline.
 */
export function completionTimeliness(
  completedAt: Date,
  t: {
    deadline: { date: string; time: string | null };
    original: { date: string; time: string | null };
    missedDeadlineAt: string | null;
  },
  cal: CalendarFn,
): { timeliness: Timeliness; timelinessOriginal: Timeliness } {
  const missed = t.missedDeadlineAt !== null && completedAt.toISOString() > t.missedDeadlineAt;
  return {
    timeliness: missed ? "late" : classifyCompletion(completedAt, t.deadline, cal),
    timelinessOriginal: classifyCompletion(completedAt, t.original, cal),
  };
}

// ---- the status machine ----

export type TaskAction =
  | "assign"
  | "edit"
  | "progress"
  | "submit"
  | "approve"
  | "return"
  | "cancel"
  | "requestExtension"
  | "decideExtension"
  | "comment";

/** Who a member is on a task; `manager` = director or deputy of the centre. */
export interface TaskRelation {
  assignee: boolean;
  assigner: boolean;
  approver: boolean;
  coworker: boolean;
  follower: boolean;
  manager: boolean;
}

const FROM: Record<Exclude<TaskAction, "comment">, readonly TaskStatus[]> = {
  assign: ["draft"],
  edit: ["draft", "assigned", "in_progress", "returned"],
  progress: ["assigned", "in_progress", "returned"],
  submit: ["assigned", "in_progress", "returned"],
  approve: ["submitted"],
  return: ["submitted"],
  cancel: ["draft", "assigned", "in_progress", "submitted", "returned"],
  requestExtension: ["assigned", "in_progress", "returned"],
  decideExtension: ["assigned", "in_progress", "submitted", "returned"],
};

/** Whether the member may take the action now: the status allows it and they hold the right role. */
export function allowed(action: TaskAction, status: TaskStatus, r: TaskRelation): boolean {
  const canSee = r.assignee || r.assigner || r.approver || r.coworker || r.follower || r.manager;
  if (action === "comment") return canSee && status !== "draft";
  if (!FROM[action].includes(status)) return false;
  switch (action) {
    case "assign":
    case "edit":
    case "cancel":
      return r.assigner || r.manager;
    case "progress":
      return r.assignee || r.coworker;
    case "submit":
    case "requestExtension":
      return r.assignee;
    case "approve":
    case "return":
    case "decideExtension":
      return r.approver;
  }
}

// ---- recurrence ----

function iso(y: number, m: number, d: number): string {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.toISOString().slice(0, 10);
}

/** The period (start date, key) that contains a date, e.g. monthly → 2026-03-01, "2026-03". */
export function periodOf(date: string, f: Frequency): { start: string; end: string; key: string } {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  switch (f) {
    case "weekly": {
      const dt = new Date(Date.UTC(y, m - 1, d));
      const dow = (dt.getUTCDay() + 6) % 7; // Monday = 0
      const start = new Date(dt.getTime() - dow * 86400000);
      const end = new Date(start.getTime() + 6 * 86400000);
      // ISO week number: the week containing the Thursday.
      const thursday = new Date(start.getTime() + 3 * 86400000);
      const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
      const week = Math.floor((thursday.getTime() - jan1) / (7 * 86400000)) + 1;
      return {
        start: start.toISOString().slice(0, 10),
        end: end.toISOString().slice(0, 10),
        key: `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`,
      };
    }
    case "monthly":
      return { start: iso(y, m, 1), end: iso(y, m + 1, 0), key: `${y}-${String(m).padStart(2, "0")}` };
    case "quarterly": {
      const q = Math.floor((m - 1) / 3);
      return { start: iso(y, q * 3 + 1, 1), end: iso(y, q * 3 + 4, 0), key: `${y}-Q${q + 1}` };
    }
    case "yearly":
      return { start: iso(y, 1, 1), end: iso(y, 12, 31), key: String(y) };
  }
}

/** The period after the one containing `date`. */
export function nextPeriod(date: string, f: Frequency) {
  const { end } = periodOf(date, f);
  const [y, m, d] = end.split("-").map(Number) as [number, number, number];
  return periodOf(iso(y, m, d + 1), f);
}

/** Days from a to b (calendar dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
}

/** The deadline of an occurrence: the period start plus the series' offset, kept inside the period. */
export function occurrenceDeadline(periodStart: string, periodEnd: string, offsetDays: number): string {
  const d = addDays(periodStart, offsetDays);
  return d > periodEnd ? periodEnd : d;
}

const ROMAN = ["I", "II", "III", "IV"];

/**
 * The title of the next occurrence: the period named in the template's title ("tháng 03/2026",
 * "quý I/2026", "năm 2026", "tuần 10") is replaced by the new one; other titles stay as they are.
 */
export function retitle(title: string, fromKey: string, toKey: string, f: Frequency): string {
  switch (f) {
    case "monthly": {
      const [fy, fm] = fromKey.split("-") as [string, string];
      const [ty, tm] = toKey.split("-") as [string, string];
      return title.replace(new RegExp(`\\b0?${Number(fm)}/${fy}\\b`), `${tm}/${ty}`);
    }
    case "quarterly": {
      const [fy, fq] = fromKey.split("-Q") as [string, string];
      const [ty, tq] = toKey.split("-Q") as [string, string];
      return title
        .replace(new RegExp(`\\b${ROMAN[Number(fq) - 1]}/${fy}\\b`), `${ROMAN[Number(tq) - 1]}/${ty}`)
        .replace(new RegExp(`\\b${fq}/${fy}\\b`), `${tq}/${ty}`);
    }
    case "yearly":
      return title.replace(new RegExp(`\\b${fromKey}\\b`), toKey);
    case "weekly": {
      const fw = Number(fromKey.split("-W")[1]);
      const tw = Number(toKey.split("-W")[1]);
      return title.replace(new RegExp(`(tuần|Tuần) 0?${fw}\\b`), `$1 ${tw}`);
    }
  }
}

/**
 * The basis of a task as read: its kind and reference ("Chỉ đạo — Công văn 215/UBND-VP"), or the
 * reference alone when it already names its kind ("Kết luận giao ban ngày 02/03/2026", never
 * "Kết luận giao ban — Kết luận giao ban ngày 02/03/2026").
 */
export function basisText(kindLabel: string, ref: string | null | undefined, separator = " — "): string {
  const r = (ref ?? "").trim();
  if (!r) return kindLabel;
  const fold = (s: string) => s.normalize("NFC").toLocaleLowerCase("vi");
  return fold(r).startsWith(fold(kindLabel)) ? r : `${kindLabel}${separator}${r}`;
}
