import { Link } from "@remix-run/react";
import { TrendChart } from "~/components/charts/TrendChart";
import { num, pct, useT } from "~/i18n";

/** One member's row of the centre's month: what the director's dashboard and an overseer both read. */
export interface PersonMonthRow {
  membershipId: string;
  name: string;
  completed: number;
  onTimeRate: number | null;
  overdue: number;
  punctuality: number | null;
  late: number;
  absent: number;
  dutyDone: number;
  dutyTotal: number;
  findings: number;
}

export const PEOPLE_COLUMNS = ["name", "completed", "onTimeRate", "overdue", "punctuality", "late", "absent", "dutyDone", "findings"] as const;
export type PeopleColumn = (typeof PEOPLE_COLUMNS)[number];

/**
 * The per-person table of a centre's month. With `sorting`, each heading is a link that sorts by it
 * (the director's dashboard); with `personHref`, each name links to the person view.
 */
export function PeopleMonthTable({
  people,
  sorting,
  personHref,
}: {
  people: PersonMonthRow[];
  sorting?: { sort: PeopleColumn; dir: "asc" | "desc"; href: (key: PeopleColumn) => string };
  personHref?: (membershipId: string) => string;
}) {
  const t = useT();
  const cols = t.people.dash.cols;
  const labels: Record<PeopleColumn, string> = {
    name: cols.name,
    completed: cols.completed,
    onTimeRate: cols.onTimeRate,
    overdue: cols.overdue,
    punctuality: cols.punctuality,
    late: cols.late,
    absent: cols.absent,
    dutyDone: cols.duty,
    findings: cols.findings,
  };
  return (
    <div className="overflow-x-auto">
      <table className="data-table">
        <thead>
          <tr>
            {PEOPLE_COLUMNS.map((key) => {
              const sorted = sorting?.sort === key;
              return (
                <th
                  key={key}
                  scope="col"
                  aria-sort={sorted ? (sorting.dir === "asc" ? "ascending" : "descending") : undefined}
                  className={key === "name" ? "sticky left-0 z-10" : "text-right"}
                >
                  {sorting ? (
                    <Link to={sorting.href(key)} className="text-slate-700">
                      {labels[key]}
                      {sorted ? (sorting.dir === "asc" ? " ▲" : " ▼") : ""}
                    </Link>
                  ) : (
                    labels[key]
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.membershipId}>
              {/* The name stays in view while the figures scroll sideways on a phone. */}
              <td className="sticky left-0 z-10 whitespace-nowrap bg-white">{personHref ? <Link to={personHref(p.membershipId)}>{p.name}</Link> : p.name}</td>
              <td className="text-right tabular-nums">{num(t, p.completed)}</td>
              <td className="text-right tabular-nums" data-testid={`rate-${p.membershipId}`}>
                {pct(t, p.onTimeRate)}
              </td>
              <td className="text-right tabular-nums">{num(t, p.overdue)}</td>
              <td className="text-right tabular-nums">{pct(t, p.punctuality)}</td>
              <td className="text-right tabular-nums">{num(t, p.late)}</td>
              <td className="text-right tabular-nums">{num(t, p.absent)}</td>
              <td className="text-right tabular-nums">
                {p.dutyDone}/{p.dutyTotal}
              </td>
              <td className="text-right tabular-nums">{num(t, p.findings)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A centre's twelve-month trend of on-time tasks, punctuality and duty compliance. */
export function CentreTrend({ trend, caption }: { trend: Parameters<typeof TrendChart>[0]["data"]; caption?: string }) {
  const tp = useT().people;
  return (
    <TrendChart
      data={trend}
      caption={caption ?? tp.trends.caption}
      monthLabel={tp.trends.month}
      series={[
        { key: "onTimeRate", label: tp.trends.onTime, color: "#174c94" },
        { key: "punctuality", label: tp.trends.punctuality, color: "#15803d" },
        { key: "dutyCompliance", label: tp.dash.dutyCompliance, color: "#b45309" },
      ]}
    />
  );
}
