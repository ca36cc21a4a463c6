/**
 * Statutory public holidays (Bộ luật Lao động 2019, Điều 112) and working-day arithmetic.
 *
 * All dates are plain 'YYYY-MM-DD' calendar dates; arithmetic uses Julian day numbers,
 * so no time zone is involved.
 */
import { isoToJdn, jdnToIso, lunarToSolar } from "./lunar";

export type DayKind = "working" | "weekend" | "holiday" | "makeup";

/** An official decision entered by an admin; it overrides the computed calendar on its date only. */
export type CalendarOverride = { date: string; kind: "off" | "working"; name: string; source?: string };

/** A computed day off; `unconfirmed` when it comes from a rule not confirmed in the law's text. */
type Holiday = { date: string; name: string; unconfirmed?: boolean };
/**
 * What a date is. `origin`: "decision" when an official decision entered for the centre says so,
 * "computed" when it is a computed holiday (absent for ordinary days). `unconfirmed`: a computed day
 * from a rule marked unconfirmed (shown "chưa xác nhận").
 */
type DayInfo = { kind: DayKind; name?: string; origin?: "decision" | "computed"; source?: string; unconfirmed?: boolean };
export type CalendarFn = (isoDate: string) => DayInfo;

const HOLIDAY_NAMES = {
  newYear: "Tết Dương lịch",
  tet: "Tết Nguyên đán",
  hungKings: "Giỗ Tổ Hùng Vương",
  victory: "Ngày Chiến thắng",
  labour: "Ngày Quốc tế Lao động",
  national: "Quốc khánh",
  culture: "Ngày Văn hóa Việt Nam",
} as const;

/**
 * An annual day off on a fixed solar date that is data, not law: the built-in ones are those whose
 * basis is not confirmed in the Labour Code's text (24/11, Ngày Văn hóa Việt Nam), and a centre may
 * change them (turn off, confirm, change the years) or add its own (holiday_rules).
 */
export interface HolidayRule {
  /** A built-in rule's key, or the id of a rule a centre added. */
  key: string;
  month: number;
  day: number;
  name: string;
  fromYear: number;
  toYear: number | null;
  confirmed: boolean;
  enabled: boolean;
  source: string;
  builtIn: boolean;
}

/**
 * Ngày Văn hóa Việt Nam (24/11), a day off from 2026 as adopted in policy; the amended Labour Code
 * text was not found when this was written, so it is unconfirmed until an admin confirms it.
 */
export const BUILT_IN_RULES: readonly HolidayRule[] = [
  {
    key: "culture-day",
    month: 11,
    day: 24,
    name: HOLIDAY_NAMES.culture,
    fromYear: 2026,
    toYear: null,
    confirmed: false,
    enabled: true,
    source: "Ngày Văn hóa Việt Nam 24/11, nghỉ từ năm 2026 (chưa đối chiếu văn bản chính thức)",
    builtIn: true,
  },
];

/** Day of week of a Julian day number: 0 = Sunday … 6 = Saturday. */
const dowOfJdn = (jdn: number): number => (jdn + 1) % 7;
const isWeekendJdn = (jdn: number): boolean => {
  const d = dowOfJdn(jdn);
  return d === 0 || d === 6;
};

/** Day of week of an ISO date: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(isoDate: string): number {
  return dowOfJdn(isoToJdn(isoDate));
}

const ymd = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/** Whether a rule gives a day off in a year (enabled, within its years, a real date that year). */
function ruleApplies(r: HolidayRule, year: number): boolean {
  if (!r.enabled || year < r.fromYear || (r.toYear !== null && year > r.toYear)) return false;
  return r.day <= new Date(Date.UTC(year, r.month, 0)).getUTCDate();
}

/**
 * Computed default holidays of a year, including compensatory days (nghỉ bù): each holiday that
 * falls on a Saturday or Sunday gives a day off on the next weekday that is not already off.
 * The Labour Code's days (Điều 112) are built in; `rules` adds the annual days kept as data
 * (by default 24/11 from 2026, unconfirmed). Tết default: the last day of the lunar year and lunar
 * 1/1 to 4/1 (5 days). Quốc khánh default: 1/9 and 2/9. The Prime Minister's yearly decision may
 * differ: enter it as decisions, which override these day by day.
 */
