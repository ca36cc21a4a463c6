/**
 * Fair automatic assignment of holiday duty-roster slots (trực lãnh đạo / chuyên môn / bảo vệ).
 *
 * Pure: no I/O, no clock, no randomness. The same input always gives the same output, whatever
 * the order of the `slots` and `candidates` arrays (output lists follow the canonical slot order:
 * date ascending, then kind leader → staff → security, then slot id).
 *
 * Algorithm (greedy, one pass in canonical slot order):
 *  1. Kept slots (locked ones, and with `keepExisting` every already-filled one) are recorded first:
 *     they count toward each member's weighted total and shift count and occupy their date.
 *  2. For every other slot, the eligible candidates are those that are active, allowed this slot
 *     kind, not on leave that date and not already on duty that date (any kind, in this roster or
 *     — `busy` — in another roster over the same days). None → the slot stays empty and is listed
 *     in `unfilled`.
 *  3. Soft rule: among the eligible, those with no duty on the day before or after (in this
 *     roster, in another one, or their `lastDutyDate`) are preferred; only if there is none is a
 *     "consecutive" candidate used.
 *  4. The slot goes to the best-ranked of those: smallest running weighted count (priorWeighted +
 *     weights of this roster's slots so far), then fewer shifts in this roster, then the older last
 *     duty (their `lastDutyDate` or, once they have served in this roster, their latest duty before
 *     this slot's date; never = first), then name (Vietnamese collation), then membershipId.
 */

import type { SlotKind } from "../../../db/schema";

export type { SlotKind };

export interface SlotInput {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  kind: SlotKind;
  /** e.g. holiday 2, weekend 1 */
  weight: number;
  membershipId: string | null;
  /** Keep as is (filled by hand). */
  locked?: boolean;
}

export interface Candidate {
  membershipId: string;
  name: string;
  /** Which slot kinds they may take. */
  kinds: SlotKind[];
  /** Weighted duty count this calendar year outside this roster. */
  priorWeighted: number;
  lastDutyDate?: string | null;
  /** Dates (YYYY-MM-DD) on approved leave. */
  unavailable: string[];
  /**
   * Duty in other rosters around this one's days: date → the other roster's title. Such a date is
   * taken (never assigned twice a day across rosters) and counts for the consecutive-days rule.
   */
  busy?: Record<string, string>;
  active: boolean;
}

export interface AssignResult {
  /** One entry per slot (kept ones included), in canonical slot order. */
  assignments: { slotId: string; membershipId: string | null }[];
  /** Slot ids left empty (including a locked slot that is empty), in canonical slot order. */
  unfilled: string[];
  /** One row per candidate: priorWeighted + this roster; sorted desc by weighted, then name, then id. */
  totals: { membershipId: string; name: string; weighted: number; shifts: number }[];
}

export type Conflict = {
  slotId: string;
  /** "elsewhere": on duty the same day in another roster (`other` names it). */
  kind: "double" | "elsewhere" | "inactive" | "leave" | "ineligible" | "consecutive";
  membershipId: string;
  date: string;
  other?: string;
};

const KIND_ORDER: Record<SlotKind, number> = { leader: 0, staff: 1, security: 2 };
const CONFLICT_ORDER: Conflict["kind"][] = ["double", "elsewhere", "inactive", "leave", "ineligible", "consecutive"];

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSlots(a: SlotInput, b: SlotInput): number {
  return cmpStr(a.date, b.date) || (KIND_ORDER[a.kind] ?? 3) - (KIND_ORDER[b.kind] ?? 3) || cmpStr(a.id, b.id);
}

function compareNames(a: string, b: string): number {
  return a.localeCompare(b, "vi");
}

