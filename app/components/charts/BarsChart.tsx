import { Plot, xAt } from "./Plot";

/** A step for about four whole-number gridlines up to `max`: 1, 2, 5, 10, 20, 50, … */
function stepFor(max: number): number {
  const raw = Math.max(1, max / 4);
  const pow = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow);
}

/** Counts as bars (SVG drawn on the server, fixed height), with the same data always in a table. */
export function BarsChart({
  data,
  caption,
  labelHeader,
  valueHeader,
  color = "#b91c1c",
}: {
  data: { label: string; value: number; title: string }[];
  caption: string;
  labelHeader: string;
  valueHeader: string;
  color?: string;
}) {
  const n = data.length;
  const step = stepFor(Math.max(0, ...data.map((d) => d.value)));
  const top = step * 4;
  const width = (100 / Math.max(1, n)) * 0.7;
  return (
    <figure>
      {/* A picture of the table below: hidden from screen readers, nothing focusable inside. */}
      <div className="h-56 w-full" aria-hidden="true" data-chart={n ? "" : "empty"}>
        {n ? (
          <Plot yTicks={[0, 1, 2, 3, 4].map((k) => ({ at: (k * step * 100) / top, label: String(k * step) }))} xLabels={data.map((d, i) => ({ at: xAt(i, n), label: d.label }))}>
            {data.map((d, i) => (
              <rect key={i} x={xAt(i, n) - width / 2} width={width} y={100 - (d.value * 100) / top} height={(d.value * 100) / top} fill={color}>
                <title>{`${d.title}: ${d.value}`}</title>
              </rect>
            ))}
          </Plot>
        ) : null}
      </div>
      <figcaption className="sr-only">{caption}</figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600">{caption}</summary>
        <table className="data-table mt-2">
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              <th scope="col" className="text-right">
                {valueHeader}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.label}>
                <td>
                  {d.label} {d.title}
                </td>
                <td className="text-right tabular-nums">{d.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