export function statutoryHolidays(year: number, rules: readonly HolidayRule[] = BUILT_IN_RULES): Holiday[] {
  const base: Holiday[] = [{ date: ymd(year, 1, 1), name: HOLIDAY_NAMES.newYear }];
  const tet = isoToJdn(lunarToSolar({ day: 1, month: 1, year, leap: false }));
  for (let i = -1; i <= 3; i++) base.push({ date: jdnToIso(tet + i), name: HOLIDAY_NAMES.tet });
  base.push({ date: lunarToSolar({ day: 10, month: 3, year, leap: false }), name: HOLIDAY_NAMES.hungKings });
  base.push({ date: ymd(year, 4, 30), name: HOLIDAY_NAMES.victory });
  base.push({ date: ymd(year, 5, 1), name: HOLIDAY_NAMES.labour });
  base.push({ date: ymd(year, 9, 1), name: HOLIDAY_NAMES.national });
  base.push({ date: ymd(year, 9, 2), name: HOLIDAY_NAMES.national });
  const fixed = new Set(base.map((h) => h.date));
  for (const r of rules) {
    const date = ymd(year, r.month, r.day);
    if (!ruleApplies(r, year) || fixed.has(date)) continue;
    fixed.add(date);
    base.push(r.confirmed ? { date, name: r.name } : { date, name: r.name, unconfirmed: true });
  }

  const days = base.map((h) => ({ jdn: isoToJdn(h.date), name: h.name, unconfirmed: h.unconfirmed })).sort((a, b) => a.jdn - b.jdn);
  const taken = new Set(days.map((d) => d.jdn));
  const result = [...days];
  for (const h of days) {
    if (!isWeekendJdn(h.jdn)) continue;
    let j = h.jdn + 1;
    while (isWeekendJdn(j) || taken.has(j)) j++;
    taken.add(j);
    result.push({ jdn: j, name: `Nghỉ bù ${h.name}`, unconfirmed: h.unconfirmed });
  }
  return result
    .sort((a, b) => a.jdn - b.jdn)
    .map((d) => (d.unconfirmed ? { date: jdnToIso(d.jdn), name: d.name, unconfirmed: true } : { date: jdnToIso(d.jdn), name: d.name }));
}

export function isWorkingDay(kind: DayKind): boolean {
  return kind === "working" || kind === "makeup";
}

type Entry = { kind: "off" | "working"; name: string; origin: "decision" | "computed"; source?: string; unconfirmed?: boolean };

/**
 * Build a day classifier. Each date is what the official decision entered for it says, if any;
 * otherwise a computed holiday (statutory days, the annual rules, nghỉ bù) is a holiday; otherwise
 * Saturday and Sunday are weekend and other days working. A decision overrides its own date only:
 * entering the year's Tết decision never erases the year's other holidays (to cancel a computed
 * day, enter a "working" decision for it). A "working" decision on a Saturday or Sunday is a
 * make-up day. With `saturdayWorking`, Saturday is a (half-day) working day. Year maps are built
 * lazily, so the returned function accepts any date.
 */
export function buildCalendar(
  year: number,
  overrides: CalendarOverride[],
  opts: { saturdayWorking?: boolean; rules?: readonly HolidayRule[] } = {},
): CalendarFn {
  const saturdayWorking = opts.saturdayWorking ?? false;
  const rules = opts.rules ?? BUILT_IN_RULES;
  const overridesByYear = new Map<number, Map<string, Entry>>();
  for (const o of overrides) {
    const date = jdnToIso(isoToJdn(o.date)); // validates
    const y = Number(date.slice(0, 4));
    let m = overridesByYear.get(y);
    if (!m) overridesByYear.set(y, (m = new Map()));
    // A later entry for the same date wins.
    m.set(date, { kind: o.kind, name: o.name, origin: "decision", ...(o.source ? { source: o.source } : {}) });
  }

  const yearMaps = new Map<number, Map<string, Entry>>();
  const mapFor = (y: number): Map<string, Entry> => {
    let m = yearMaps.get(y);
    if (!m) {
      m = new Map(
        statutoryHolidays(y, rules).map((h): [string, Entry] => [
          h.date,
          { kind: "off", name: h.name, origin: "computed", ...(h.unconfirmed ? { unconfirmed: true } : {}) },
        ]),
      );
      for (const [date, e] of overridesByYear.get(y) ?? []) m.set(date, e);
      yearMaps.set(y, m);
    }
    return m;
  };
  mapFor(year);

  return (isoDate: string): DayInfo => {
    const jdn = isoToJdn(isoDate);
    const entry = mapFor(Number(isoDate.slice(0, 4))).get(isoDate);
    const dow = dowOfJdn(jdn);
    const weekend = dow === 0 || (dow === 6 && !saturdayWorking);
    if (!entry) return { kind: weekend ? "weekend" : "working" };
    const { kind: _k, ...rest } = entry;
    if (entry.kind === "off") return { kind: "holiday", ...rest };
    return { kind: dow === 0 || dow === 6 ? "makeup" : "working", ...rest };
  };
}

