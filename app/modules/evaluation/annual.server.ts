// The annual evaluation (annual.ts has the arithmetic and its legal basis): reads a centre's year
// — its members, the evaluations of the year's months and quarters, the annual rows — in four
// queries whatever the number of members; saves the evaluator's assessment and the member's
// self-assessment; finalises (directors only), which freezes the figures; and sends the December
// reminders for members not yet finalised.
import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { AnnualEvaluationsTable, DB, Executor } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { FieldError, notFound } from "../../utils/errors";
import { formatDate } from "../../utils/time";
import { audit } from "../audit/audit.server";
import { refuseOwnCase } from "../auth/decisions";
import { parseRoles } from "../auth/permissions";
import type { Ctx } from "../ctx";
import { notify } from "../notifications/notify.server";
import { vnDateOf } from "../tasks/rules";
import {
  deadlineDay,
  evaluateYear,
  excellenceRule,
  FIRST_SCALE_YEAR,
  isAbove,
  isEarly,
  reminderDue,
  shownAnnual,
  yearPeriodKeys,
  type AnnualResult,
  type PeriodResult,
} from "./annual";
import { parseFigures, type GeneralEntry } from "./evaluation.server";
import type { YearAssessmentInput, YearSelfInput } from "./schema";
import { bandCounts, floor2, GENERAL_CRITERIA, round2, shownParts, type Band, type GeneralCriterion, type GeneralPoints } from "./score";

const MAX_MEMBERS = 1_000;

type AnnualRow = Selectable<AnnualEvaluationsTable>;
export type AnnualStatus = "none" | "draft" | "finalised";

/** What finalising the year freezes (JSON in annual_evaluations.figures). */
export interface FrozenYear {
  v: 1;
  periods: PeriodResult[];
  result: AnnualResult;
  disciplined: boolean;
  disciplinedIn: string | null;
}

export interface MemberYear {
  membershipId: string;
  name: string;
  title: string;
  positionName: string | null;
  active: boolean;
  year: number;
  status: AnnualStatus;
  /** 0 while nothing is stored; forms send it back to detect concurrent edits. */
  version: number;
  /** The year's twelve months then four quarters. */
  periods: PeriodResult[];
  result: AnnualResult;
  general: Record<GeneralCriterion, GeneralEntry>;
  /** The year's own flag, and the effective one (this or any period of the year). */
  disciplinedFlag: boolean;
  disciplinedNote: string;
  disciplined: boolean;
  /** The period whose evaluation recorded the discipline, when the year's own flag is not set. */
  disciplinedIn: string | null;
  absent: boolean;
  absentNote: string;
  chosenBand: Band | null;
  chosenBandNote: string;
  comment: string;
  selfAssessment: string;
  selfBand: Band | null;
  selfAssessedAt: string | null;
  evaluatedAt: string | null;
  evaluatedBy: string | null;
  finalisedAt: string | null;
  finalisedBy: string | null;
  earlyReason: string;
  /** A director of the centre other than the member can finalise it (the director's own is rated by the superior body). */
  decidedHere: boolean;
}

function parseFrozen(text: string | null): FrozenYear | null {
  if (!text) return null;
  try {
    const f = JSON.parse(text) as FrozenYear;
    return f && f.v === 1 ? f : null;
  } catch {
    return null;
  }
}

function generalOf(row: Pick<AnnualRow, `${GeneralCriterion}_points` | `${GeneralCriterion}_note`> | undefined): Record<GeneralCriterion, GeneralEntry> {
  return {
    political: { points: row?.political_points ?? null, note: row?.political_note ?? "" },
    ethics: { points: row?.ethics_points ?? null, note: row?.ethics_note ?? "" },
    style: { points: row?.style_points ?? null, note: row?.style_note ?? "" },
    discipline: { points: row?.discipline_points ?? null, note: row?.discipline_note ?? "" },
  };
}

const pointsOf = (g: Record<GeneralCriterion, GeneralEntry>): GeneralPoints =>
  Object.fromEntries(GENERAL_CRITERIA.map((c) => [c, g[c].points])) as GeneralPoints;

// ---------- reads ----------

