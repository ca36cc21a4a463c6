import { sql } from "kysely";
import type { Executor } from "../../../db/schema";
import { vnDateOf } from "../../utils/dates";

/**
 * Inspection results for other capabilities (the person view, the periodic report): only
 * submitted inspections count. Periods are calendar dates in Vietnam (`YYYY-MM-DD`, both
 * included). `asOf` decides which corrective actions are overdue: pass the server clock
 * (`context.now()`), never rely on the default in tests.
 */

interface ActionCounts {
  /** Raised from the inspections of the period. */
  raised: number;
  resolved: number;
  unresolved: number;
  /** Still waiting: for the member's explanation or for the inspector's verification. */
  open: number;
  /** Waiting for the member's explanation past the due date. */
  overdue: number;
}

interface ItemCount {
  code: string;
  text: string;
  count: number;
}

interface MemberInspectionSummary {
  membershipId: string;
  from: string;
  to: string;
  inspections: number;
  /** Mean of the member's scores (0–100), null when nothing applied. */
  averageScore: number | null;
  failures: number;
  history: { inspectionId: string; inspectedAt: string; place: string; counter: string; score: number | null; pass: number; fail: number; na: number }[];
  findings: { inspectionId: string; inspectedAt: string; code: string; text: string; note: string }[];
  failuresByItem: ItemCount[];
  actions: ActionCounts;
}

interface CentreInspectionSummary {
  from: string;
  to: string;
  inspections: number;
  membersCovered: number;
  /** Member × inspection results counted. */
  memberChecks: number;
  averageScore: number | null;
  /** Share of applicable item results that passed (0–100), null when none. */
  passRate: number | null;
  failuresByItem: ItemCount[];
  /** Most-failed items per month (YYYY-MM), months in order, the top five of each. */
  failuresByMonth: { month: string; total: number; items: ItemCount[] }[];
  actions: ActionCounts;
}

function byCount(a: ItemCount, b: ItemCount) {
  return b.count - a.count || a.code.localeCompare(b.code, "vi", { numeric: true });
}

/**
 * Corrective actions: raised, resolved and unresolved count the inspections of the period; open and
 * overdue are a state, so they count every action still open from inspections up to the period's
 * end, whenever it was raised — the person view and the home page then agree for the same day.
 */
