import { Form, Link } from "@remix-run/react";
import { useT } from "~/i18n";

/** A period key as people write it: 2026-02 → 02/2026, 2026-Q1 → Quý 1/2026 (the box accepts both). */
function periodLabel(key: string, quarterWord: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) return `${month[2]}/${month[1]}`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  return quarter ? `${quarterWord} ${quarter[2]}/${quarter[1]}` : key;
}

/** Chooses a period by GET (works without JavaScript): this month, quarter and year, or any key. */
export function PeriodPicker({ current, today }: { current: string; today: string }) {
  const t = useT().people;
  const y = today.slice(0, 4);
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const options = [
    { key: today.slice(0, 7), label: `${t.periodKinds.month} ${today.slice(5, 7)}/${y}` },
    { key: `${y}-Q${q}`, label: `${t.periodKinds.quarter} ${q}/${y}` },
    { key: y, label: `${t.periodKinds.year} ${y}` },
  ];
  return (
    <div className="flex flex-wrap items-end gap-2">
      {options.map((o) => (
        <Link
          key={o.key}
          to={`?period=${o.key}`}
          aria-current={o.key === current ? "page" : undefined}
          className={`rounded-full px-3 py-1.5 text-sm no-underline ${o.key === current ? "bg-brand-700 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300"}`}
        >
          {o.label}
        </Link>
      ))}
      <Form method="get" className="flex items-end gap-2">
        <label className="text-sm">
          <span className="sr-only">{t.period}</span>
          <input name="period" defaultValue={periodLabel(current, t.periodKinds.quarter)} placeholder={t.periodPlaceholder} className="input w-32 py-1 text-sm" />
        </label>
        <button className="btn-secondary py-1">{t.show}</button>
      </Form>
    </div>
  );
}
