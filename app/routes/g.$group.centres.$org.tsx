import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CentreTrend, PeopleMonthTable } from "~/components/people/CentreFigures";
import { OversightFrame } from "~/components/oversight/OversightFrame";
import { fmt, num, pct, useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { overseenCentre, requireOverseer } from "~/modules/auth/guard.server";
import { centreFigures, centreReports } from "~/modules/oversight/oversight.server";
import { formatDate } from "~/utils/time";

export const meta = titled((t) => t.oversight.title);

/** One centre of the group, read only: its dashboard figures (no names of tasks) and its issued reports. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const overseer = await requireOverseer(request, context, params.group);
  const centre = overseenCentre(overseer, params.org);
  const now = context.now();
  const [figures, reports] = await Promise.all([centreFigures(context.db, centre, now), centreReports(context.db, centre)]);
  const { month, current, previous, trend, people, actions } = figures;
  return { group: overseer.group, userName: overseer.user.full_name, centre, month, current, previous, trend, people, actions, reports };
}

export default function OverseenCentre() {
  const t = useT();
  const to = t.oversight;
  const tp = t.people;
  const { group, userName, centre, month, current, previous, trend, people, actions, reports } = useLoaderData<typeof loader>();
  const monthLabel = `${month.slice(5)}/${month.slice(0, 4)}`;
  const tiles = [
    [tp.dash.onTimeRate, current.onTimeRate, previous.onTimeRate],
    [tp.dash.punctuality, current.punctuality, previous.punctuality],
    [tp.dash.dutyCompliance, current.dutyCompliance, previous.dutyCompliance],
    [tp.dash.inspectionPass, current.inspectionPass, previous.inspectionPass],
  ] as const;
  return (
    <OversightFrame groupName={group.name} userName={userName}>
      <p>
        <Link to={`/g/${group.slug}`}>{to.back}</Link>
      </p>
      <div>
        <h1 className="page-title">{centre.name}</h1>
        <p className="mt-1 text-slate-600">{centre.parentBody}</p>
        <p className="mt-1 text-sm text-slate-600">{to.readOnly}</p>
      </div>

      <section aria-labelledby="centre-month">
        <h2 id="centre-month" className="mb-2 font-semibold">
          {fmt(to.centreFigures, { month: monthLabel })}
        </h2>
        <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
          {tiles.map(([label, value, before]) => (
            <div key={label} className="card">
              <p className="text-sm text-slate-600">{label}</p>
              <p className="text-3xl font-bold text-brand-800 tabular-nums">{pct(t, value)}</p>
              <p className="text-xs text-slate-500">{fmt(to.previousMonth, { value: pct(t, before) })}</p>
            </div>
          ))}
          <div className="card">
            <p className="text-sm text-slate-600">{tp.dash.openFindings}</p>
            <p className="text-3xl font-bold text-brand-800 tabular-nums">{num(t, actions.open)}</p>
            <p className="text-xs text-red-700">{actions.overdue ? fmt(tp.dash.overdueFindings, { n: actions.overdue }) : ""}</p>
          </div>
        </div>
      </section>

      <section className="card">
        <h2 className="mb-2 font-semibold">{tp.trends.title}</h2>
        <CentreTrend trend={trend} />
      </section>

      <section className="card">
        <h2 className="mb-2 font-semibold">{fmt(to.people, { month: monthLabel })}</h2>
        <PeopleMonthTable people={people} />
      </section>

      <section className="card" aria-labelledby="centre-reports">
        <h2 id="centre-reports" className="mb-2 font-semibold">
          {to.reports}
        </h2>
        {reports.length === 0 ? (
          <p className="text-sm text-slate-600">{to.noReports}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {reports.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{r.title}</span>
                  <span className="block text-slate-600">
                    {r.number} · {formatDate(r.reportDate)}
                  </span>
                </span>
                <a href={`/g/${group.slug}/centres/${centre.slug}/reports/${r.id}.docx`} download>
                  {to.reportDocx}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </OversightFrame>
  );
}