async function actionCounts(db: Executor, orgId: string, from: string, to: string, asOf: Date, membershipId?: string): Promise<ActionCounts> {
  let upTo = db
    .selectFrom("inspection_actions as c")
    .innerJoin("inspections as i", "i.id", "c.inspection_id")
    .where("c.org_id", "=", orgId)
    .where("i.org_id", "=", orgId)
    .where("i.status", "=", "submitted")
    .where("i.inspected_date", "<=", to);
  if (membershipId) upTo = upTo.where("c.membership_id", "=", membershipId);
  const today = vnDateOf(asOf);
  const [rows, open] = await Promise.all([
    upTo
      .where("i.inspected_date", ">=", from)
      .select((eb) => ["c.status", eb.fn.countAll<number>().as("n")])
      .groupBy("c.status")
      .execute(),
    upTo
      .where("c.status", "in", ["open", "explained"])
      .select((eb) => [
        eb.fn.countAll<number>().as("n"),
        eb.fn.sum<number>(eb.case().when(eb.and([eb("c.status", "=", "open"), eb("c.due_date", "<", today)])).then(1).else(0).end()).as("overdue"),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return {
    raised: rows.reduce((sum, r) => sum + Number(r.n), 0),
    resolved: n("resolved"),
    unresolved: n("unresolved"),
    open: Number(open.n),
    overdue: Number(open.overdue ?? 0),
  };
}

/**
 * Corrective actions still open on `asOf`'s day (waiting for an explanation or a verification), per
 * centre, for several centres in one query: the `open` of `centreInspectionSummary` without the
 * rest of the summary (the leaders' daily digest).
 */
export async function openActionsByCentre(db: Executor, orgIds: readonly string[], asOf: Date): Promise<Map<string, number>> {
  if (orgIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("inspection_actions as c")
    .innerJoin("inspections as i", "i.id", "c.inspection_id")
    .select((eb) => ["c.org_id", eb.fn.countAll<number>().as("n")])
    .where("c.org_id", "in", orgIds)
    .whereRef("i.org_id", "=", "c.org_id")
    .where("i.status", "=", "submitted")
    .where("i.inspected_date", "<=", vnDateOf(asOf))
    .where("c.status", "in", ["open", "explained"])
    .groupBy("c.org_id")
    .execute();
  return new Map(rows.map((r) => [r.org_id, Number(r.n)]));
}

/** One member's inspection results over a period: history, failed items, corrective actions. */
export async function memberInspectionSummary(
  db: Executor,
  orgId: string,
  membershipId: string,
  from: string,
  to: string,
  asOf: Date = new Date(),
): Promise<MemberInspectionSummary> {
  const [history, findings, actions] = await Promise.all([
    db
      .selectFrom("inspection_members as im")
      .innerJoin("inspections as i", "i.id", "im.inspection_id")
      .select([
        "i.id as inspectionId",
        "i.inspected_at as inspectedAt",
        "i.place",
        "i.counter",
        "im.score",
        "im.pass_count as pass",
        "im.fail_count as fail",
        "im.na_count as na",
      ])
      .where("im.org_id", "=", orgId)
      .where("im.membership_id", "=", membershipId)
      .where("i.org_id", "=", orgId)
      .where("i.status", "=", "submitted")
      .where("i.inspected_date", ">=", from)
      .where("i.inspected_date", "<=", to)
      .orderBy("i.inspected_at", "desc")
      .limit(500)
      .execute(),
    db
      .selectFrom("inspection_results as r")
      .innerJoin("inspections as i", "i.id", "r.inspection_id")
      .innerJoin("inspection_template_items as it", "it.id", "r.item_id")
      .select(["i.id as inspectionId", "i.inspected_at as inspectedAt", "it.code", "it.text", "r.note"])
      .where("r.org_id", "=", orgId)
      .where("r.membership_id", "=", membershipId)
      .where("r.outcome", "=", "fail")
      .where("i.status", "=", "submitted")
      .where("i.inspected_date", ">=", from)
      .where("i.inspected_date", "<=", to)
      .orderBy("i.inspected_at", "desc")
      .orderBy("it.sort_order")
      .limit(500)
      .execute(),
    actionCounts(db, orgId, from, to, asOf, membershipId),
  ]);
  const scored = history.filter((h) => h.score !== null);
  const counts = new Map<string, ItemCount>();
  for (const f of findings) {
    const c = counts.get(f.code) ?? { code: f.code, text: f.text, count: 0 };
    c.count++;
    counts.set(f.code, c);
  }
  return {
    membershipId,
    from,
    to,
    inspections: history.length,
    averageScore: scored.length ? scored.reduce((s, h) => s + (h.score ?? 0), 0) / scored.length : null,
    failures: findings.length,
    history,
    findings,
    failuresByItem: [...counts.values()].sort(byCount),
    actions,
  };
}

/**
 * The centre's pass rate (as centreInspectionSummary's passRate) for each month of [from, to] with
 * submitted inspections, in one grouped query: for pages that show only the rate of a few months.
 */
export async function monthlyPassRates(db: Executor, orgId: string, from: string, to: string): Promise<Map<string, number | null>> {
  const month = sql<string>`substr(i.inspected_date, 1, 7)`;
  const rows = await db
    .selectFrom("inspection_members as im")
    .innerJoin("inspections as i", "i.id", "im.inspection_id")
    .select((eb) => [month.as("month"), eb.fn.sum<number>("im.pass_count").as("passed"), eb.fn.sum<number>("im.fail_count").as("failed")])
    .where("im.org_id", "=", orgId)
    .where("i.org_id", "=", orgId)
    .where("i.status", "=", "submitted")
    .where("i.inspected_date", ">=", from)
    .where("i.inspected_date", "<=", to)
    .groupBy(month)
    .execute();
  return new Map(
    rows.map((r) => {
      const passed = Number(r.passed ?? 0);
      const failed = Number(r.failed ?? 0);
      return [r.month, passed + failed > 0 ? (passed / (passed + failed)) * 100 : null];
    }),
  );
}

/** The centre's inspection results over a period: coverage, pass rate, most-failed items by month, corrective actions. */
export async function centreInspectionSummary(db: Executor, orgId: string, from: string, to: string, asOf: Date = new Date()): Promise<CentreInspectionSummary> {
  const [totals, failures, actions] = await Promise.all([
    db
      .selectFrom("inspection_members as im")
      .innerJoin("inspections as i", "i.id", "im.inspection_id")
      .select((eb) => [
        eb.fn.count<number>("im.inspection_id").distinct().as("inspections"),
        eb.fn.count<number>("im.membership_id").distinct().as("members"),
        eb.fn.countAll<number>().as("checks"),
        eb.fn.avg<number | null>("im.score").as("avgScore"),
        eb.fn.sum<number>("im.pass_count").as("passed"),
        eb.fn.sum<number>("im.fail_count").as("failed"),
      ])
      .where("im.org_id", "=", orgId)
      .where("i.org_id", "=", orgId)
      .where("i.status", "=", "submitted")
      .where("i.inspected_date", ">=", from)
      .where("i.inspected_date", "<=", to)
      .executeTakeFirstOrThrow(),
    // Grouped by day and item in SQL (bounded by days × items), folded into months here.
    db
      .selectFrom("inspection_results as r")
      .innerJoin("inspections as i", "i.id", "r.inspection_id")
      .innerJoin("inspection_template_items as it", "it.id", "r.item_id")
      .select((eb) => ["i.inspected_date as date", "it.code", eb.fn.max("it.text").as("text"), eb.fn.countAll<number>().as("n")])
      .where("r.org_id", "=", orgId)
      .where("r.outcome", "=", "fail")
      .where("i.status", "=", "submitted")
      .where("i.inspected_date", ">=", from)
      .where("i.inspected_date", "<=", to)
      .groupBy(["i.inspected_date", "it.code"])
      .limit(20_000)
      .execute(),
    actionCounts(db, orgId, from, to, asOf),
  ]);
  const all = new Map<string, ItemCount>();
  const months = new Map<string, Map<string, ItemCount>>();
  for (const f of failures) {
    const n = Number(f.n);
    const text = String(f.text ?? "");
    const a = all.get(f.code) ?? { code: f.code, text, count: 0 };
    a.count += n;
    all.set(f.code, a);
    const month = f.date.slice(0, 7);
    const m = months.get(month) ?? new Map<string, ItemCount>();
    const c = m.get(f.code) ?? { code: f.code, text, count: 0 };
    c.count += n;
    m.set(f.code, c);
    months.set(month, m);
  }
  const passed = Number(totals.passed ?? 0);
  const failed = Number(totals.failed ?? 0);
  return {
    from,
    to,
    inspections: Number(totals.inspections ?? 0),
    membersCovered: Number(totals.members ?? 0),
    memberChecks: Number(totals.checks ?? 0),
    averageScore: totals.avgScore === null || totals.avgScore === undefined ? null : Number(totals.avgScore),
    passRate: passed + failed > 0 ? (passed / (passed + failed)) * 100 : null,
    failuresByItem: [...all.values()].sort(byCount).slice(0, 20),
    failuresByMonth: [...months.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, items]) => {
        const list = [...items.values()].sort(byCount);
        return { month, total: list.reduce((s, i) => s + i.count, 0), items: list.slice(0, 5) };
      }),
    actions,
  };
}

/** Failed items per inspected member in submitted inspections between two dates (the dashboard's comparison). */
export function failuresByMember(db: Executor, orgId: string, from: string, to: string) {
  return db
    .selectFrom("inspection_results as r")
    .innerJoin("inspections as i", "i.id", "r.inspection_id")
    .select((eb) => ["r.membership_id", eb.fn.countAll<number>().as("n")])
    .where("r.org_id", "=", orgId)
    .where("i.org_id", "=", orgId)
    .where("i.status", "=", "submitted")
    .where("r.outcome", "=", "fail")
    .where("i.inspected_date", ">=", from)
    .where("i.inspected_date", "<=", to)
    .groupBy("r.membership_id")
    .execute();
}

/** Open corrective actions due on a date (at most 1,000), with their item, for the reminders. */
export function actionsDueOn(db: Executor, orgId: string, date: string) {
  return db
    .selectFrom("inspection_actions as a")
    .innerJoin("inspection_template_items as it", "it.id", "a.item_id")
    .select(["a.id", "a.membership_id", "a.inspection_id", "a.due_date", "it.code", "it.text"])
    .where("a.org_id", "=", orgId)
    .where("a.status", "=", "open")
    .where("a.due_date", "=", date)
    .limit(1000)
    .execute();
}
