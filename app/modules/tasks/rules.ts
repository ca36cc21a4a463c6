// Pure task rules: the "6 rõ" check, deadlines, timeliness, the status machine and recurrence
// periods. No I/O; table-driven tests in tests/unit/task-rules.test.ts.
import { addDays, deadlineInstant, vnDateOf } from "../../utils/dates";
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