/** Members rated for the year: active members who had joined by its end, plus anyone with an annual row for it. */
async function yearMembers(db: Executor, orgId: string, year: number, membershipId?: string) {
  const q = db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .leftJoin("positions as p", "p.id", "m.position_id")
    .select(["m.id", "u.full_name as name", "m.title", "p.name as positionName", "m.active"])
    .where("m.org_id", "=", orgId);
  if (membershipId) return q.where("m.id", "=", membershipId).limit(1).execute();
  return q
    .where((eb) =>
      eb.or([
        eb.and([eb("m.active", "=", 1), eb("m.joined_on", "<=", `${year}-12-31`)]),
        eb.exists(
          eb.selectFrom("annual_evaluations as a").select("a.id").whereRef("a.membership_id", "=", "m.id").where("a.org_id", "=", orgId).where("a.year", "=", year),
        ),
      ]),
    )
    .orderBy("u.full_name_search")
    .orderBy("m.id")
    .limit(MAX_MEMBERS)
    .execute();
}

/** The stored evaluations of the year's months and quarters, as the annual evaluation reads them. */
async function yearPeriodRows(db: Executor, orgId: string, year: number, membershipId?: string) {
  const { months, quarters } = yearPeriodKeys(year);
  let q = db
    .selectFrom("evaluations")
    .select([
      "membership_id",
      "period",
      "status",
      "figures",
      "total",
      "band",
      "disciplined",
      "political_points",
      "ethics_points",
      "style_points",
      "discipline_points",
    ])
    .where("org_id", "=", orgId)
    .where("period", "in", [...months, ...quarters]);
  if (membershipId) q = q.where("membership_id", "=", membershipId);
  return q.limit(MAX_MEMBERS * 16).execute();
}

type PeriodRow = Awaited<ReturnType<typeof yearPeriodRows>>[number];

/** The year's sixteen periods of one member: finalised ones with their frozen figures. */
function periodResults(year: number, rows: readonly PeriodRow[]): PeriodResult[] {
  const { months, quarters } = yearPeriodKeys(year);
  const byKey = new Map(rows.map((r) => [r.period, r]));
  return [...months, ...quarters].map((key) => {
    const r = byKey.get(key);
    const kind = key.includes("Q") ? "quarter" : "month";
    const general = { political: r?.political_points ?? null, ethics: r?.ethics_points ?? null, style: r?.style_points ?? null, discipline: r?.discipline_points ?? null };
    const frozen = r?.status === "finalised" ? parseFigures(r.figures) : null;
    return {
      key,
      kind,
      status: r ? r.status : "none",
      taskPoints: frozen?.result.taskPoints ?? null,
      generalPoints: frozen?.result.generalPoints ?? null,
      total: frozen ? (r?.total ?? frozen.result.total) : null,
      general,
      band: frozen ? (r?.band ?? null) : null,
      disciplined: r?.disciplined === 1,
    } satisfies PeriodResult;
  });
}

/** The active directors of the centre: only they finalise a year (never their own). */
async function directorsOf(db: Executor, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom("memberships").select(["id", "roles"]).where("org_id", "=", orgId).where("active", "=", 1).limit(MAX_MEMBERS).execute();
  return rows.filter((r) => parseRoles(r.roles).includes("director")).map((r) => r.id);
}

type MemberRow = Awaited<ReturnType<typeof yearMembers>>[number];

function assemble(m: MemberRow, year: number, row: AnnualRow | undefined, periodRows: readonly PeriodRow[], directors: readonly string[]): MemberYear {
  const general = generalOf(row);
  const frozen = row?.status === "finalised" ? parseFrozen(row.figures) : null;
  const flag = row?.disciplined === 1;
  let periods: PeriodResult[];
  let result: AnnualResult;
  let disciplined: boolean;
  let disciplinedIn: string | null;
  if (frozen) {
    ({ periods, result, disciplined, disciplinedIn } = frozen);
    result = { ...result, shown: result.shown ?? shownAnnual(result) };
  } else {
    periods = periodResults(year, periodRows);
    disciplinedIn = flag ? null : (periods.find((p) => p.disciplined)?.key ?? null);
    disciplined = flag || disciplinedIn !== null;
    result = evaluateYear({ periods, general: pointsOf(general), disciplined, absent: row?.absent === 1, chosenBand: row?.chosen_band ?? null });
  }
  return {
    membershipId: m.id,
    name: m.name,
    title: m.title,
    positionName: m.positionName,
    active: m.active === 1,
    year,
    status: row ? row.status : "none",
    version: row?.version ?? 0,
    periods,
    result,
    general,
    disciplinedFlag: flag,
    disciplinedNote: row?.disciplined_note ?? "",
    disciplined,
    disciplinedIn,
    absent: row?.absent === 1,
    absentNote: row?.absent_note ?? "",
    chosenBand: row?.chosen_band ?? null,
    chosenBandNote: row?.chosen_band_note ?? "",
    comment: row?.comment ?? "",
    selfAssessment: row?.self_assessment ?? "",
    selfBand: row?.self_band ?? null,
    selfAssessedAt: row?.self_assessed_at ?? null,
    evaluatedAt: row?.evaluated_at ?? null,
    evaluatedBy: row?.evaluated_by ?? null,
    finalisedAt: row?.finalised_at ?? null,
    finalisedBy: row?.finalised_by ?? null,
    earlyReason: row?.early_reason ?? "",
    decidedHere: directors.some((d) => d !== m.id),
  };
}

