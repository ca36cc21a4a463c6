import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { TrendChart } from "~/components/charts/TrendChart";
import { PeriodPicker } from "~/components/PeriodPicker";
import { ProgressBar, TaskBadges } from "~/components/TaskBadges";
import type { SlotKind } from "~/modules/rosters/assign";
import { basisText, type DeadlineState, type SourceKind, type TaskStatus } from "~/modules/tasks/rules";
import { LEAVE_KINDS, type LeaveKind } from "~/modules/leave/rules";
import { num, pct, useT } from "~/i18n";
import { formatDate, formatDeadline } from "~/utils/time";

/** The loader data as it reaches the browser. */
export type PersonViewJson = {
  view: {
    member: { id: string; fullName: string; title: string; positionName: string | null; counter: string | null };
    history: { id: string; positionName: string; counter: string; startDate: string; endDate: string | null }[];
    openTasks: {
      id: string;
      title: string;
      status: TaskStatus;
      progress: number;
      deadlineDate: string | null;
      deadlineTime: string | null;
      deliverable: string;
      sourceKind: SourceKind | null;
      sourceRef: string;
      approverName: string | null;
      overdue: boolean;
      state?: DeadlineState;
    }[];
    tasks: { completed: number; early: number; onTime: number; late: number; returned: number; extended: number; overdue: number; onTimeRate: number | null } | null;
    attendance: { worked: number; lateCount: number; lateMinutes: number; earlyCount: number; absent: number; leaveByKind: Partial<Record<LeaveKind, number>>; punctuality: number | null };
    duty: { done: number; missed: number; upcoming: { id: string; date: string; kind: SlotKind; rosterId: string }[] };
    inspections: {
      count: number;
      averageScore: number | null;
      failures: number;
      findings: { inspectionId: string; inspectedAt: string; code: string; text: string; note: string }[];
      openActions: number;
      overdueActions: number;
    };
    trend: { month: string; onTimeRate: number | null; completed: number; punctuality: number | null }[];
  };
  full: boolean;
  /** Which task list the figures link to: one's own ("mine"), everyone's ("all"), or none (may not open tasks). */
  tasksLink: "mine" | "all" | null;
  period: { key: string };
  today: string;
  slug: string;
};

/** One figure; a number is written the reader's way (6,5 in Vietnamese). */
function Stat({ label, value, to }: { label: string; value: ReactNode; to?: string }) {
  const t = useT();
  if (typeof value === "number") value = num(t, value);
  return (
    <div className="rounded-md border border-slate-100 p-2">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums">{to ? <Link to={to}>{value}</Link> : value}</dd>
    </div>
  );
}

