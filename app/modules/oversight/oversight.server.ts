// Oversight groups (docs/decisions/0042-oversight.md): a supervising body sees, read-only, the
// figures of the centres assigned to it. Resolving the group reads across centres (which centres it
// has); every figure is then computed inside one centre's scope at a time (withTenant), by the same
// functions the centre's own report and dashboard use — one rule engine, the same numbers.
import type { CentreStatus, Executor } from "../../../db/schema";
import { withTenant, withoutTenant } from "../../../db/tenant";
import { centresByIds } from "../org/centre.server";
import { centreDashboard } from "../people/dashboard.server";
import { reportFigures, type ReportFigures } from "../reports/figures.server";
import { listReports, reportView } from "../reports/reports.server";
import { notFound } from "../../utils/errors";
import type { ReportPeriod } from "../reports/period";

export interface OversightGroup {
  id: string;
  slug: string;
  name: string;
  parentBody: string;
  placeName: string;
}

export interface GroupCentre {
  id: string;
  slug: string;
  name: string;
  parentBody: string;
  placeName: string;
  /** A suspended centre is shown as such and not opened (decision 0044). */
  status: CentreStatus;
  suspended_at: string | null;
  suspension_reason: string | null;
  deletion_due_at: string | null;
}

/** The largest group a page computes figures for; a larger body is split into groups. */
export const MAX_GROUP_CENTRES = 60;

/** The groups a user may open (for the home page), by name. */
export async function groupsOfUser(db: Executor, userId: string): Promise<{ slug: string; name: string }[]> {
  return db
    .selectFrom("oversight_members as m")
    .innerJoin("oversight_groups as g", "g.id", "m.group_id")
    .select(["g.slug", "g.name"])
    .where("m.user_id", "=", userId)
    .where("m.active", "=", 1)
    .orderBy("g.name")
    .limit(50)
    .execute();
}

/** Whether the user oversees any group (an overseer may sign in without a centre). */
export async function isActiveOverseer(db: Executor, userId: string): Promise<boolean> {
  const row = await db.selectFrom("oversight_members").select("group_id").where("user_id", "=", userId).where("active", "=", 1).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The group named by the URL with its centres, when this user is one of its overseers; undefined otherwise. */
export async function overseenGroup(db: Executor, userId: string, slug: string): Promise<{ group: OversightGroup; centres: GroupCentre[] } | undefined> {
  const group = await db
    .selectFrom("oversight_members as m")
    .innerJoin("oversight_groups as g", "g.id", "m.group_id")
    .select(["g.id", "g.slug", "g.name", "g.parent_body as parentBody", "g.place_name as placeName"])
    .where("g.slug", "=", slug)
    .where("m.user_id", "=", userId)
    .where("m.active", "=", 1)
    .executeTakeFirst();
  if (!group) return undefined;
  const centres = await withoutTenant("oversight: the centres assigned to a group its overseer opens", async () => {
    // tenant-safe: the group's own list of centres, by group id; the group was resolved for this user above.
    const ids = await db.selectFrom("oversight_centres").select("org_id").where("group_id", "=", group.id).limit(MAX_GROUP_CENTRES).execute();
    return centresByIds(
      db,
      ids.map((r) => r.org_id),
    );
  });
  return { group, centres };
}

/** One centre's row of the comparison: its period figures, flattened to what the table shows. */
export interface CentreRow {
  centre: GroupCentre;
  staff: number;
  tasksAssigned: number;
  tasksCompleted: number;
  onTimeRate: number | null;
  overdue: number;
  punctuality: number | null;
  lateArrivals: number;
  dutyRostered: number;
  dutyDone: number;
  dutyRate: number | null;
  inspections: number;
  passRate: number | null;
  openActions: number;
  overdueActions: number;
  /** The evaluation bands of the period's members; null when the period has no evaluation (a custom range). */
  bands: { excellent: number; good: number; completed: number; failed: number; unrated: number } | null;
  /** The mean of the rates the centre has (on time, punctuality, duty, inspections); null with fewer than two. */
  score: number | null;
}

/** A centre is ranked only with at least this many of the four rates: one rate alone says too little. */
export const MIN_RATES_FOR_SCORE = 2;

/** The composite score of the ranking: the plain mean of the rates a centre has (0–100); null with too few. */
export function compositeScore(rates: (number | null)[]): number | null {
  const known = rates.filter((r): r is number => r !== null);
  if (known.length < MIN_RATES_FOR_SCORE) return null;
  return Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 10) / 10;
}

