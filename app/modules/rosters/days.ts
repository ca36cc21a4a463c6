import { solarToLunar } from "../calendar/lunar";

/** "d/m" of the lunar date, with "(n)" for a leap month: how rosters and calendars print it. */
export function lunarLabel(isoDate: string): string {
  const l = solarToLunar(isoDate);
  return `${l.day}/${l.month}${l.leap ? " (n)" : ""}`;
}

/** Groups a roster's slots by date, in date order, keeping slot order within a day. */
export function groupByDate<T extends { date: string }>(slots: T[]): { date: string; slots: T[] }[] {
  const days = new Map<string, T[]>();
  for (const s of slots) {
    const list = days.get(s.date) ?? [];
    list.push(s);
    days.set(s.date, list);
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, list]) => ({ date, slots: list }));
}

/** The roster's title without the document type the heading already says ("Lịch trực Tết…" → "Tết…"). */
export function summaryLine(title: string, heading: string): string {
  const rest = title.trim().replace(new RegExp(`^${heading}\\s+`, "iu"), "");
  return rest === title.trim() || !rest ? title : rest.charAt(0).toLocaleUpperCase("vi") + rest.slice(1);
}
