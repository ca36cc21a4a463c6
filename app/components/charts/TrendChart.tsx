import { lazy, Suspense } from "react";
import { useDrawWhenIdle } from "./useDrawWhenIdle";
import { pct, useT } from "~/i18n";

// recharts (~117 KiB gzipped) is fetched only on pages with charts, once the chart is on screen and the browser idle.
const TrendChartCanvas = lazy(() => import("./TrendChartCanvas"));

export interface Series {
  key: string;
  label: string;
  color: string;
}

/**
 * A percentage trend by month. recharts draws only after hydration, so the box has a fixed height
 * (no layout shift) and the same figures are always in the table below it for readers without
 * JavaScript and for screen readers.
 */
export function TrendChart({
  data,
  series,
  caption,
  monthLabel,
}: {
  data: Record<string, string | number | null>[];
  series: Series[];
  caption: string;
  monthLabel: string;
}) {
  const t = useT();
  const label = (m: string) => `${m.slice(5)}/${m.slice(2, 4)}`;
  const { ref, ready } = useDrawWhenIdle<HTMLDivElement>();
  return (
    <figure>
      {/* A picture of the table below: hidden from screen readers and never focusable (the chart's
          own keyboard layer is off), so nothing focusable sits inside aria-hidden. */}
      <div ref={ref} className="h-56 w-full" aria-hidden="true" data-chart={data.length ? "" : "empty"}>
        {ready ? (
          <Suspense fallback={null}>
            <TrendChartCanvas data={data} series={series} locale={t.locale} />
          </Suspense>
        ) : null}
      </div>
      <figcaption className="sr-only">{caption}</figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600">{caption}</summary>
        <div className="overflow-x-auto">
          <table className="data-table mt-2">
            <thead>
              <tr>
                <th scope="col">{monthLabel}</th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="text-right">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.map((row) => (
                <tr key={String(row.month)}>
                  <td>{label(String(row.month))}</td>
                  {series.map((s) => (
                    <td key={s.key} className="text-right tabular-nums">
                      {typeof row[s.key] === "number" ? pct(t, row[s.key] as number) : "—"}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
