import type { ReactNode } from "react";

// The drawing of TrendChart and BarsChart: plain SVG rendered on the server, so a chart costs no
// script and no main-thread work in the browser (docs/decisions/0036-small-bundles.md; it replaced
// recharts, 117 KiB gzipped). Shapes are drawn in a 100×100 box stretched to the plot area, with
// strokes that do not scale; the axis labels are HTML placed in percent, so text keeps its size at
// any width. A picture only: the figures are in the table below each chart (aria-hidden here).

export interface Tick {
  /** 0–100 from the bottom of the plot. */
  at: number;
  label: string;
}

/** A fixed-height plot: y ticks on the left, x labels under it, shapes from `children` (0–100 box). */
export function Plot({ yTicks, xLabels, children }: { yTicks: Tick[]; xLabels: { at: number; label: string }[]; children: ReactNode }) {
  // At most ~8 x labels, so they do not run into each other on a phone.
  const every = Math.max(1, Math.ceil(xLabels.length / 8));
  return (
    <div className="relative h-full w-full text-[11px] text-slate-500">
      <div className="absolute bottom-6 left-10 right-3 top-2">
        <svg className="absolute inset-0 h-full w-full overflow-visible" viewBox="0 0 100 100" preserveAspectRatio="none" focusable="false">
          {yTicks.map((tk) => (
            <line key={tk.at} x1={0} x2={100} y1={100 - tk.at} y2={100 - tk.at} stroke="#e2e8f0" strokeDasharray="3 3" vectorEffect="non-scaling-stroke" />
          ))}
          <line x1={0} x2={100} y1={100} y2={100} stroke="#94a3b8" vectorEffect="non-scaling-stroke" />
          {children}
        </svg>
        {yTicks.map((tk) => (
          <span key={tk.at} className="absolute -left-10 w-9 -translate-y-1/2 text-right tabular-nums" style={{ top: `${100 - tk.at}%` }}>
            {tk.label}
          </span>
        ))}
        {xLabels.map((x, i) =>
          i % every === 0 ? (
            <span key={i} className="absolute top-full mt-1 -translate-x-1/2 whitespace-nowrap" style={{ left: `${x.at}%` }}>
              {x.label}
            </span>
          ) : null,
        )}
      </div>
    </div>
  );
}

/** Where point i of n sits across the plot (0–100), with half a step of margin at each end. */
export function xAt(i: number, n: number): number {
  return ((i + 0.5) / Math.max(1, n)) * 100;
}