/** The person view (hồ sơ trách nhiệm) of one member for a period. */
export function PersonView({ data }: { data: PersonViewJson }) {
  const t = useT();
  const tp = t.people;
  const { view, full, period, today, slug } = data;
  const { member } = view;
  const { tasksLink } = data;
  const tasksBase = tasksLink === "all" ? `/o/${slug}/tasks?tab=all&assignee=${member.id}` : `/o/${slug}/tasks?tab=mine`;
  const tasksTo = (query: string) => (tasksLink ? `${tasksBase}&${query}` : undefined);
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm text-slate-600">{tp.title}</p>
          <h1 className="page-title">{member.fullName}</h1>
          <p className="text-slate-600">
            {[...new Set([member.title, member.positionName, member.counter].filter(Boolean))].join(" · ")}
          </p>
        </div>
        <PeriodPicker current={period.key} today={today} />
      </div>

      {full && view.tasks ? (
        <section className="card">
          <h2 className="mb-2 font-semibold">{tp.tasks.title}</h2>
          <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-8">
            <Stat label={tp.tasks.completed} value={view.tasks.completed} to={tasksTo("status=done")} />
            <Stat label={tp.tasks.early} value={view.tasks.early} />
            <Stat label={tp.tasks.onTime} value={view.tasks.onTime} />
            <Stat label={tp.tasks.late} value={view.tasks.late} />
            <Stat label={tp.tasks.returned} value={view.tasks.returned} />
            <Stat label={tp.tasks.extended} value={view.tasks.extended} />
            <Stat label={tp.tasks.overdue} value={view.tasks.overdue} to={tasksTo("overdue=1")} />
            <Stat label={tp.tasks.onTimeRate} value={<span data-testid="on-time-rate">{pct(t, view.tasks.onTimeRate)}</span>} />
          </dl>
        </section>
      ) : null}

      {full ? (
        <section className="card">
          <h2 className="mb-2 font-semibold">{tp.openTasks}</h2>
          {view.openTasks.length === 0 ? (
            <p className="text-sm text-slate-600">{tp.noOpenTasks}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {view.openTasks.map((task) => (
                <li key={task.id} className="flex flex-col gap-1 py-2 md:flex-row md:items-center md:justify-between">
                  <div className="min-w-0">
                    {tasksLink ? (
                      <Link to={`/o/${slug}/tasks/${task.id}`} className="font-medium">
                        {task.title}
                      </Link>
                    ) : (
                      <span className="font-medium">{task.title}</span>
                    )}
                    <p className="text-xs text-slate-600">
                      {t.tasks.six.sanPham}: {task.deliverable || "—"} · {t.tasks.six.thamQuyen}: {task.approverName ?? "—"}
                      {task.sourceKind ? ` (${basisText(t.tasks.source[task.sourceKind], task.sourceRef, " ")})` : ""}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2 text-sm">
                    <span className={task.overdue ? "font-medium text-red-700" : "text-slate-600"}>{formatDeadline(task.deadlineDate, task.deadlineTime)}</span>
                    <TaskBadges status={task.status} overdue={task.overdue} state={task.state} />
                    <ProgressBar value={task.progress} label={t.tasks.progress} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <section className="card">
          <h2 className="mb-2 font-semibold">{tp.attendance.title}</h2>
          <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3">
            <Stat label={tp.attendance.worked} value={view.attendance.worked} />
            <Stat label={tp.attendance.punctuality} value={<span data-testid="punctuality">{pct(t, view.attendance.punctuality)}</span>} />
            <Stat label={tp.attendance.late} value={view.attendance.lateCount} />
            <Stat label={tp.attendance.lateMinutes} value={view.attendance.lateMinutes} />
            <Stat label={tp.attendance.early} value={view.attendance.earlyCount} />
            <Stat label={tp.attendance.absent} value={view.attendance.absent} />
          </dl>
          <h3 className="mt-3 text-sm font-medium text-slate-600">{tp.attendance.leave}</h3>
          <p className="text-sm">
            {LEAVE_KINDS.some((k) => view.attendance.leaveByKind[k])
              ? LEAVE_KINDS.flatMap((k) => {
                  const n = view.attendance.leaveByKind[k];
                  return n ? [`${t.attendance.leaveKinds[k]}: ${num(t, n)}`] : [];
                }).join(" · ")
              : tp.attendance.noLeave}
          </p>
        </section>
        <section className="card">
          <h2 className="mb-2 font-semibold">{tp.duty.title}</h2>
          <dl className="grid grid-cols-2 gap-2">
            <Stat label={tp.duty.done} value={view.duty.done} />
            <Stat label={tp.duty.missed} value={view.duty.missed} />
          </dl>
          <h3 className="mt-3 text-sm font-medium text-slate-600">{tp.duty.upcoming}</h3>
          {view.duty.upcoming.length ? (
            <ul className="text-sm">
              {view.duty.upcoming.map((s) => (
                <li key={s.id}>
                  <Link to={`/o/${slug}/rosters/${s.rosterId}`}>
                    {formatDate(s.date)} · {t.rosters.kind[s.kind]}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">{tp.duty.none}</p>
          )}
        </section>
      </div>

      <section className="card">
        <h2 className="mb-2 font-semibold">{tp.inspections.title}</h2>
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          <Stat label={tp.inspections.count} value={view.inspections.count} to={`/o/${slug}/inspections?member=${member.id}`} />
          <Stat label={tp.inspections.score} value={view.inspections.averageScore === null ? "—" : num(t, view.inspections.averageScore, { maxDecimals: 1 })} />
          <Stat label={tp.inspections.failed} value={view.inspections.failures} />
          <Stat label={tp.inspections.open} value={view.inspections.openActions} to={`/o/${slug}/inspections?member=${member.id}`} />
        </dl>
        {view.inspections.findings.length ? (
          <ul className="mt-2 space-y-1 text-sm">
            {view.inspections.findings.map((f) => (
              <li key={`${f.inspectionId}-${f.code}`}>
                <Link to={`/o/${slug}/inspections/${f.inspectionId}`}>
                  {formatDate(f.inspectedAt)} · {f.code} {f.text}
                </Link>
                {f.note ? <span className="text-slate-600"> — {f.note}</span> : null}
              </li>
            ))}
          </ul>
        ) : view.inspections.count === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{tp.inspections.none}</p>
        ) : null}
      </section>

      <section className="card">
        <h2 className="mb-2 font-semibold">{tp.trends.title}</h2>
        <TrendChart
          data={view.trend}
          caption={tp.trends.caption}
          monthLabel={tp.trends.month}
          series={[
            ...(full ? [{ key: "onTimeRate", label: tp.trends.onTime, color: "#174c94" }] : []),
            { key: "punctuality", label: tp.trends.punctuality, color: "#15803d" },
          ]}
        />
      </section>

      <section className="card">
        <h2 className="mb-2 font-semibold">{tp.history}</h2>
        <ul className="text-sm">
          {view.history.map((h) => (
            <li key={h.id}>
              {h.positionName}
              {h.counter ? ` — ${h.counter}` : ""} · {formatDate(h.startDate)} – {h.endDate ? formatDate(h.endDate) : t.common.now}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
