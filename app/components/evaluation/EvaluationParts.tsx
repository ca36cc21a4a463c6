// UI pieces shared by the two evaluation pages.
import { Link } from "@remix-run/react";
import { fmt, useT } from "~/i18n";
import { periodText, pointsText } from "~/i18n/sections/evaluations";
import type { Band } from "~/modules/evaluation/score";

const BAND_STYLE: Record<Band, string> = {
  excellent: "bg-green-700 text-white",
  good: "bg-green-100 text-green-800",
  completed: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-800",
};

export const STATUS_STYLE: Record<"none" | "draft" | "finalised", string> = {
  none: "bg-slate-100 text-slate-600",
  draft: "bg-amber-50 text-amber-900",
  finalised: "bg-brand-100 text-brand-800",
};

/**
 * The band as a coloured label, or "Chưa xếp loại". While the period runs the band is provisional:
 * a plain outlined label "Tạm tính: …", never the colour of a final result.
 */
export function BandBadge({ band, provisional = false }: { band: Band | null; provisional?: boolean }) {
  const e = useT().evaluations;
  if (!band) return <span className="badge rounded-md lg:whitespace-nowrap">{e.noBand}</span>;
  if (provisional)
    return (
      <span className="badge rounded-md border border-dashed border-slate-400 bg-white text-slate-700 lg:whitespace-nowrap" data-provisional="true">
        {fmt(e.provisionalBand, { band: e.bands[band] })}
      </span>
    );
  return <span className={`badge rounded-md lg:whitespace-nowrap ${BAND_STYLE[band]}`}>{e.bands[band]}</span>;
}

export interface PeriodNav {
  key: string;
  prev: string;
  next: string;
  options: string[];
}

/** Previous / next links and a choice of recent months, quarters and years (a GET form: works without JavaScript). */
export function PeriodPicker({ nav, path }: { nav: PeriodNav; path: string }) {
  const t = useT();
  const e = t.evaluations;
  const years = nav.options.filter((o) => /^\d{4}$/.test(o));
  const months = nav.options.filter((o) => /^\d{4}-\d{2}$/.test(o));
  const quarters = nav.options.filter((o) => o.includes("Q"));
  return (
    <div className="flex w-full items-end gap-2 sm:w-auto">
      <Link to={`${path}?period=${nav.prev}`} className="btn-secondary shrink-0 px-2.5" aria-label={`${e.period.previous}: ${periodText(t, nav.prev)}`}>
        ←
      </Link>
      <form method="get" action={path} className="flex min-w-0 flex-1 items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="period" className="label">
            {e.period.label}
          </label>
          <select id="period" name="period" defaultValue={nav.key} className="input mt-1 px-2 py-1.5">
            <optgroup label={e.period.months}>
              {months.map((o) => (
                <option key={o} value={o}>
                  {periodText(t, o)}
                </option>
              ))}
            </optgroup>
            <optgroup label={e.period.quarters}>
              {quarters.map((o) => (
                <option key={o} value={o}>
                  {periodText(t, o)}
                </option>
              ))}
            </optgroup>
            {years.length ? (
              <optgroup label={e.period.years}>
                {years.map((o) => (
                  <option key={o} value={o}>
                    {periodText(t, o)}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </div>
        <button type="submit" className="btn-secondary shrink-0 px-3">
          {e.period.show}
        </button>
      </form>
      <Link to={`${path}?period=${nav.next}`} className="btn-secondary shrink-0 px-2.5" aria-label={`${e.period.next}: ${periodText(t, nav.next)}`}>
        →
      </Link>
    </div>
  );
}

/** Points out of a maximum ("64,17 /70"), or a dash when there are none yet. */
export function PointsOutOf({ n, max }: { n: number | null; max: number }) {
  const t = useT();
  if (n === null) return <span className="text-slate-500">—</span>;
  return (
    <>
      <span className="font-semibold">{pointsText(t, n)}</span>
      <span className="text-slate-500">{fmt(t.evaluations.summary.outOf, { max })}</span>
    </>
  );
}