/** Guard against calendars with no working day at all. */
const MAX_SCAN_DAYS = 3660;

/**
 * The date n working days after (n > 0) or before (n < 0) isoDate; isoDate itself is not counted.
 * n = 0 returns isoDate unchanged.
 */
export function addWorkingDays(isoDate: string, n: number, cal: CalendarFn): string {
  if (!Number.isInteger(n)) throw new RangeError(`n must be an integer: ${n}`);
  let jdn = isoToJdn(isoDate);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let idle = 0;
  while (left > 0) {
    jdn += step;
    if (isWorkingDay(cal(jdnToIso(jdn)).kind)) {
      left--;
      idle = 0;
    } else if (++idle > MAX_SCAN_DAYS) {
      throw new RangeError("No working day found");
    }
  }
  return jdnToIso(jdn);
}

/** Number of working days d with from < d <= to; negative (−count of to < d <= from) if to < from. */
export function workingDaysBetween(fromIso: string, toIso: string, cal: CalendarFn): number {
  const from = isoToJdn(fromIso);
  const to = isoToJdn(toIso);
  const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let j = lo + 1; j <= hi; j++) if (isWorkingDay(cal(jdnToIso(j)).kind)) count++;
  return sign * count;
}

const SRC_NEW_YEAR = "Thông báo nghỉ Tết Dương lịch năm 2026 đối với cán bộ, công chức, viên chức";
const SRC_TET = "Thông báo nghỉ Tết Âm lịch năm 2026 đối với cán bộ, công chức, viên chức";
const SRC_HOLIDAYS =
  "Thông báo nghỉ lễ Giỗ Tổ Hùng Vương, Ngày Chiến thắng, Ngày Quốc tế Lao động và Quốc khánh năm 2026 đối với cán bộ, công chức, viên chức";

const off = (date: string, name: string, source: string): CalendarOverride => ({ date, kind: "off", name, source });

/**
 * Official 2026 schedule for civil servants: the days whose status differs from an ordinary week,
 * plus the weekend days inside Tết so that the whole break carries its name. No make-up Saturday
 * for Mon 31/8 is listed: it was not confirmed. Decisions override the computed calendar day by
 * day, so the computed days they repeat are harmless.
 */
export const official2026Overrides: CalendarOverride[] = [
  // Tết Dương lịch: Thu 1/1 – Sun 4/1; Fri 2/1 swapped with Sat 10/1.
  off("2026-01-01", HOLIDAY_NAMES.newYear, SRC_NEW_YEAR),
  off("2026-01-02", `Nghỉ hoán đổi ${HOLIDAY_NAMES.newYear}`, SRC_NEW_YEAR),
  { date: "2026-01-10", kind: "working", name: "Làm bù cho ngày 02/01/2026", source: SRC_NEW_YEAR },
  // Tết Nguyên đán Bính Ngọ: Sat 14/2 – Sun 22/2 (9 days).
  ...["14", "15", "16", "17", "18", "19", "20", "21", "22"].map((d) =>
    off(`2026-02-${d}`, HOLIDAY_NAMES.tet, SRC_TET),
  ),
  // Giỗ Tổ Hùng Vương: Sun 26/4, nghỉ bù Mon 27/4.
  off("2026-04-26", HOLIDAY_NAMES.hungKings, SRC_HOLIDAYS),
  off("2026-04-27", `Nghỉ bù ${HOLIDAY_NAMES.hungKings}`, SRC_HOLIDAYS),
  // Thu 30/4 – Sun 3/5 (2–3/5 are the ordinary weekend).
  off("2026-04-30", HOLIDAY_NAMES.victory, SRC_HOLIDAYS),
  off("2026-05-01", HOLIDAY_NAMES.labour, SRC_HOLIDAYS),
  // Quốc khánh: Sat 29/8 – Wed 2/9; Mon 31/8 swapped (make-up day unconfirmed).
  off("2026-08-31", `Nghỉ hoán đổi ${HOLIDAY_NAMES.national}`, SRC_HOLIDAYS),
  off("2026-09-01", HOLIDAY_NAMES.national, SRC_HOLIDAYS),
  off("2026-09-02", HOLIDAY_NAMES.national, SRC_HOLIDAYS),
  // Ngày Văn hóa Việt Nam (Tue 24/11) is not a decision here: it comes from the annual rule, which
  // is marked unconfirmed until an admin confirms it against the official text.
];
