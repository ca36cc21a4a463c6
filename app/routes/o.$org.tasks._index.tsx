import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FilterSelect } from "~/components/FilterSelect";
import { FilterPanel, Pager, useWithParams } from "~/components/ListControls";
import { ProgressBar, TaskBadges } from "~/components/TaskBadges";
import { fmt, num, useT } from "~/i18n";
import { ctxOf, requireMember, requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { currentWeek, listTasks, parseTaskFilters, taskFormOptions, TASK_TABS } from "~/modules/tasks/queries.server";
import { SOURCE_KINDS, TASK_STATUSES } from "~/modules/tasks/rules";
import { viewerOf } from "~/modules/tasks/tasks.server";
import { formatDeadline } from "~/utils/time";
import { titled } from "~/i18n/meta";

export const meta = titled((t) => t.tasks.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "tasks.view");
  const viewer = viewerOf(ctxOf(member, context), member.roles);
  const now = context.now();
  const filters = parseTaskFilters(new URL(request.url).searchParams, viewer.manager, currentWeek, now);
  if (filters.tab === "all") requirePermission(member, "tasks.viewAll");
  const [list, options] = await Promise.all([
    listTasks(context.db, viewer, filters, now),
    viewer.manager ? taskFormOptions(context.db, member.org.id) : Promise.resolve(null),
  ]);
  return {
    ...list,
    filters,
    slug: member.org.slug,
    canCreate: can(member.roles, "tasks.create"),
    // Only those who assign and approve (directors and deputies: approvers must lead) see the
    // tabs of what they assigned and what waits for their approval; for staff they are always empty.
    tabs: TASK_TABS.filter((tab) => (tab !== "all" || viewer.manager) && ((tab !== "assigned" && tab !== "approval") || can(member.roles, "tasks.create"))),
    members: options?.members ?? [],
    plans: options?.plans ?? [],
  };
}

export default function TaskList() {
  const t = useT();
  const tt = t.tasks;
  const { tasks, total, more, hasNext, pages, filters, slug, canCreate, tabs, members, plans } = useLoaderData<typeof loader>();
  const withParams = useWithParams();
  const base = `/o/${slug}/tasks`;
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{tt.title}</h1>
        {canCreate ? (
          <Link to={`${base}/new`} className="btn-primary">
            {tt.new}
          </Link>
        ) : null}
      </div>
      <nav aria-label={tt.myTasks} className="-mx-1 flex gap-1 overflow-x-auto pb-1">
        {tabs.map((tab) => (
          <Link
            key={tab}
            to={`?tab=${tab}`}
            aria-current={filters.tab === tab ? "page" : undefined}
            className={`whitespace-nowrap rounded-full px-3 py-1.5 text-sm no-underline ${
              filters.tab === tab ? "bg-brand-700 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100"
            }`}
          >
            {tt.tabs[tab]}
          </Link>
        ))}
      </nav>
      <FilterPanel
        title={tt.filters.title}
        open={Boolean((filters.status && filters.status !== "active") || filters.assigneeId || filters.overdue || filters.thisWeek || filters.planId || filters.source || filters.q)}
        grid="sm:grid-cols-2 lg:grid-cols-4"
        span="sm:col-span-2 lg:col-span-4"
        apply={tt.filters.apply}
        clear={tt.filters.clear}
        clearTo={`?tab=${filters.tab}`}
      >
          <input type="hidden" name="tab" value={filters.tab} />
          <div className="sm:col-span-2">
            <label htmlFor="q" className="label">
              {tt.filters.search}
            </label>
            <input id="q" name="q" defaultValue={filters.q ?? ""} className="input mt-1" />
          </div>
          <FilterSelect
            name="status"
            label={tt.filters.status}
            value={filters.status ?? "all"}
            options={[
              { value: "active", label: tt.statusActive },
              { value: "all", label: tt.filters.any },
              ...TASK_STATUSES.map((s) => ({ value: s, label: tt.status[s] })),
            ]}
          />
          <FilterSelect
            name="source"
            label={tt.filters.source}
            value={filters.source ?? ""}
            any={{ label: tt.filters.any }}
            options={SOURCE_KINDS.map((s) => ({ value: s, label: tt.source[s] }))}
          />
          {members.length ? (
            <FilterSelect
              name="assignee"
              label={tt.filters.assignee}
              value={filters.assigneeId ?? ""}
              any={{ label: tt.filters.any }}
              options={members.map((m) => ({ value: m.id, label: m.name }))}
            />
          ) : null}
          {plans.length ? (
            <FilterSelect
              name="plan"
              label={tt.filters.plan}
              value={filters.planId ?? ""}
              any={{ label: tt.filters.any }}
              options={plans.map((p) => ({ value: p.id, label: p.title }))}
            />
          ) : null}
          <FilterSelect
            name="sort"
            label={tt.filters.sort}
            value={filters.sort}
            options={[
              { value: "deadline", label: tt.filters.sortAsc },
              { value: "-deadline", label: tt.filters.sortDesc },
            ]}
          />
          <div className="flex flex-col justify-end gap-2 text-sm">
            <label className="flex items-center gap-2">
              <input type="checkbox" name="overdue" value="1" defaultChecked={filters.overdue} className="h-4 w-4" />
              {tt.filters.overdue}
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="week" value="1" defaultChecked={Boolean(filters.thisWeek)} className="h-4 w-4" />
              {tt.filters.thisWeek}
            </label>
          </div>
      </FilterPanel>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">{more ? fmt(tt.countMore, { n: num(t, total) }) : fmt(tt.count, { n: num(t, total) })}</p>
        {total > 0 ? (
          <a href={`/o/${slug}/tasks.xlsx${withParams({ page: null })}`} className="text-sm" download>
            {tt.export}
          </a>
        ) : null}
      </div>
      {tasks.length === 0 ? (
        <p className="card text-slate-700">{tt.empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white">
          {tasks.map((task) => (
            <li key={task.id} className="px-4 py-3 hover:bg-slate-50">
              <div className="flex flex-col gap-1 md:flex-row md:items-center md:gap-4">
                <div className="min-w-0 flex-1">
                  <Link to={`${base}/${task.id}`} className="font-medium text-slate-900">
                    {task.title}
                  </Link>
                  <p className="mt-0.5 text-sm text-slate-600">
                    {task.assigneeName ?? "—"}
                    {" · "}
                    <span className={task.overdue ? "font-medium text-red-700" : undefined}>
                      {task.deadlineDate ? `${tt.deadline}: ${formatDeadline(task.deadlineDate, task.deadlineTime)}` : tt.noDeadline}
                    </span>
                  </p>
                </div>
                <div className="flex flex-wrap items-center gap-3 md:justify-end">
                  <TaskBadges
                    status={task.status}
                    timeliness={task.timeliness}
                    state={task.state}
                    extended={task.extended}
                    lateExtension={task.lateExtension}
                    recurring={Boolean(task.seriesId)}
                  />
                  {task.status !== "draft" && task.status !== "cancelled" ? <ProgressBar value={task.progress} label={tt.progress} /> : null}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager page={filters.page} hasNext={hasNext} link={(p) => withParams({ page: String(p) })} current={more ? filters.page : `${filters.page} / ${pages}`} />
    </div>
  );
}
