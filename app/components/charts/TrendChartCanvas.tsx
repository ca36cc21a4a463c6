import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatPercent, type NumberLocale } from "~/utils/number";
import type { Series } from "./TrendChart";

/** The recharts drawing of TrendChart; loaded on its own after hydration. */
export default function TrendChartCanvas({ data, series, locale }: { data: Record<string, string | number | null>[]; series: Series[]; locale: NumberLocale }) {
  const label = (m: string) => `${m.slice(5)}/${m.slice(2, 4)}`;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart accessibilityLayer={false} tabIndex={-1} data={data} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="month" tickFormatter={label} fontSize={11} />
        <YAxis domain={[0, 100]} tickFormatter={(v: number) => formatPercent(v, locale)} fontSize={11} />
        <Tooltip formatter={(v) => (typeof v === "number" ? formatPercent(v, locale) : "—")} labelFormatter={(m) => label(String(m))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) => (
          <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} connectNulls dot={{ r: 2 }} isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