/**
 * Every member's year (or one member's), the counts per band and the 20% rule. Four queries
 * whatever the number of members.
 */
export async function yearEvaluations(db: Executor, orgId: string, year: number, opts: { membershipId?: string } = {}) {
  let annual = db.selectFrom("annual_evaluations").selectAll().where("org_id", "=", orgId).where("year", "=", year);
  if (opts.membershipId) annual = annual.where("membership_id", "=", opts.membershipId);
  const [members, periodRows, rows, directors] = await Promise.all([
    yearMembers(db, orgId, year, opts.membershipId),
    yearPeriodRows(db, orgId, year, opts.membershipId),
    annual.limit(MAX_MEMBERS).execute(),
    directorsOf(db, orgId),
  ]);
  const byMember = new Map<string, PeriodRow[]>();
  for (const r of periodRows) byMember.set(r.membership_id, [...(byMember.get(r.membership_id) ?? []), r]);
  const stored = new Map(rows.map((r) => [r.membership_id, r]));
  const list = members.map((m) => assemble(m, year, stored.get(m.id), byMember.get(m.id) ?? [], directors));
  const bands = list.map((r) => r.result.band);
  return { rows: list, counts: bandCounts(bands), rule: excellenceRule(bands) };
}

/** One member's year, with the names of who evaluated and finalised it; 404 outside the centre. */
export async function memberYear(db: Executor, orgId: string, membershipId: string, year: number) {
  const page = await yearEvaluations(db, orgId, year, { membershipId });
  const row = page.rows[0];
  if (!row) notFound();
  const ids = [row.evaluatedBy, row.finalisedBy].filter((x): x is string => x !== null);
  const names = ids.length
    ? await db
        .selectFrom("memberships as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select(["m.id", "u.full_name as name"])
        .where("m.org_id", "=", orgId)
        .where("m.id", "in", ids)
        .execute()
    : [];
  const nameOf = (id: string | null) => names.find((n) => n.id === id)?.name ?? null;
  return { evaluation: row, evaluatedByName: nameOf(row.evaluatedBy), finalisedByName: nameOf(row.finalisedBy) };
}

// ---------- writes ----------

/** Writes are for years on the 100-point scale that have begun. */
function writableYear(year: number, now: Date): void {
  if (year < FIRST_SCALE_YEAR) throw new FieldError("version", `yearBeforeScale|${FIRST_SCALE_YEAR}`);
  if (year > Number(vnDateOf(now).slice(0, 4))) throw new FieldError("version", "yearNotStarted");
}

async function lockedRow(tx: Executor, orgId: string, membershipId: string, year: number, version: number, finalisedKey = "yearFinalised") {
  const row = await tx
    .selectFrom("annual_evaluations")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("membership_id", "=", membershipId)
    .where("year", "=", year)
    .executeTakeFirst();
  if (row?.status === "finalised") throw new FieldError("version", finalisedKey);
  if ((row?.version ?? 0) !== version) throw new FieldError("version", "evaluationStale");
  return row;
}

async function requireCentreMember(db: Executor, orgId: string, membershipId: string) {
  const m = await db.selectFrom("memberships").select(["id"]).where("org_id", "=", orgId).where("id", "=", membershipId).executeTakeFirst();
  if (!m) notFound();
}

/** Inserts the row or updates it at the expected version (a concurrent writer makes this refuse). */
async function upsert(tx: Executor, ctx: Ctx, row: AnnualRow | undefined, membershipId: string, year: number, values: Partial<AnnualRow>) {
  const at = ctx.now.toISOString();
  if (!row) {
    const id = randomUUID();
    const inserted = await tx
      .insertInto("annual_evaluations")
      .values({
        id,
        org_id: ctx.orgId,
        membership_id: membershipId,
        year,
        political_points: null,
        ethics_points: null,
        style_points: null,
        discipline_points: null,
        chosen_band: null,
        evaluated_by: null,
        evaluated_at: null,
        self_band: null,
        self_assessed_at: null,
        status: "draft",
        figures: null,
        total: null,
        band: null,
        finalised_by: null,
        finalised_at: null,
        version: 1,
        created_at: at,
        updated_at: at,
        ...values,
      })
      // Two first writes at once (the member's self-assessment and the leader's points): the
      // unique key lets one insert; the other is refused as stale, as on SQLite, not a 500.
      .onConflict((oc) => oc.columns(["org_id", "membership_id", "year"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new FieldError("version", "evaluationStale");
    return id;
  }
  const res = await tx
    .updateTable("annual_evaluations")
    .set({ ...values, version: row.version + 1, updated_at: at })
    .where("org_id", "=", ctx.orgId)
    .where("id", "=", row.id)
    .where("version", "=", row.version)
    .where("status", "=", "draft")
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new FieldError("version", "evaluationStale");
  return row.id;
}

/**
 * A director or deputy (checked by the route) enters the year's general criteria with their
 * justifications, the caps, a lower band with its reason, and a comment. Nobody evaluates
 * themselves; a finalised year is locked; a band above the one the points and caps give is refused.
 */
export async function saveYearAssessment(db: DB, ctx: Ctx, membershipId: string, year: number, input: Omit<YearAssessmentInput, "intent">): Promise<void> {
  await requireCentreMember(db, ctx.orgId, membershipId);
  refuseOwnCase(ctx.membershipId, [membershipId], "version", "ownEvaluation");
  writableYear(year, ctx.now);
  await writeTx(db, async (tx) => {
    const row = await lockedRow(tx, ctx.orgId, membershipId, year, input.version);
    const disciplined = input.disciplined === "on";
    const absent = input.absent === "on";
    if (input.chosenBand) {
      // The band the new points and caps give, before any choice: the choice may only lower it.
      const { evaluation: current } = await memberYear(tx, ctx.orgId, membershipId, year);
      const general = { political: input.political, ethics: input.ethics, style: input.style, discipline: input.discipline };
      const r = evaluateYear({ periods: current.periods, general, disciplined: disciplined || current.periods.some((p) => p.disciplined), absent, chosenBand: null });
      if (!r.cappedBand) throw new FieldError("chosenBand", "chosenBandNoScore");
      if (isAbove(input.chosenBand, r.cappedBand)) throw new FieldError("chosenBand", `chosenBandAbove|${r.cappedBand}`);
    }
    const id = await upsert(tx, ctx, row, membershipId, year, {
      political_points: input.political,
      political_note: input.politicalNote ?? "",
      ethics_points: input.ethics,
      ethics_note: input.ethicsNote ?? "",
      style_points: input.style,
      style_note: input.styleNote ?? "",
      discipline_points: input.discipline,
      discipline_note: input.disciplineNote ?? "",
      disciplined: disciplined ? 1 : 0,
      disciplined_note: disciplined ? (input.disciplinedNote ?? "") : "",
      absent: absent ? 1 : 0,
      absent_note: absent ? (input.absentNote ?? "") : "",
      chosen_band: input.chosenBand,
      chosen_band_note: input.chosenBand ? (input.chosenBandNote ?? "") : "",
      comment: input.comment ?? "",
      evaluated_by: ctx.membershipId,
      evaluated_at: ctx.now.toISOString(),
    });
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "evaluation.yearAssessed",
      entityType: "annual_evaluation",
      entityId: id,
      details: {
        membershipId,
        year,
        points: { political: input.political, ethics: input.ethics, style: input.style, discipline: input.discipline },
        disciplined,
        absent,
        chosenBand: input.chosenBand,
      },
      at: ctx.now,
    });
  });
}

/** The member writes their self-assessment for the year and proposes a band, until it is finalised. */
export async function saveYearSelf(db: DB, ctx: Ctx, year: number, input: Omit<YearSelfInput, "intent">): Promise<void> {
  writableYear(year, ctx.now);
  await writeTx(db, async (tx) => {
    const row = await lockedRow(tx, ctx.orgId, ctx.membershipId, year, input.version);
    const id = await upsert(tx, ctx, row, ctx.membershipId, year, { self_assessment: input.text, self_band: input.selfBand, self_assessed_at: ctx.now.toISOString() });
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "evaluation.yearSelfAssessed",
      entityType: "annual_evaluation",
      entityId: id,
      details: { year, selfBand: input.selfBand },
      at: ctx.now,
    });
  });
}

