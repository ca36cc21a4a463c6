import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { fmt, num, pct, useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { FilterSelect } from "~/components/FilterSelect";
import { FilterPanel, Pager, useWithParams } from "~/components/ListControls";
import { ActionBadges, ScoreChip, Section, StatusBadge } from "~/components/inspections/InspectionParts";
import { actionsFor, inspectionFormOptions, inspectionViewerOf, listInspections, parseInspectionFilters } from "~/modules/inspections/inspections.server";
import { formatScore } from "~/modules/inspections/rules";
import { centreInspectionSummary, memberInspectionSummary } from "~/modules/inspections/summary.server";
import { vnDateOf } from "~/utils/dates";
import { formatDate, formatDateTime } from "~/utils/time";
import { DateInput } from "~/components/DateInput";

export const meta = titled((t) => t.inspections.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "inspections.view");
  const viewer = inspectionViewerOf(ctxOf(member, context), member.roles);
  const now = context.now();
  const today = vnDateOf(now);
  const filters = parseInspectionFilters(new URL(request.url).searchParams, today);
  const orgId = member.org.id;
  const historyOf = viewer.viewAll ? filters.memberId : member.membershipId;
  const [list, actions, summary, history, options] = await Promise.all([
    listInspections(context.db, viewer, filters),
    actionsFor(context.db, viewer, today, !viewer.viewAll),
    viewer.viewAll ? centreInspectionSummary(context.db, orgId, filters.from, filters.to, now) : Promise.resolve(null),
    historyOf ? memberInspectionSummary(context.db, orgId, historyOf, filters.from, filters.to, now) : Promise.resolve(null),
    viewer.viewAll ? inspectionFormOptions(context.db, orgId) : Promise.resolve(null),
  ]);
  const members = options?.members ?? [];
  return {
    ...list,
    filters: { ...filters, memberId: viewer.viewAll ? filters.memberId : undefined },
    actions,
    summary,
    history: history ? { ...history, name: members.find((m) => m.id === historyOf)?.name ?? null } : null,
    members,
    slug: member.org.slug,
    viewAll: viewer.viewAll,
    conduct: viewer.conduct,
    templates: can(member.roles, "inspections.templates"),
  };
}

