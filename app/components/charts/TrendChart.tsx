import { pct, useT } from "~/i18n";
import { Plot, xAt } from "./Plot";

export interface Series {
  key: string;
  label: string;
  color: string;
}

/**
 * A percentage trend by month: an SVG drawn on the server (./Plot.tsx) in a box of fixed height, and
 * the same figures always in the table below it for screen readers.
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
  const n = data.length;
  // Each series as connected lines over the months that have a value (gaps are bridged), with dots.
  const points = (key: string) =>
    data.flatMap((row, i) => (typeof row[key] === "number" ? [[xAt(i, n), 100 - Math.min(100, Math.max(0, row[key] as number))] as const] : []));
  return (
    <figure>
      {/* A picture of the table below: hidden from screen readers, nothing focusable inside. */}
      <div className="flex h-56 w-full flex-col" aria-hidden="true" data-chart={n ? "" : "empty"}>
        <div className="min-h-0 flex-1">
          <Plot
            yTicks={[0, 25, 50, 75, 100].map((v) => ({ at: v, label: pct(t, v) }))}
            xLabels={data.map((row, i) => ({ at: xAt(i, n), label: label(String(row.month)) }))}
          >
            {series.map((s) => {
              const pts = points(s.key);
              return (
                <g key={s.key} stroke={s.color} fill="none" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
                  {pts.length > 1 ? <polyline points={pts.map(([x, y]) => `${x},${y}`).join(" ")} vectorEffect="non-scaling-stroke" /> : null}
                  {/* Dots: zero-length strokes with round caps stay round in the stretched box. */}
                  <path d={pts.map(([x, y]) => `M${x} ${y}h0`).join("")} strokeWidth={5} vectorEffect="non-scaling-stroke" />
                </g>
              );
            })}
          </Plot>
        </div>
        <ul className="mt-1 flex flex-wrap justify-center gap-x-4 text-xs text-slate-700">
          {series.map((s) => (
            <li key={s.key} className="flex items-center gap-1">
              <span className="inline-block h-0.5 w-4" style={{ background: s.color }} />
              {s.label}
            </li>
          ))}
        </ul>
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