/**
 * A director (checked by the route) finalises a member's year: the general criteria entered, at
 * least one finalised period, and — before 1 December — the reason for finalising early. The
 * figures, total and band are frozen; two directors at once give one effect.
 */
export async function finaliseYear(db: DB, ctx: Ctx, membershipId: string, year: number, input: { version: number; earlyReason?: string }): Promise<void> {
  await requireCentreMember(db, ctx.orgId, membershipId);
  refuseOwnCase(ctx.membershipId, [membershipId], "version", "ownEvaluation");
  writableYear(year, ctx.now);
  const early = isEarly(vnDateOf(ctx.now), year);
  const reason = early ? (input.earlyReason ?? "").trim() : "";
  await writeTx(db, async (tx) => {
    const row = await lockedRow(tx, ctx.orgId, membershipId, year, input.version, "alreadyDecided");
    if (early && reason.length < 3) throw new FieldError("earlyReason", "earlyReasonRequired");
    const { evaluation: e } = await memberYear(tx, ctx.orgId, membershipId, year);
    if (!row || e.result.missing.includes("general")) throw new FieldError("version", "yearIncomplete");
    if (e.result.missing.includes("periods")) throw new FieldError("version", "yearNoPeriods");
    const figures: FrozenYear = { v: 1, periods: e.periods, result: e.result, disciplined: e.disciplined, disciplinedIn: e.disciplinedIn };
    const res = await tx
      .updateTable("annual_evaluations")
      .set({
        status: "finalised",
        figures: JSON.stringify(figures),
        total: e.result.total,
        band: e.result.band,
        finalised_by: ctx.membershipId,
        finalised_at: ctx.now.toISOString(),
        early_reason: reason,
        version: row.version + 1,
        updated_at: ctx.now.toISOString(),
      })
      .where("org_id", "=", ctx.orgId)
      .where("id", "=", row.id)
      .where("version", "=", row.version)
      .where("status", "=", "draft")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      const now = await tx.selectFrom("annual_evaluations").select("status").where("org_id", "=", ctx.orgId).where("id", "=", row.id).executeTakeFirst();
      throw new FieldError("version", now?.status === "finalised" ? "alreadyDecided" : "evaluationStale");
    }
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "evaluation.yearFinalised",
      entityType: "annual_evaluation",
      entityId: row.id,
      details: { membershipId, year, total: e.result.total, band: e.result.band, counted: e.result.counted, early: early ? reason : null },
      at: ctx.now,
    });
    await notify(tx, {
      orgId: ctx.orgId,
      recipients: [membershipId],
      kind: "annualFinalised",
      params: { year, band: e.result.band ?? "" },
      path: `/evaluations/${membershipId}?period=${year}`,
      at: ctx.now,
    });
    // SERIALIZABLE on PostgreSQL: the year's figures come from every period's evaluation and must
    // be one consistent state when frozen; a conflict is retried (db/tx.ts).
  }, { serializable: true });
}

