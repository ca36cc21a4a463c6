// Calendar and clock arithmetic shared by every module: whole minutes, Vietnam dates, days and
// calendar periods. Pure (no I/O, no time-zone database); tests in tests/unit/task-rules.test.ts.

/** Vietnam has kept UTC+7 without daylight saving since 1975. */
const VN_OFFSET_HOURS = 7;

// ---- whole minutes ----
// One rule for every clock comparison (deadlines and attendance; docs/decisions/0015-whole-minutes.md):
// an instant counts by the minute it falls in, seconds ignored. A result at 17:00:59 meets a 17:00
// deadline; a check-in at 07:35:59 with start 07:30 and 5 minutes' grace is on time, at 07:36:00
// it is 6 minutes late.

/** The minute an instant falls in (minutes since the epoch; Vietnam has whole-hour offset). */
function minuteOf(instant: Date | string): number {
  return Math.floor(new Date(instant).getTime() / 60_000);
}

/** Whole minutes from `from` to `to` compared by their minutes (negative when `to` is earlier). */
export function minutesBetween(from: Date | string, to: Date | string): number {
  return minuteOf(to) - minuteOf(from);
}

/**
 * The instant a deadline ends, in Asia/Ho_Chi_Minh: the end of the given minute, or 23:59:59.999
 * of the day when no time is set (whole minutes: anything within the deadline's minute is in time).
 */
export function deadlineInstant(date: string, time: string | null | undefined): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = (time ?? "23:59").split(":").map(Number) as [number, number];
  // Vietnam has kept UTC+7 without daylight saving since 1975: plain arithmetic, no time-zone
  // database lookup on this hot path (attendance evaluates it for every member and day).
  return new Date(Date.UTC(y, m - 1, d, hh - VN_OFFSET_HOURS, mm, 59, 999));
}

/** The calendar date of an instant in Vietnam (YYYY-MM-DD). */
export function vnDateOf(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_HOURS * 3600_000).toISOString().slice(0, 10);
}

// ---- calendar dates ----

/** Days from a to b (calendar dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
}

// ---- calendar periods ----

/** A week (ISO, Monday first), month, quarter or year. */
export type PeriodUnit = "weekly" | "monthly" | "quarterly" | "yearly";

function iso(y: number, m: number, d: number): string {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.toISOString().slice(0, 10);
}

/** The period (start date, key) that contains a date, e.g. monthly → 2026-03-01, "2026-03". */
export function periodOf(date: string, f: PeriodUnit): { start: string; end: string; key: string } {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  switch (f) {
    case "weekly": {
      const dt = new Date(Date.UTC(y, m - 1, d));
      const dow = (dt.getUTCDay() + 6) % 7; // Monday = 0
      const start = new Date(dt.getTime() - dow * 86400000);
      const end = new Date(start.getTime() + 6 * 86400000);
      // ISO week number: the week containing the Thursday.
      const thursday = new Date(start.getTime() + 3 * 86400000);
      const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
      const week = Math.floor((thursday.getTime() - jan1) / (7 * 86400000)) + 1;
      return {
        start: start.toISOString().slice(0, 10),
        end: end.toISOString().slice(0, 10),
        key: `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`,
      };
    }
    case "monthly":
      return { start: iso(y, m, 1), end: iso(y, m + 1, 0), key: `${y}-${String(m).padStart(2, "0")}` };
    case "quarterly": {
      const q = Math.floor((m - 1) / 3);
      return { start: iso(y, q * 3 + 1, 1), end: iso(y, q * 3 + 4, 0), key: `${y}-Q${q + 1}` };
    }
    case "yearly":
      return { start: iso(y, 1, 1), end: iso(y, 12, 31), key: String(y) };
  }
}

/** The period after the one containing `date`. */
export function nextPeriod(date: string, f: PeriodUnit) {
  const { end } = periodOf(date, f);
  const [y, m, d] = end.split("-").map(Number) as [number, number, number];
  return periodOf(iso(y, m, d + 1), f);
}

// ---- period keys: 2026-02, 2026-Q1, 2026 ----

/** A month, a quarter or a year, by its key, with its first and last day. */
export interface KeyedPeriod {
  /** '2026-02', '2026-Q1' or '2026'. */
  key: string;
  kind: "month" | "quarter" | "year";
  year: number;
  /** The month 1–12, the quarter 1–4, or 1 for a year. */
  index: number;
  from: string;
  to: string;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The month, quarter or year `index` (1 for a year) of a year. */
function keyedPeriod(kind: KeyedPeriod["kind"], year: number, index: number): KeyedPeriod {
  const y = String(year).padStart(4, "0");
  if (kind === "year") return { key: y, kind, year, index: 1, from: `${y}-01-01`, to: `${y}-12-31` };
  const [first, last] = kind === "month" ? [index, index] : [index * 3 - 2, index * 3];
  return { key: kind === "month" ? `${y}-${pad2(index)}` : `${y}-Q${index}`, kind, year, index, from: `${y}-${pad2(first)}-01`, to: iso(year, last + 1, 0) };
}

/** Parses a period key (YYYY-MM, YYYY-Qn or YYYY); null when it is not one. */
export function parsePeriodKey(key: string | null | undefined): KeyedPeriod | null {
  if (!key) return null;
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) return keyedPeriod("month", Number(m[1]), Number(m[2]));
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return keyedPeriod("quarter", Number(m[1]), Number(m[2]));
  m = /^(\d{4})$/.exec(key);
  return m ? keyedPeriod("year", Number(m[1]), 1) : null;
}

/** The period before this one, of the same kind. */
export function previousKeyedPeriod(p: KeyedPeriod): KeyedPeriod {
  if (p.kind === "year") return keyedPeriod("year", p.year - 1, 1);
  const per = p.kind === "month" ? 12 : 4;
  return p.index === 1 ? keyedPeriod(p.kind, p.year - 1, per) : keyedPeriod(p.kind, p.year, p.index - 1);
}
