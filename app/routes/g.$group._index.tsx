import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarsChart } from "~/components/charts/BarsChart";
import { CentreTrend } from "~/components/people/CentreFigures";
import { OversightFrame } from "~/components/oversight/OversightFrame";
import { PeriodPicker } from "~/components/PeriodPicker";
import { fmt, num, pct, useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { activeCentres, requireOverseer } from "~/modules/auth/guard.server";
import { groupComparison, groupTrend } from "~/modules/oversight/oversight.server";
import { groupPeriod, shortCentreName } from "~/modules/oversight/period";
import { periodWords } from "~/modules/reports/period";
import { vnDateOf } from "~/utils/dates";

export const meta = titled((t) => t.oversight.title);

/** The group's centres compared for a period, ranked, with twelve months of trend. Read only. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const overseer = await requireOverseer(request, context, params.group);
  const now = context.now();
  const today = vnDateOf(now);
  const period = groupPeriod(new URL(request.url).searchParams.get("period"), today);
  const [rows, trend] = await Promise.all([groupComparison(context.db, activeCentres(overseer), period, now), groupTrend(context.db, activeCentres(overseer), now)]);
  return { group: overseer.group, userName: overseer.user.full_name, today, period, periodName: periodWords(period).short, rows, trend };
}

export default function GroupPage() {
  const t = useT();
  const to = t.oversight;
  const { group, userName, today, period, periodName, rows, trend } = useLoaderData<typeof loader>();
  const scored = rows.filter((r) => r.score !== null);
  return (
    <OversightFrame groupName={group.name} userName={userName}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="page-title">{to.title}</h1>
          <p className="mt-1 text-slate-600">{fmt(to.centresCount, { n: rows.length })}</p>
          <p className="mt-1 text-sm text-slate-600">{to.readOnly}</p>
        </div>
        <PeriodPicker current={period.key} today={today} />
      </div>

      {rows.length === 0 ? (
        <p className="card">{to.noCentres}</p>
      ) : (
        <>
          <section className="card" aria-labelledby="cmp-title">
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="cmp-title" className="font-semibold">
                {fmt(to.comparison, { period: periodName })}
              </h2>
              <a href={`/g/${group.slug}/report.docx?period=${period.key}`} className="btn-secondary" download>
                {to.download}
              </a>
            </div>
            <div className="overflow-x-auto">
              <table className="data-table" data-testid="group-comparison">
                <caption className="sr-only">{to.comparisonCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="text-right">
                      {to.cols.rank}
                    </th>
                    <th scope="col" className="sticky left-0 z-10">
                      {to.cols.centre}
                    </th>
                    {[to.cols.score, to.cols.staff, to.cols.tasks, to.cols.onTime, to.cols.overdue, to.cols.punctuality, to.cols.late, to.cols.duty, to.cols.inspections, to.cols.pass, to.cols.openActions, to.cols.bands].map((h) => (
                      <th key={h} scope="col" className="text-right">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={r.centre.id} data-centre={r.centre.slug}>
                      <td className="text-right tabular-nums">{r.score === null ? "—" : i + 1}</td>
                      <td className="sticky left-0 z-10 bg-white">
                        <Link to={`/g/${group.slug}/centres/${r.centre.slug}`} className="whitespace-nowrap">
                          {shortCentreName(r.centre.name)}
                        </Link>
                      </td>
                      <td className="text-right font-semibold tabular-nums">{r.score === null ? "—" : num(t, r.score, { maxDecimals: 1 })}</td>
                      <td className="text-right tabular-nums">{num(t, r.staff)}</td>
                      <td className="text-right tabular-nums">
                        {num(t, r.tasksCompleted)}/{num(t, r.tasksAssigned)}
                      </td>
                      <td className="text-right tabular-nums">{pct(t, r.onTimeRate)}</td>
                      <td className={`text-right tabular-nums ${r.overdue ? "text-red-700" : ""}`}>{num(t, r.overdue)}</td>
                      <td className="text-right tabular-nums">{pct(t, r.punctuality)}</td>
                      <td className="text-right tabular-nums">{num(t, r.lateArrivals)}</td>
                      <td className="text-right tabular-nums">{pct(t, r.dutyRate)}</td>
                      <td className="text-right tabular-nums">{num(t, r.inspections)}</td>
                      <td className="text-right tabular-nums">{pct(t, r.passRate)}</td>
                      <td className="text-right tabular-nums">{num(t, r.openActions)}</td>
                      <td className="whitespace-nowrap text-right tabular-nums">
                        {r.bands ? `${r.bands.excellent}/${r.bands.good}/${r.bands.completed}/${r.bands.failed}` : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="mt-2 text-xs text-slate-600">{to.scoreHint}</p>
          </section>

          <section className="grid gap-4 lg:grid-cols-2">
            <div className="card">
              <h2 className="mb-2 font-semibold">{to.chartScore}</h2>
              <BarsChart
                data={scored.map((r) => ({ label: shortCentreName(r.centre.name), value: r.score ?? 0, title: r.centre.name }))}
                caption={to.chartScore}
                labelHeader={to.cols.centre}
                valueHeader={to.cols.score}
                color="#174c94"
              />
            </div>
            <div className="card">
              <h2 className="mb-2 font-semibold">{to.trend}</h2>
              <CentreTrend trend={trend} caption={to.trendCaption} />
            </div>
          </section>
        </>
      )}
    </OversightFrame>
  );
}
