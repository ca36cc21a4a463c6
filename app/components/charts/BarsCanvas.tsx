import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** The recharts drawing of BarsChart; loaded on its own after hydration. */
export default function BarsCanvas({ data, color }: { data: { label: string; value: number; title: string }[]; color: string }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} tabIndex={-1} data={data} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="label" fontSize={11} />
        <YAxis allowDecimals={false} fontSize={11} />
        <Tooltip labelFormatter={(_l, p) => String(p?.[0]?.payload?.title ?? "")} />
        <Bar dataKey="value" fill={color} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