export default function Inspections() {
  const t = useT();
  const ti = t.inspections;
  const { inspections, total, hasNext, filters, actions, summary, history, members, slug, viewAll, conduct, templates } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const withParams = useWithParams();
  const base = `/o/${slug}/inspections`;
  const filtered = Boolean(params.get("from") || params.get("to") || filters.memberId || filters.result !== "all" || filters.status !== "all");

  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{ti.title}</h1>
        <div className="flex flex-wrap gap-2">
          {conduct ? (
            <>
              <Link to={`${base}/new?quick=1`} className="btn-primary">
                {ti.quick}
              </Link>
              <Link to={`${base}/new`} className="btn-secondary">
                {ti.new}
              </Link>
            </>
          ) : null}
          {templates ? (
            <Link to={`${base}/templates`} className="btn-secondary">
              {ti.templates}
            </Link>
          ) : null}
          {viewAll ? (
            <a
              href={`${base}/findings.xlsx?${new URLSearchParams({ from: filters.from, to: filters.to, ...(filters.memberId ? { member: filters.memberId } : {}) })}`}
              className="btn-secondary"
              download
            >
              {ti.export.link}
            </a>
          ) : null}
        </div>
      </div>

      <Section title={viewAll ? ti.actions.pending : ti.actions.mine}>
        {actions.length === 0 ? (
          <p className="text-sm text-slate-600">{viewAll ? ti.actions.nonePending : ti.actions.noneMine}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {actions.map((a) => (
              <li key={a.id} className={`flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:justify-between sm:gap-4 ${a.overdue ? "-mx-2 rounded-md bg-red-50 px-2" : ""}`}>
                <div className="min-w-0">
                  <p className="font-medium">
                    <span className="text-slate-500">{a.code}</span> {a.itemText}
                  </p>
                  <p className="text-sm text-slate-700">{a.requirement}</p>
                  <p className="text-sm text-slate-600">
                    {viewAll ? `${a.memberName} · ` : ""}
                    <span className={a.overdue ? "font-semibold text-red-700" : undefined}>{fmt(ti.dueOn, { date: formatDate(a.dueDate) })}</span>
                    {" · "}
                    <Link to={`${base}/${a.inspectionId}#action-${a.id}`}>{ti.actions.open}</Link>
                  </p>
                </div>
                <ActionBadges status={a.status} overdue={a.overdue} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <FilterPanel
        title={ti.filters.title}
        open={filtered}
        grid="sm:grid-cols-2 lg:grid-cols-5"
        span="sm:col-span-2 lg:col-span-5"
        apply={ti.filters.apply}
        clear={ti.filters.clear}
        clearTo="?"
      >
          <div>
            <label htmlFor="from" className="label">
              {ti.filters.from}
            </label>
            <DateInput id="from" name="from" defaultValue={filters.from} className="input mt-1" />
          </div>
          <div>
            <label htmlFor="to" className="label">
              {ti.filters.to}
            </label>
            <DateInput id="to" name="to" defaultValue={filters.to} className="input mt-1" />
          </div>
          {viewAll ? (
            <FilterSelect
              name="member"
              label={ti.filters.member}
              value={filters.memberId ?? ""}
              any={{ label: ti.filters.any }}
              options={members.map((m) => ({ value: m.id, label: m.name }))}
            />
          ) : null}
          <FilterSelect
            name="result"
            label={ti.filters.result}
            value={filters.result}
            options={[
              { value: "all", label: ti.filters.resultAll },
              { value: "pass", label: ti.filters.resultPass },
              { value: "fail", label: ti.filters.resultFail },
            ]}
          />
          {viewAll ? (
            <FilterSelect
              name="status"
              label={ti.filters.status}
              value={filters.status}
              options={[
                { value: "all", label: ti.filters.any },
                { value: "submitted", label: ti.status.submitted },
                { value: "draft", label: ti.status.draft },
              ]}
            />
          ) : null}
      </FilterPanel>

      {summary ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <Section title={fmt(ti.summary.title, { from: formatDate(summary.from), to: formatDate(summary.to) })}>
            <dl className="grid grid-cols-2 gap-3 text-sm">
              {(
                [
                  [ti.summary.inspections, num(t, summary.inspections)],
                  [ti.summary.members, num(t, summary.membersCovered)],
                  [ti.summary.passRate, pct(t, summary.passRate, { maxDecimals: 1 })],
                  [ti.summary.averageScore, formatScore(summary.averageScore, t.locale)],
                ] as const
              ).map(([label, value]) => (
                <div key={label} className="rounded-md bg-slate-50 p-3">
                  <dt className="text-slate-600">{label}</dt>
                  <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
                </div>
              ))}
            </dl>
            <p className="mt-3 text-sm">
              <span className="font-medium">{ti.summary.actions}: </span>
              {fmt(ti.summary.actionsLine, {
                raised: summary.actions.raised,
                resolved: summary.actions.resolved,
                open: summary.actions.open,
                overdue: summary.actions.overdue,
              })}
            </p>
          </Section>
          <Section title={ti.byMonth.title}>
            {summary.failuresByMonth.length === 0 ? (
              <p className="text-sm text-slate-600">{ti.byMonth.none}</p>
            ) : (
              <ul className="space-y-3 text-sm">
                {summary.failuresByMonth.map((m) => (
                  <li key={m.month}>
                    <p className="font-medium">
                      {fmt(ti.byMonth.month, { month: `${m.month.slice(5)}/${m.month.slice(0, 4)}` })}{" "}
                      <span className="font-normal text-slate-500">· {fmt(ti.byMonth.total, { n: m.total })}</span>
                    </p>
                    <ol className="mt-1 space-y-1">
                      {m.items.map((i) => (
                        <li key={i.code} className="flex items-baseline justify-between gap-3">
                          <span className="min-w-0">
                            <span className="font-medium text-slate-500">{i.code}</span> {i.text}
                          </span>
                          <span className="shrink-0 tabular-nums text-red-700">{fmt(ti.byMonth.times, { n: i.count })}</span>
                        </li>
                      ))}
                    </ol>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      ) : null}

      {history ? (
        <Section title={history.name && viewAll ? fmt(ti.history.title, { name: history.name }) : ti.history.mine}>
          <p className="text-sm text-slate-700">
            {fmt(ti.history.summary, { n: history.inspections, score: formatScore(history.averageScore, t.locale), fails: history.failures })}
          </p>
          <h3 className="mt-3 text-sm font-medium text-slate-600">{ti.history.findings}</h3>
          {history.findings.length === 0 ? (
            <p className="text-sm text-slate-600">{ti.history.none}</p>
          ) : (
            <ul className="mt-1 space-y-1 text-sm">
              {history.findings.map((f, i) => (
                <li key={`${f.inspectionId}-${f.code}-${i}`}>
                  <Link to={`${base}/${f.inspectionId}`} className="text-slate-500">
                    {formatDate(f.inspectedAt)}
                  </Link>{" "}
                  <span className="font-medium">{f.code}</span> {f.text}
                  {f.note ? <span className="block pl-4 text-slate-600">↳ {f.note}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </Section>
      ) : null}

      <h2 className="pt-2 text-lg font-semibold">{viewAll ? ti.list.all : ti.list.aboutMe}</h2>
      <p className="text-sm text-slate-600">{fmt(ti.list.count, { n: total })}</p>
      {inspections.length === 0 ? (
        <p className="card text-slate-700">{viewAll ? ti.list.empty : ti.list.emptyMine}</p>
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white">
          {inspections.map((i) => (
            <li key={i.id} className="px-4 py-3 hover:bg-slate-50">
              <div className="flex flex-col gap-2 md:flex-row md:items-center md:gap-4">
                <div className="min-w-0 flex-1">
                  <Link to={`${base}/${i.id}`} className="font-medium text-slate-900">
                    {formatDateTime(i.inspectedAt)} · {i.counter || i.place}
                  </Link>
                  <p className="mt-0.5 text-sm text-slate-600">
                    {ti.inspector}: {i.inspectorName}
                    {i.mode === "quick" ? ` · ${ti.mode.quick}` : ""}
                  </p>
                </div>
                <div className="flex flex-wrap items-center gap-1.5 md:max-w-md md:justify-end">
                  {i.status === "draft" ? <StatusBadge status={i.status} /> : null}
                  {i.members.map((m) => (
                    <ScoreChip key={m.id} name={viewAll ? m.name : ti.score} score={m.score} fail={m.fail} />
                  ))}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager page={filters.page} hasNext={hasNext} link={(p) => withParams({ page: String(p) })} current={filters.page} />
    </div>
  );
}
