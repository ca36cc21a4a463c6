import { pct, useT } from "~/i18n";
import type { DeadlineState, TaskStatus, Timeliness } from "~/modules/tasks/rules";

const STATUS_STYLE: Record<TaskStatus, string> = {
  draft: "bg-slate-100 text-slate-700",
  assigned: "bg-sky-100 text-sky-800",
  in_progress: "bg-indigo-100 text-indigo-800",
  submitted: "bg-amber-100 text-amber-900",
  returned: "bg-orange-100 text-orange-900",
  done: "bg-green-100 text-green-800",
  cancelled: "bg-slate-200 text-slate-600 line-through",
};

const TIMELINESS_STYLE: Record<Timeliness, string> = {
  early: "bg-emerald-100 text-emerald-800",
  on_time: "bg-green-100 text-green-800",
  late: "bg-red-100 text-red-800",
};

/**
 * Status, timeliness and warning badges of a task, the same everywhere. `state` is the task's
 * deadline state (rules.ts `deadlineState`): overdue, or a submitted result's timing ("Chờ duyệt —
 * nộp đúng hạn"); `overdue` is the older boolean form.
 */
export function TaskBadges({
  status,
  timeliness,
  overdue,
  state,
  extended,
  lateExtension,
  recurring,
}: {
  status: TaskStatus;
  timeliness?: Timeliness | null;
  overdue?: boolean;
  state?: DeadlineState;
  extended?: boolean;
  lateExtension?: boolean;
  recurring?: boolean;
}) {
  const t = useT().tasks;
  const isOverdue = state === "overdue" || (state === undefined && overdue);
  const statusText = state === "submittedOnTime" || state === "submittedLate" ? t.deadlineState[state] : t.status[status];
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span data-testid="task-status" className={`badge ${state === "submittedLate" ? "bg-orange-100 text-orange-900" : STATUS_STYLE[status]}`}>
        {statusText}
      </span>
      {timeliness ? (
        <span data-testid="task-timeliness" className={`badge ${TIMELINESS_STYLE[timeliness]}`}>{t.timeliness[timeliness]}</span>
      ) : null}
      {isOverdue ? <span className="badge bg-red-600 text-white">{t.overdue}</span> : null}
      {lateExtension ? (
        <span className="badge bg-red-100 text-red-800">{t.lateExtension}</span>
      ) : extended ? (
        <span className="badge bg-purple-100 text-purple-800">{t.extended}</span>
      ) : null}
      {recurring ? <span className="badge bg-teal-100 text-teal-800">{t.recurring}</span> : null}
    </span>
  );
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  const text = pct(useT(), value);
  return (
    <span className="flex items-center gap-2" title={`${label}: ${text}`}>
      <span className="h-2 w-20 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
        <span className="block h-full rounded-full bg-brand-600" style={{ width: `${value}%` }} />
      </span>
      <span className="text-xs tabular-nums text-slate-700">
        <span className="sr-only">{label}: </span>
        {text}
      </span>
    </span>
  );
}
