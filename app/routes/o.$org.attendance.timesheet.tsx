import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { fmt, num, useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { timesheet } from "~/modules/attendance/attendance.server";
import { requireMember } from "~/modules/auth/guard.server";
import { monthParam } from "~/utils/time";

export const meta = titled((t) => t.attendance.timesheet);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "attendance.timesheet");
  const month = monthParam(new URL(request.url).searchParams, context.now());
  return { sheet: await timesheet(context.db, member.org.id, month, context.now()), slug: member.org.slug };
}

const shift = (month: string, n: number) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
};

export default function Timesheet() {
  const t = useT();
  const ts = t.attendance.sheet;
  const { sheet, slug } = useLoaderData<typeof loader>();
  const [y, m] = sheet.month.split("-");
  const base = `/o/${slug}/attendance/timesheet`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{fmt(ts.title, { month: `${m}/${y}` })}</h1>
        <div className="flex flex-wrap gap-2">
          <Link to={`${base}?month=${shift(sheet.month, -1)}`} className="btn-secondary">
            {ts.previous}
          </Link>
          <Link to={`${base}?month=${shift(sheet.month, 1)}`} className="btn-secondary">
            {ts.next}
          </Link>
          <a href={`${base}.xlsx?month=${sheet.month}`} className="btn-primary" download>
            {ts.download}
          </a>
        </div>
      </div>
      {/* A wide grid that scrolls sideways: focusable, so a keyboard can scroll it too. */}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" tabIndex={0} role="region" aria-label={fmt(ts.title, { month: `${m}/${y}` })}>
        <table className="border-collapse text-xs">
          <thead>
            <tr className="bg-slate-50">
              <th scope="col" className="sticky left-0 z-10 min-w-40 border-b border-r border-slate-200 bg-slate-50 px-2 py-1 text-left">
                {ts.name}
              </th>
              {sheet.dates.map((d, i) => (
                <th key={d} scope="col" className={`w-7 border-b border-slate-200 px-1 py-1 ${sheet.kinds[i] === "weekend" || sheet.kinds[i] === "holiday" ? "bg-slate-200" : ""}`}>
                  {Number(d.slice(8))}
                </th>
              ))}
              <th scope="col" className="border-b border-l border-slate-200 px-2">{ts.worked}</th>
              <th scope="col" className="border-b border-slate-200 px-2">{ts.late}</th>
              <th scope="col" className="border-b border-slate-200 px-2">{ts.absent}</th>
              <th scope="col" className="border-b border-slate-200 px-2">{ts.leave}</th>
            </tr>
          </thead>
          <tbody>
            {sheet.rows.map((r) => (
              <tr key={r.membershipId} className="odd:bg-white even:bg-slate-50">
                <th scope="row" className="sticky left-0 z-10 border-r border-slate-200 bg-inherit px-2 py-1 text-left font-medium whitespace-nowrap">
                  {r.name}
                </th>
                {r.symbols.map((s, i) => (
                  <td
                    key={sheet.dates[i]}
                    className={`px-1 py-1 text-center ${sheet.kinds[i] === "weekend" || sheet.kinds[i] === "holiday" ? "bg-slate-100" : ""} ${s.startsWith("V") ? "font-bold text-red-700" : s.startsWith("M") ? "text-amber-700" : ""}`}
                  >
                    {s}
                  </td>
                ))}
                <td className="border-l border-slate-200 px-2 text-center tabular-nums">{num(t, r.totals.worked)}</td>
                <td className="px-2 text-center tabular-nums">{num(t, r.totals.lateCount)}</td>
                <td className="px-2 text-center tabular-nums">{num(t, r.totals.absent)}</td>
                <td className="px-2 text-center tabular-nums">{num(t, r.totals.leave.annual ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-slate-600">{ts.legend}</p>
    </div>
  );
}