function rowOf(centre: GroupCentre, f: ReportFigures): CentreRow {
  const dutyRate = f.duty.rate;
  return {
    centre,
    staff: f.staff.atEnd,
    tasksAssigned: f.tasks.assigned,
    tasksCompleted: f.tasks.completed,
    onTimeRate: f.tasks.onTimeRate,
    overdue: f.tasks.overdue,
    punctuality: f.attendance.punctualityRate,
    lateArrivals: f.attendance.lateArrivals,
    dutyRostered: f.duty.rostered,
    dutyDone: f.duty.done,
    dutyRate,
    inspections: f.inspections.count,
    passRate: f.inspections.passRate,
    openActions: f.inspections.actions.open,
    overdueActions: f.inspections.actions.overdue,
    bands: f.evaluation
      ? { excellent: f.evaluation.excellent, good: f.evaluation.good, completed: f.evaluation.completed, failed: f.evaluation.failed, unrated: f.evaluation.unrated }
      : null,
    score: compositeScore([f.tasks.onTimeRate, f.attendance.punctualityRate, dutyRate, f.inspections.passRate]),
  };
}

/** Runs `fn` for each centre in its own tenant scope, two at a time (bounded work per request). */
async function perCentre<T>(centres: readonly GroupCentre[], fn: (c: GroupCentre) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(centres.length);
  let next = 0;
  const worker = async () => {
    while (next < centres.length) {
      const i = next++;
      const c = centres[i]!;
      out[i] = await withTenant(c.id, () => fn(c));
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}

/** The comparison table of a period: one row per centre, ranked by the composite score (unknown last). */
export async function groupComparison(db: Executor, centres: readonly GroupCentre[], period: ReportPeriod, now: Date): Promise<CentreRow[]> {
  const rows = await perCentre(centres, async (c) => rowOf(c, await reportFigures(db, c.id, period.from, period.to, now)));
  return rankRows(rows);
}

/** Rows by score, best first; centres without a score last, by name. */
export function rankRows(rows: CentreRow[]): CentreRow[] {
  return [...rows].sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.centre.name.localeCompare(b.centre.name, "vi"));
}

export interface TrendPoint {
  month: string;
  onTimeRate: number | null;
  punctuality: number | null;
  dutyCompliance: number | null;
}

/** The mean of the centres' values, one decimal; null when no centre has one. */
function meanOf(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 10) / 10 : null;
}

/**
 * Twelve months of the group: each month's rates averaged over the centres that have them (each
 * centre's own twelve-month trend, as its dashboard shows it), and each centre's dashboard kept
 * for the drill-down links.
 */
export async function groupTrend(db: Executor, centres: readonly GroupCentre[], now: Date): Promise<TrendPoint[]> {
  const trends = await perCentre(centres, async (c) => (await centreDashboard(db, c.id, "", now)).trend);
  const months = trends[0]?.map((p) => p.month) ?? [];
  return months.map((month, i) => ({
    month,
    onTimeRate: meanOf(trends.map((t) => t[i]?.onTimeRate ?? null)),
    punctuality: meanOf(trends.map((t) => t[i]?.punctuality ?? null)),
    dutyCompliance: meanOf(trends.map((t) => t[i]?.dutyCompliance ?? null)),
  }));
}

/** One centre's dashboard as its director sees the figures (no personal inbox), in its own scope. */
export function centreFigures(db: Executor, centre: GroupCentre, now: Date) {
  return withTenant(centre.id, () => centreDashboard(db, centre.id, "", now));
}

/** The centre's issued (finalised) reports, newest period first; drafts stay inside the centre. */
export async function centreReports(db: Executor, centre: GroupCentre) {
  const rows = await withTenant(centre.id, () => listReports(db, centre.id));
  return rows.filter((r) => r.status === "finalised").map((r) => ({ id: r.id, title: r.title, number: r.number, reportDate: r.report_date }));
}

/** An issued report of the centre, as its DOCX needs it; 404 for a draft or another centre's id. */
export async function issuedReport(db: Executor, centre: GroupCentre, reportId: string, now: Date) {
  const view = await withTenant(centre.id, () => reportView(db, centre.id, reportId, now));
  if (view.row.status !== "finalised") notFound();
  return view;
}
