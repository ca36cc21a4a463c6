// Report periods: a month (YYYY-MM), a quarter (YYYY-Qn), a year (YYYY) or a custom range, and
// how the document names them. Pure.
import { parsePeriod, previousPeriod } from "../people/period";

import type { ReportPeriodKind } from "../../../db/schema";

export { PERIOD_KINDS, type ReportPeriodKind } from "../../../db/schema";

export interface ReportPeriod {
  kind: ReportPeriodKind;
  /** '2026-02', '2026-Q1', '2026' or '2026-02-01_2026-02-15'. */
  key: string;
  from: string;
  to: string;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const isDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
const dateOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** Custom ranges are at most a year and a day long. */
export const MAX_CUSTOM_DAYS = 366;

/** A period from its key; null when the key is not one. */
export function reportPeriod(key: string | null | undefined): ReportPeriod | null {
  if (!key) return null;
  const custom = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (custom) return customPeriod(custom[1]!, custom[2]!);
  const p = parsePeriod(key);
  if (!p || p.from < "2000-01-01" || p.to > "2100-12-31") return null;
  return { kind: p.kind, key: p.key, from: p.from, to: p.to };
}

/** A custom range [from, to]; null when the dates are not valid or the range too long. */
export function customPeriod(from: string, to: string): ReportPeriod | null {
  if (!isDate(from) || !isDate(to) || to < from || dayNumber(to) - dayNumber(from) + 1 > MAX_CUSTOM_DAYS) return null;
  return { kind: "custom", key: `${from}_${to}`, from, to };
}

/** The period before: the previous month, quarter or year, or the same number of days before a custom range. */
export function previousReportPeriod(p: ReportPeriod): ReportPeriod {
  if (p.kind === "custom") {
    const len = dayNumber(p.to) - dayNumber(p.from) + 1;
    const to = dateOf(dayNumber(p.from) - 1);
    const from = dateOf(dayNumber(p.from) - len);
    return { kind: "custom", key: `${from}_${to}`, from, to };
  }
  const prev = previousPeriod(parsePeriod(p.key)!);
  return { kind: p.kind, key: prev.key, from: prev.from, to: prev.to };
}

/** Months 1 and 2 (and days below 10) take a leading zero in official documents (NĐ 30/2020). */
export const officialMonth = (m: number) => (m < 3 ? String(m).padStart(2, "0") : String(m));
export const officialDay = (d: number) => String(d).padStart(2, "0");

const ROMAN = ["I", "II", "III", "IV"];

/** dd/mm/yyyy. */
export const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

export interface PeriodWords {
  /** "tháng 02 năm 2026", "quý I năm 2026", "năm 2026", "từ ngày 01/02/2026 đến ngày 15/02/2026". */
  name: string;
  /** "Trong tháng", "Trong quý", "Trong năm", "Trong kỳ". */
  within: string;
  /** "tháng", "quý", "năm", "kỳ báo cáo". */
  unit: string;
  /** "tháng trước", "quý trước", "năm trước", "kỳ trước". */
  previous: string;
  /** Short label for table columns: "Tháng 02/2026", "Quý I/2026", "Năm 2026", "01/02–15/02/2026". */
  short: string;
}

/** How the report names a period in Vietnamese (the document is always in Vietnamese). */
export function periodWords(p: ReportPeriod): PeriodWords {
  const y = p.from.slice(0, 4);
  switch (p.kind) {
    case "month": {
      const m = officialMonth(Number(p.from.slice(5, 7)));
      return { name: `tháng ${m} năm ${y}`, within: "Trong tháng", unit: "tháng", previous: "tháng trước", short: `Tháng ${p.from.slice(5, 7)}/${y}` };
    }
    case "quarter": {
      const q = ROMAN[Math.floor((Number(p.from.slice(5, 7)) - 1) / 3)]!;
      return { name: `quý ${q} năm ${y}`, within: "Trong quý", unit: "quý", previous: "quý trước", short: `Quý ${q}/${y}` };
    }
    case "year":
      return { name: `năm ${y}`, within: "Trong năm", unit: "năm", previous: "năm trước", short: `Năm ${y}` };
    default:
      return {
        name: `từ ngày ${dmy(p.from)} đến ngày ${dmy(p.to)}`,
        within: "Trong kỳ",
        unit: "kỳ báo cáo",
        previous: "kỳ trước",
        short: `${dmy(p.from).slice(0, 5)}–${dmy(p.to)}`,
      };
  }
}

/** "Tứ Kỳ, ngày 06 tháng 3 năm 2026" (NĐ 30/2020: leading zero for days below 10 and months 1–2). */
export function placeDateLine(place: string, date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${place || "……"}, ngày ${officialDay(d)} tháng ${officialMonth(m)} năm ${y}`;
}
