import { lazy, Suspense } from "react";
import { useDrawWhenIdle } from "./useDrawWhenIdle";

const BarsCanvas = lazy(() => import("./BarsCanvas"));

/** Counts as bars (recharts, after hydration, fixed height), with the same data always in a table. */
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
  const { ref, ready } = useDrawWhenIdle<HTMLDivElement>();
  return (
    <figure>
      {/* A picture of the table below: hidden from screen readers and never focusable. */}
      <div ref={ref} className="h-56 w-full" aria-hidden="true" data-chart={data.length ? "" : "empty"}>
        {ready && data.length ? (
          <Suspense fallback={null}>
            <BarsCanvas data={data} color={color} />
          </Suspense>
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
