// Reporting periods: a month (YYYY-MM), a quarter (YYYY-Qn) or a year (YYYY). Pure.

export interface Period {
  key: string;
  kind: "month" | "quarter" | "year";
  from: string;
  to: string;
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
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
  return parsePeriod(s) ? s : null;
}

/** Parses a period key; null when it is not one. */
export function parsePeriod(key: string | null | undefined): Period | null {
  if (!key) return null;
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return { key, kind: "month", from: `${m[1]}-${m[2]}-01`, to: lastDay(y, mo) };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    return { key, kind: "quarter", from: `${m[1]}-${pad(q * 3 - 2)}-01`, to: lastDay(y, q * 3) };
  }
  m = /^(\d{4})$/.exec(key);
  if (m) return { key, kind: "year", from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  return null;
}

/** The period before this one, of the same kind. */
export function previousPeriod(p: Period): Period {
  const y = Number(p.key.slice(0, 4));
  if (p.kind === "year") return parsePeriod(String(y - 1))!;
  if (p.kind === "quarter") {
    const q = Number(p.key.slice(6));
    return parsePeriod(q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`)!;
  }
  const mo = Number(p.key.slice(5));
  return parsePeriod(mo === 1 ? `${y - 1}-12` : `${y}-${pad(mo - 1)}`)!;
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