// ---------- reminders ----------

/**
 * From 1 December (again from 10 December), the directors and deputies are reminded of each member
 * whose year is not finalised yet, once per reminder day: the key (year, day, member) makes a
 * second run send nothing. Members nobody in the centre can finalise (the only director) are left
 * out. Returns how many notifications were created.
 */
export async function annualReminders(db: DB, orgId: string, now: Date): Promise<number> {
  const today = vnDateOf(now);
  const year = Number(today.slice(0, 4));
  const day = reminderDue(today, year);
  if (!day || year < FIRST_SCALE_YEAR) return 0;
  const [members, finalised, leaders] = await Promise.all([
    yearMembers(db, orgId, year),
    db.selectFrom("annual_evaluations").select("membership_id").where("org_id", "=", orgId).where("year", "=", year).where("status", "=", "finalised").limit(MAX_MEMBERS).execute(),
    db.selectFrom("memberships").select(["id", "roles"]).where("org_id", "=", orgId).where("active", "=", 1).limit(MAX_MEMBERS).execute(),
  ]);
  const done = new Set(finalised.map((f) => f.membership_id));
  const roles = leaders.map((l) => ({ id: l.id, roles: parseRoles(l.roles) }));
  const directors = roles.filter((l) => l.roles.includes("director")).map((l) => l.id);
  const recipients = roles.filter((l) => l.roles.includes("director") || l.roles.includes("deputy")).map((l) => l.id);
  const due = members.filter((m) => m.active === 1 && !done.has(m.id) && directors.some((d) => d !== m.id));
  if (!due.length) return 0;
  // The job runs every minute: skip, in one query, the reminders of the day already sent.
  const prefix = `annual:${year}:${day}:`;
  const sent = await db
    .selectFrom("notifications")
    .select(["membership_id", "dedupe_key"])
    .where("org_id", "=", orgId)
    .where("kind", "=", "annualDue")
    .where("dedupe_key", "like", `${prefix}%`)
    .limit(MAX_MEMBERS * MAX_MEMBERS)
    .execute();
  const has = new Set(sent.map((r) => `${r.membership_id} ${r.dedupe_key}`));
  const todo = due
    .map((m) => ({ m, to: recipients.filter((r) => r !== m.id && !has.has(`${r} ${prefix}${m.id}`)) }))
    .filter((x) => x.to.length > 0);
  if (!todo.length) return 0;
  return writeTx(db, async (tx) => {
    let n = 0;
    for (const { m, to } of todo) {
      n += await notify(tx, {
        orgId,
        recipients: to,
        except: m.id,
        kind: "annualDue",
        params: { name: m.name, year, deadline: formatDate(deadlineDay(year)) },
        path: `/evaluations/${m.id}?period=${year}`,
        dedupeKey: `annual:${year}:${day}:${m.id}`,
        at: now,
      });
    }
    return n;
  });
}

