import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { reportPeriodText } from "~/i18n/sections/reports";
import { requireMember } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { numberLine } from "~/modules/reports/document";
import { listReports } from "~/modules/reports/reports.server";
import { formatDate } from "~/utils/time";

export const meta = titled((t) => t.reports.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "reports.view");
  return {
    reports: await listReports(context.db, member.org.id),
    manage: can(member.roles, "reports.manage"),
    slug: member.org.slug,
  };
}

export default function Reports() {
  const t = useT();
  const tr = t.reports;
  const { reports, manage, slug } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">{tr.title}</h1>
          <p className="mt-1 max-w-3xl text-slate-600">{tr.intro}</p>
        </div>
        {manage ? (
          <Link to={`/o/${slug}/reports/new`} className="btn-primary">
            {tr.new}
          </Link>
        ) : null}
      </div>
      {reports.length === 0 ? (
        <p className="card text-slate-600">{tr.none}</p>
      ) : (
        <>
          {/* Phone: one card per report. */}
          <ul className="space-y-2 md:hidden">
            {reports.map((r) => (
              <li key={r.id} className="card space-y-1">
                <p className="flex flex-wrap items-center justify-between gap-2">
                  <Link to={`/o/${slug}/reports/${r.id}`} className="font-medium">
                    {reportPeriodText(t, r.period_kind, r.period_key)}
                  </Link>
                  <span className={`badge ${r.status === "finalised" ? "bg-green-100 text-green-800" : "bg-amber-100 text-amber-900"}`}>{tr.status[r.status]}</span>
                </p>
                <p className="text-sm text-slate-700">{r.title}</p>
                <p className="text-xs text-slate-500">
                  {numberLine(r.number)} · {formatDate(r.report_date)}
                </p>
                <p className="flex gap-3 text-sm">
                  <Link to={`/o/${slug}/reports/${r.id}`}>{tr.open}</Link>
                  <a href={`/o/${slug}/reports/${r.id}/download.docx`} download>
                    {tr.download}
                  </a>
                  <Link to={`/o/${slug}/reports/${r.id}/print`}>{tr.print}</Link>
                </p>
              </li>
            ))}
          </ul>
          {/* Desktop: a table. */}
          <div className="card hidden overflow-x-auto p-0 md:block">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{tr.cols.period}</th>
                  <th scope="col">{tr.cols.title}</th>
                  <th scope="col">{tr.cols.number}</th>
                  <th scope="col">{tr.cols.date}</th>
                  <th scope="col">{tr.cols.status}</th>
                  <th scope="col">{tr.cols.author}</th>
                  <th scope="col">{tr.cols.files}</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr key={r.id}>
                    <td className="whitespace-nowrap">
                      <Link to={`/o/${slug}/reports/${r.id}`} className="font-medium">
                        {reportPeriodText(t, r.period_kind, r.period_key)}
                      </Link>
                    </td>
                    <td>{r.title}</td>
                    <td className="whitespace-nowrap">{r.number}</td>
                    <td className="whitespace-nowrap">{formatDate(r.report_date)}</td>
                    <td>
                      <span className={`badge ${r.status === "finalised" ? "bg-green-100 text-green-800" : "bg-amber-100 text-amber-900"}`}>{tr.status[r.status]}</span>
                    </td>
                    <td>{r.authorName ?? "—"}</td>
                    <td className="whitespace-nowrap">
                      <a href={`/o/${slug}/reports/${r.id}/download.docx`} download>
                        {tr.download}
                      </a>
                      {" · "}
                      <Link to={`/o/${slug}/reports/${r.id}/print`}>{tr.print}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