// Proleptic Gregorian day numbers (days since 1970-01-01), integer arithmetic only.
function dayNumber(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const y = Number(m[1]) - (mo <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((mo + 9) % 12) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function isoFromDayNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The ISO dates just before and just after `iso` (empty for an unparsable date). */
function neighbours(iso: string, cache: Map<string, string[]>): string[] {
  let hit = cache.get(iso);
  if (!hit) {
    const n = dayNumber(iso);
    hit = n === null ? [] : [isoFromDayNumber(n - 1), isoFromDayNumber(n + 1)];
    cache.set(iso, hit);
  }
  return hit;
}

function assertUnique(ids: string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new Error(`Duplicate ${what} id: ${id}`);
    seen.add(id);
  }
}

interface Member {
  c: Candidate;
  kinds: Set<SlotKind>;
  leave: Set<string>;
  busy: Map<string, string>;
}

function indexCandidates(candidates: Candidate[]): Member[] {
  assertUnique(
    candidates.map((c) => c.membershipId),
    "candidate membership",
  );
  return [...candidates]
    .sort((a, b) => cmpStr(a.membershipId, b.membershipId))
    .map((c) => ({ c, kinds: new Set(c.kinds), leave: new Set(c.unavailable), busy: new Map(Object.entries(c.busy ?? {})) }));
}

/** Per member: date → number of slots held that date in this roster. */
class DutyBook {
  readonly dates = new Map<string, Map<string, number>>();
  readonly weighted = new Map<string, number>();
  readonly shifts = new Map<string, number>();

  add(member: string, date: string, weight: number): void {
    let ds = this.dates.get(member);
    if (!ds) this.dates.set(member, (ds = new Map()));
    ds.set(date, (ds.get(date) ?? 0) + 1);
    this.weighted.set(member, (this.weighted.get(member) ?? 0) + weight);
    this.shifts.set(member, (this.shifts.get(member) ?? 0) + 1);
  }

  count(member: string, date: string): number {
    return this.dates.get(member)?.get(date) ?? 0;
  }

  /** Latest duty date strictly before `date`, or null. */
  lastBefore(member: string, date: string): string | null {
    let last: string | null = null;
    for (const d of this.dates.get(member)?.keys() ?? []) if (d < date && (last === null || d > last)) last = d;
    return last;
  }
}

export function autoAssign(slots: SlotInput[], candidates: Candidate[], opts?: { keepExisting?: boolean }): AssignResult {
  const keepExisting = opts?.keepExisting ?? false;
  assertUnique(
    slots.map((s) => s.id),
    "slot",
  );
  const ordered = [...slots].sort(compareSlots);
  const pool = indexCandidates(candidates);
  const book = new DutyBook();
  const near = new Map<string, string[]>();
  const result = new Map<string, string | null>();

  const kept = (s: SlotInput) => s.locked === true || (keepExisting && s.membershipId !== null);
  for (const s of ordered) {
    if (!kept(s)) continue;
    result.set(s.id, s.membershipId);
    if (s.membershipId !== null) book.add(s.membershipId, s.date, s.weight);
  }

  for (const s of ordered) {
    if (kept(s)) continue;
    const eligible = pool.filter(
      (m) => m.c.active && m.kinds.has(s.kind) && !m.leave.has(s.date) && !m.busy.has(s.date) && book.count(m.c.membershipId, s.date) === 0,
    );
    if (eligible.length === 0) {
      result.set(s.id, null);
      continue;
    }
    const adjacent = neighbours(s.date, near);
    const rested = eligible.filter(
      (m) =>
        !adjacent.some((d) => book.count(m.c.membershipId, d) > 0 || m.busy.has(d) || m.c.lastDutyDate === d),
    );
    const choices = rested.length > 0 ? rested : eligible;

    const lastDuty = (m: Member): string | null => {
      const inRoster = book.lastBefore(m.c.membershipId, s.date);
      const prior = m.c.lastDutyDate ?? null;
      if (inRoster === null) return prior;
      return prior === null || inRoster > prior ? inRoster : prior;
    };
    const rank = (a: Member, b: Member): number => {
      const wa = a.c.priorWeighted + (book.weighted.get(a.c.membershipId) ?? 0);
      const wb = b.c.priorWeighted + (book.weighted.get(b.c.membershipId) ?? 0);
      if (wa !== wb) return wa < wb ? -1 : 1;
      const sa = book.shifts.get(a.c.membershipId) ?? 0;
      const sb = book.shifts.get(b.c.membershipId) ?? 0;
      if (sa !== sb) return sa - sb;
      const la = lastDuty(a);
      const lb = lastDuty(b);
      if (la !== lb) {
        if (la === null) return -1;
        if (lb === null) return 1;
        return cmpStr(la, lb);
      }
      return compareNames(a.c.name, b.c.name) || cmpStr(a.c.membershipId, b.c.membershipId);
    };
    let best = choices[0];
    for (const m of choices) if (rank(m, best) < 0) best = m;
    book.add(best.c.membershipId, s.date, s.weight);
    result.set(s.id, best.c.membershipId);
  }

  const assignments = ordered.map((s) => ({ slotId: s.id, membershipId: result.get(s.id) ?? null }));
  const totals = pool
    .map((m) => ({
      membershipId: m.c.membershipId,
      name: m.c.name,
      weighted: m.c.priorWeighted + (book.weighted.get(m.c.membershipId) ?? 0),
      shifts: book.shifts.get(m.c.membershipId) ?? 0,
    }))
    .sort((a, b) => b.weighted - a.weighted || compareNames(a.name, b.name) || cmpStr(a.membershipId, b.membershipId));
  return {
    assignments,
    unfilled: assignments.filter((a) => a.membershipId === null).map((a) => a.slotId),
    totals,
  };
}

/**
 * Problems in a filled roster, one entry per (offending slot, kind of problem), in canonical slot
 * order then double → elsewhere → inactive → leave → ineligible → consecutive. A member missing
 * from `candidates` is reported as "inactive" (no longer in the pool). "double" and "consecutive"
 * flag every slot involved; "elsewhere" is a double booking with another roster (its `busy`
 * dates), named in `other`; "consecutive" looks at the given slots and the other rosters' duty,
 * not at `lastDutyDate`.
 */
export function findConflicts(slots: SlotInput[], candidates: Candidate[]): Conflict[] {
  assertUnique(
    slots.map((s) => s.id),
    "slot",
  );
  const ordered = [...slots].sort(compareSlots);
  const byId = new Map(indexCandidates(candidates).map((m) => [m.c.membershipId, m]));
  const book = new DutyBook();
  for (const s of ordered) if (s.membershipId !== null) book.add(s.membershipId, s.date, s.weight);
  const near = new Map<string, string[]>();

  const out: Conflict[] = [];
  for (const s of ordered) {
    const mid = s.membershipId;
    if (mid === null) continue;
    const m = byId.get(mid);
    const found = new Set<Conflict["kind"]>();
    if (book.count(mid, s.date) > 1) found.add("double");
    if (m && m.busy.has(s.date)) found.add("elsewhere");
    if (!m || !m.c.active) found.add("inactive");
    if (m && m.leave.has(s.date)) found.add("leave");
    if (m && !m.kinds.has(s.kind)) found.add("ineligible");
    if (neighbours(s.date, near).some((d) => book.count(mid, d) > 0 || m?.busy.has(d))) found.add("consecutive");
    for (const kind of CONFLICT_ORDER) {
      if (!found.has(kind)) continue;
      out.push(kind === "elsewhere" ? { slotId: s.id, kind, membershipId: mid, date: s.date, other: m!.busy.get(s.date)! } : { slotId: s.id, kind, membershipId: mid, date: s.date });
    }
  }
  return out;
}