// ---------- for the pages and the export ----------

/** One period as the year's pages and spreadsheet show it: figures rounded down once (decision 0020). */
export interface YearPeriodCell {
  key: string;
  kind: "month" | "quarter";
  status: "none" | "draft" | "finalised";
  total: number | null;
  taskPoints: number | null;
  generalPoints: number | null;
  band: Band | null;
  /** Counted in the year. */
  counted: boolean;
}

export interface YearRow {
  membershipId: string;
  name: string;
  title: string;
  positionName: string | null;
  status: AnnualStatus;
  decidedHere: boolean;
  basis: AnnualResult["basis"];
  counted: number;
  /** As displayed (rounded down to hundredths). */
  periodTotal: number | null;
  taskPoints: number | null;
  generalPoints: number | null;
  total: number | null;
  band: Band | null;
  provisional: boolean;
  cap: AnnualResult["cap"];
  chosen: AnnualResult["chosen"];
  selfBand: Band | null;
  periods: YearPeriodCell[];
}

export function yearPeriodCells(m: Pick<MemberYear, "periods" | "result">): YearPeriodCell[] {
  const counted = new Set(m.result.counted);
  return m.periods.map((p) => {
    const shown = p.taskPoints !== null && p.generalPoints !== null ? (shownParts([p.taskPoints, p.generalPoints]) as [number, number]) : null;
    return {
      key: p.key,
      kind: p.kind,
      status: p.status,
      total: shown ? round2(shown[0] + shown[1]) : p.total === null ? null : floor2(p.total),
      taskPoints: shown ? shown[0] : null,
      generalPoints: shown ? shown[1] : null,
      band: p.band,
      counted: counted.has(p.key),
    };
  });
}

export function yearRowOf(m: MemberYear): YearRow {
  const r = m.result;
  return {
    membershipId: m.membershipId,
    name: m.name,
    title: m.title,
    positionName: m.positionName,
    status: m.status,
    decidedHere: m.decidedHere,
    basis: r.basis,
    counted: r.counted.length,
    periodTotal: r.shown.periodTotal,
    taskPoints: r.shown.taskPoints,
    generalPoints: r.shown.generalPoints,
    total: r.shown.total,
    band: r.band,
    provisional: r.provisional,
    cap: r.cap,
    chosen: r.chosen,
    selfBand: m.selfBand,
    periods: yearPeriodCells(m),
  };
}
