/**
 * Conduct inspection rules: scores, who may do what in which state, corrective-action states,
 * template versioning. Pure: no I/O, no clock (today and now are arguments).
 */
import { formatNumber, type NumberLocale } from "../../utils/number";
import { addDays } from "../../utils/dates";

import type { ActionStatus, InspectionStatus, Outcome } from "../../../db/schema";

// Stored values: the lists live with the table types (db/schema.ts).
// Corrective action (chấn chỉnh): raised (open) → the member explains → the inspector verifies.
export {
  ACTION_STATUSES,
  INSPECTION_STATUSES,
  OUTCOMES,
  type ActionStatus,
  type InspectionStatus,
  type Outcome,
} from "../../../db/schema";

/** Statuses still waiting for someone: the member (open) or the inspector (explained). */
export const PENDING_ACTION_STATUSES: readonly ActionStatus[] = ["open", "explained"];

/** Photos: images only, at most this size each, at most this many per inspection. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS_PER_REQUEST = 10;
export const MAX_PHOTOS_PER_INSPECTION = 40;
export const MAX_MEMBERS_PER_INSPECTION = 30;
export const MAX_TEMPLATE_ITEMS = 60;
export const MAX_ITEM_WEIGHT = 10;
/** Days from today a corrective action is due by default, and the furthest allowed. */
export const DEFAULT_DUE_DAYS = 7;
const MAX_DUE_DAYS = 180;

// ---- scores ----

interface WeightedOutcome {
  outcome: Outcome;
  weight: number;
}

/**
 * The score of one member in one inspection: the share of the applicable items passed, weighted
 * by the items' weights, from 0 to 100. Items "not applicable" do not count either way; when no
 * item applies there is no score (null), which is not the same as 0.
 */
export function scoreOf(results: readonly WeightedOutcome[]): number | null {
  let applicable = 0;
  let passed = 0;
  for (const r of results) {
    if (r.outcome === "na") continue;
    const w = Math.max(0, r.weight);
    applicable += w;
    if (r.outcome === "pass") passed += w;
  }
  if (applicable === 0) return null;
  return (passed / applicable) * 100;
}

/** Score and counts of one member's results, as stored on inspection_members. */
export function tallyOf(results: readonly WeightedOutcome[]) {
  return {
    score: scoreOf(results),
    pass: results.filter((r) => r.outcome === "pass").length,
    fail: results.filter((r) => r.outcome === "fail").length,
    na: results.filter((r) => r.outcome === "na").length,
  };
}

/** A score as people read it: a whole number ("1.000" is never reached), or "—" when nothing applied. */
export function formatScore(score: number | null | undefined, locale: NumberLocale = "vi"): string {
  return score === null || score === undefined ? "—" : formatNumber(score, locale, { maxDecimals: 0 });
}

/**
 * Quick mode: everything passes except what was tapped as failing. `fails` is
 * { [membershipId]: { [itemId]: "on" } } from the form; unknown ids are ignored.
 */
export function quickOutcomes(
  memberIds: readonly string[],
  itemIds: readonly string[],
  fails: Record<string, Record<string, unknown> | undefined> | undefined,
): { membershipId: string; itemId: string; outcome: Outcome }[] {
  const out: { membershipId: string; itemId: string; outcome: Outcome }[] = [];
  for (const m of memberIds) {
    for (const i of itemIds) out.push({ membershipId: m, itemId: i, outcome: fails?.[m]?.[i] ? "fail" : "pass" });
  }
  return out;
}

// ---- who may do what ----

export interface InspectionRelation {
  /** Made the inspection. */
  inspector: boolean;
  /** May see every inspection of the centre (director, deputy, inspector). */
  viewAll: boolean;
  /** May conduct inspections and manage corrective actions. */
  conduct: boolean;
  /** Is one of the members inspected. */
  inspected: boolean;
}

export type InspectionAction = "view" | "edit" | "submit" | "delete" | "amend" | "raiseAction" | "verifyAction";

/**
 * Drafts belong to their inspector until submitted; a submitted inspection is never edited, only
 * amended with an addendum. Inspected members see it once it is submitted (their part only).
 */
export function inspectionAllowed(action: InspectionAction, status: InspectionStatus, r: InspectionRelation): boolean {
  switch (action) {
    case "view":
      return r.viewAll || r.inspector || (status === "submitted" && r.inspected);
    case "edit":
    case "submit":
    case "delete":
      return status === "draft" && r.inspector && r.conduct;
    case "amend":
    case "raiseAction":
    case "verifyAction":
      return status === "submitted" && r.conduct;
  }
}

/** What the viewer sees of an inspection: everyone's findings, or only their own. */
export function seesEveryone(r: InspectionRelation): boolean {
  return r.viewAll || r.inspector;
}

type CorrectiveStep = "explain" | "verify";

