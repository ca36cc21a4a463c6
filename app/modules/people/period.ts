// Reporting periods: a month (YYYY-MM), a quarter (YYYY-Qn) or a year (YYYY), parsed by
// parsePeriodKey (app/utils/dates.ts). Pure.
import { parsePeriodKey } from "../../utils/dates";

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A period as people type it, as its key: "02/2026" or "2/2026" (a month), "Quý 1/2026", "Q1/2026"
 * or "I/2026" (a quarter), "2026" (a year), or a key already (2026-02, 2026-Q1). Null otherwise.
 */
export function periodKeyOf(input: string | null | undefined): string | null {
  const s = (input ?? "").trim().normalize("NFC").toLowerCase().replace(/\s+/g, " ");
  let m = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(s);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `${m[2]}-${pad(Number(m[1]))}`;
  m = /^(?:quý|quy|quarter|q)\s*([1-4]|i{1,3}|iv)\s*[/.-]?\s*(\d{4})$/.exec(s);
  if (m) return `${m[2]}-Q${{ i: 1, ii: 2, iii: 3, iv: 4 }[m[1]!] ?? Number(m[1])}`;
  m = /^(\d{4})-q([1-4])$/.exec(s);
  if (m) return `${m[1]}-Q${m[2]}`;
  return parsePeriodKey(s) ? s : null;
}

/** The twelve months ending with the month of `date` (YYYY-MM keys, oldest first). */
export function lastTwelveMonths(date: string): string[] {
  const y = Number(date.slice(0, 4));
  const mo = Number(date.slice(5, 7));
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, mo - 12 + i, 1));
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
  });
}

/** Share as a percentage with one decimal, or null when there is nothing to count. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}
