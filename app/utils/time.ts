// Shared by server and browser: no date library here (docs/decisions/0036). Vietnam has kept UTC+7
// without daylight saving since 1975, so Vietnam time is plain arithmetic (as in ./dates).
import { vnDateOf } from "./dates";

/** "dd/MM/yyyy" and "HH:mm" of an instant in Vietnam time. */
function vnParts(value: string | Date): { date: string; time: string } {
  const iso = new Date(+new Date(value) + 7 * 3600_000).toISOString(); // YYYY-MM-DDTHH:mm…, Vietnam time
  return { date: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`, time: iso.slice(11, 16) };
}

/** dd/MM/yyyy for a YYYY-MM-DD date or an instant (shown in Vietnam time). */
export function formatDate(value: string | Date): string {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split("-");
    return `${d}/${m}/${y}`;
  }
  return vnParts(value).date;
}

/** dd/MM/yyyy HH:mm of an instant, in Vietnam time. */
export function formatDateTime(value: string | Date): string {
  const { date, time } = vnParts(value);
  return `${date} ${time}`;
}

/** A deadline as users read it: dd/MM/yyyy, with HH:mm when a time is set. */
export function formatDeadline(date: string | null, time: string | null): string {
  if (!date) return "";
  return time ? `${formatDate(date)} ${time}` : formatDate(date);
}

/** Whether `s` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * A date as people type it, as YYYY-MM-DD: "16/03/2026" or "16/3/2026" (also with - or .), or the
 * ISO form a date picker or a link sends. Null when it is not a real calendar date.
 */
export function parseDateInput(input: string | null | undefined): string | null {
  const s = (input ?? "").trim();
  if (isIsoDate(s)) return s;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

/** A YYYY-MM-DD date from the query string, or `fallback` when missing or not a real date (query parameters never fail a page). */
export function dateParam(params: URLSearchParams, name: string, fallback: string): string {
  const v = parseDateInput(params.get(name));
  return v && v >= "2000-01-01" && v <= "2100-12-31" ? v : fallback;
}

/** The page number from `?page=`: a whole number from 1 to 10,000, else 1. */
export function pageParam(params: URLSearchParams): number {
  const n = Number(params.get("page"));
  return Number.isInteger(n) ? Math.min(Math.max(1, n), 10_000) : 1;
}

/** YYYY-MM from `?month=`, or the current month in Vietnam when missing or invalid. */
export function monthParam(params: URLSearchParams, now: Date): string {
  const m = params.get("month") ?? "";
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(m) && m >= "2000-01" && m <= "2100-12" ? m : vnDateOf(now).slice(0, 7);
}