/** The member explains (and may reword it) until the inspector verifies; verifying closes it. */
export function actionAllowed(step: CorrectiveStep, status: ActionStatus, r: { member: boolean; conduct: boolean }): boolean {
  const pending = status === "open" || status === "explained";
  if (step === "explain") return pending && r.member;
  return pending && r.conduct;
}

/**
 * Overdue: still waiting for the member's explanation after its due date. Once the member has
 * explained, it waits for the inspector instead and is no longer the member's delay.
 */
export function isActionOverdue(a: { status: string; due_date: string }, today: string): boolean {
  return a.status === "open" && a.due_date < today;
}

/** A due date must be from today to MAX_DUE_DAYS ahead. Returns an error key or null. */
export function dueDateError(due: string, today: string): string | null {
  if (due < today) return "dueInPast";
  if (due > addDays(today, MAX_DUE_DAYS)) return "dueTooFar";
  return null;
}

// ---- templates ----

interface TemplateItemRow {
  id: string;
  code: string;
  text: string;
  basis: string;
  weight: number;
  sort_order: number;
}

export interface TemplateItemEdit {
  id?: string;
  code: string;
  text: string;
  basis: string;
  weight: number;
  order?: number;
  remove?: boolean;
}

interface PlannedItem {
  /** The existing row kept (only when editing in place). */
  id?: string;
  code: string;
  text: string;
  basis: string;
  weight: number;
  sort_order: number;
}

/**
 * What saving a template's items does. Rows marked removed go; the rest are sorted by their order
 * (ties keep the form's order) and numbered 1, 2, 3…. Nothing changed: nothing happens. Changed
 * and the current version is used by an inspection: a new version with these items, so old
 * inspections keep theirs. Changed and not used yet: the current version is edited in place.
 */
export function planTemplateSave(
  current: readonly TemplateItemRow[],
  edits: readonly TemplateItemEdit[],
  inUse: boolean,
): { changed: boolean; newVersion: boolean; items: PlannedItem[] } {
  const kept = edits
    .map((e, index) => ({ e, index }))
    .filter(({ e }) => !e.remove)
    .sort((a, b) => (a.e.order ?? Number.MAX_SAFE_INTEGER) - (b.e.order ?? Number.MAX_SAFE_INTEGER) || a.index - b.index);
  const known = new Set(current.map((c) => c.id));
  const items: PlannedItem[] = kept.map(({ e }, i) => ({
    id: !inUse && e.id && known.has(e.id) ? e.id : undefined,
    code: e.code.trim(),
    text: e.text.trim(),
    basis: e.basis.trim(),
    weight: e.weight,
    sort_order: i + 1,
  }));
  const before = [...current].sort((a, b) => a.sort_order - b.sort_order);
  const same =
    before.length === items.length &&
    before.every((c, i) => {
      const n = items[i]!;
      return c.code === n.code && c.text === n.text && c.basis === n.basis && c.weight === n.weight;
    });
  if (same) return { changed: false, newVersion: false, items: [] };
  return { changed: true, newVersion: inUse, items: inUse ? items.map(({ id: _id, ...rest }) => rest) : items };
}

/** Per-row problems of a template's items: { "items[2].code": "itemCodeTaken", … }. */
export function templateItemErrors(edits: readonly { code?: string; text?: string; remove?: boolean }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Map<string, number>();
  let kept = 0;
  edits.forEach((e, i) => {
    if (e.remove) return;
    const code = (e.code ?? "").trim();
    const text = (e.text ?? "").trim();
    if (!code && !text) return; // an empty new row
    kept++;
    if (!code) errors[`items[${i}].code`] = "required";
    else if (!/^[\p{L}\p{N}_-]{1,12}$/u.test(code)) errors[`items[${i}].code`] = "itemCodeFormat";
    else {
      const key = code.toUpperCase();
      if (seen.has(key)) errors[`items[${i}].code`] = "itemCodeTaken";
      else seen.set(key, i);
    }
    if (text.length < 3) errors[`items[${i}].text`] = "itemTextRequired";
  });
  if (kept === 0) errors["items"] = "itemsRequired";
  return errors;
}

// ---- time ----

/** "YYYY-MM-DDTHH:mm" (a datetime-local value, Vietnam time) → the instant, or null if malformed. */
export function vnLocalToInstant(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  // Vietnam is UTC+7 without daylight saving (app/utils/dates.ts): no time-zone library in the browser.
  const instant = new Date(Date.UTC(y, mo - 1, d, h - 7, mi));
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null; // 31/02 and the like
  return instant;
}

/** An instant as a datetime-local value in Vietnam time ("YYYY-MM-DDTHH:mm"). */
export function instantToVnLocal(instant: Date): string {
  return new Date(+instant + 7 * 3600_000).toISOString().slice(0, 16);
}
