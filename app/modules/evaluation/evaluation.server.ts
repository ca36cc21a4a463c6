import { notify } from "../notifications/notify.server";
// Evaluation of civil servants (NĐ 335/2025/NĐ-CP): loads the tasks due in a period with one query,
// the centre's members and stored evaluations, and computes each member's figures (score.ts); saves
// the evaluator's general points, the member's self-assessment and the weights; finalises, which
// freezes the computed figures so later task changes never alter them.
import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { DB, EvaluationsTable, Executor } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { FieldError, isDomainError, notFound } from "../../utils/errors";
import { formatDate } from "../../utils/time";
import { audit } from "../audit/audit.server";
import { refuseOwnCase } from "../auth/decisions";
import { vnDateOf } from "../tasks/rules";
import type { Ctx } from "../ctx";
import type { GeneralInput, SelfAssessmentInput, WeightsInput } from "./schema";
import {
  BANDS,
  bandCounts,
  computeTaskScore,
  DEFAULT_WEIGHTS,
  evaluate,
  excellenceCapWarning,
  GENERAL_CRITERIA,
  parsePeriod,
  periodEndInstant,
  periodStartInstant,
  shownResult,
  shownTaskScore,
  type Band,
  type EvaluationResult,
  type ExcellenceCapWarning,
  type GeneralCriterion,
  type Period,
  type ScoreTaskInput,
  type TaskScore,
  type Weights,
} from "./score";

/** Bound on the tasks of one period read at once (a quarter of a large centre fits well under it). */
const MAX_TASKS = 20_000;
const MAX_MEMBERS = 1_000;

type EvaluationRow = Selectable<EvaluationsTable>;
export type EvaluationStatus = "none" | "draft" | "finalised";

export interface GeneralEntry {
  points: number | null;
  note: string;
}

/** What finalisation freezes (JSON in evaluations.figures). */
export interface FrozenFigures {
  v: 1;
  task: TaskScore;
  result: EvaluationResult;
  disciplined: boolean;
  /** The period whose evaluation recorded the discipline, when it is another one of the year. */
  disciplinedIn: string | null;
}

export interface MemberEvaluation {
  membershipId: string;
  name: string;
  title: string;
  positionName: string | null;
  active: boolean;
  period: string;
  /** The period has not reached its last day yet (Vietnam time): figures are provisional, no finalising. */
  periodOpen: boolean;
  status: EvaluationStatus;
  /** 0 while nothing is stored; forms send it back to detect concurrent edits. */
  version: number;
  task: TaskScore;
  result: EvaluationResult;
  general: Record<GeneralCriterion, GeneralEntry>;
  /** This evaluation's own flag, and the effective one (this or an earlier evaluation of the year). */
  disciplinedFlag: boolean;
  disciplinedNote: string;
  disciplined: boolean;
  disciplinedIn: string | null;
  manualTaskPoints: number | null;
  manualTaskNote: string;
  selfAssessment: string;
  selfAssessedAt: string | null;
  evaluatedAt: string | null;
  evaluatedBy: string | null;
  finalisedAt: string | null;
  finalisedBy: string | null;
}

// ---------- reads ----------

/**
 * The centre's component weights in force on a date: a period is scored with the weights in force
 * on its last day, so a change applies to the running period and later ones and never alters a
 * period already over. Before the first saved weights, the default 1/1/1 applied.
 */
export async function loadWeights(db: Executor, orgId: string, isoDate: string): Promise<Weights> {
  const row = await db
    .selectFrom("evaluation_weight_versions")
    .select(["weight_quantity", "weight_quality", "weight_timeliness"])
    .where("org_id", "=", orgId)
    .where("effective_from", "<=", isoDate)
    .orderBy("effective_from", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? { quantity: row.weight_quantity, quality: row.weight_quality, timeliness: row.weight_timeliness } : { ...DEFAULT_WEIGHTS };
}

/**
 * The tasks due in the period (judged deadline inside it: the current one, or the one missed before
 * a late extension), of one member or of everyone: one query over the (org_id, deadline_at) /
 * (org_id, missed_deadline_at) indexes. Drafts and cancelled tasks are left out.
 */
export async function tasksDueIn(db: Executor, orgId: string, period: Period, membershipId?: string) {
  let q = db
    .selectFrom("tasks")
    .select([
      "id",
      "title",
      "status",
      "assignee_id as assigneeId",
      "deadline_date as deadlineDate",
      "deadline_time as deadlineTime",
      "deadline_at as deadlineAt",
      "original_deadline_date as originalDeadlineDate",
      "original_deadline_time as originalDeadlineTime",
      "completed_at as completedAt",
      "timeliness",
      "timeliness_original as timelinessOriginal",
      "return_count as returnCount",
      "extension_count as extensionCount",
      "missed_deadline_at as missedDeadlineAt",
      "submitted_at as submittedAt",
    ])
    .where("org_id", "=", orgId)
    // The judged deadline in the period: the current one, or the one missed before a late extension.
    .where((eb) =>
      eb.or([
        eb.and([eb("missed_deadline_at", "is", null), eb("deadline_at", ">=", periodStartInstant(period)), eb("deadline_at", "<=", periodEndInstant(period))]),
        eb.and([eb("missed_deadline_at", ">=", periodStartInstant(period)), eb("missed_deadline_at", "<=", periodEndInstant(period))]),
      ]),
    )
    .where("status", "not in", ["draft", "cancelled"]);
  q = membershipId ? q.where("assignee_id", "=", membershipId) : q.where("assignee_id", "is not", null);
  const rows = await q.orderBy("deadline_at", (ob) => ob.asc().nullsFirst()).orderBy("id").limit(MAX_TASKS).execute();
  return rows.filter((r): r is typeof r & ScoreTaskInput & { assigneeId: string } => r.assigneeId !== null && r.deadlineDate !== null && r.deadlineAt !== null);
}

/**
 * The members evaluated in a period: active members who had joined by its end, plus anyone with a
 * stored evaluation for it (e.g. someone who left since). Names sorted as the staff list.
 */
async function periodMembers(db: Executor, orgId: string, period: Period, membershipId?: string) {
  const q = db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .leftJoin("positions as p", "p.id", "m.position_id")
    .select(["m.id", "u.full_name as name", "m.title", "p.name as positionName", "m.active"])
    .where("m.org_id", "=", orgId);
  // One member asked for by id: theirs whatever their dates; otherwise the period's members.
  if (membershipId) return q.where("m.id", "=", membershipId).limit(1).execute();
  return q
    .where((eb) =>
      eb.or([
        eb.and([eb("m.active", "=", 1), eb("m.joined_on", "<=", period.end)]),
        eb.exists(
          eb
            .selectFrom("evaluations as e")
            .select("e.id")
            .whereRef("e.membership_id", "=", "m.id")
            .where("e.org_id", "=", orgId)
            .where("e.period", "=", period.key),
        ),
      ]),
    )
    .orderBy("u.full_name_search")
    .orderBy("m.id")
    .limit(MAX_MEMBERS)
    .execute();
}

/** Stored evaluations of the period, and the members flagged disciplined in an evaluation of its year up to it. */
async function storedEvaluations(db: Executor, orgId: string, period: Period, membershipId?: string) {
  let rows = db.selectFrom("evaluations").selectAll().where("org_id", "=", orgId).where("period", "=", period.key);
  let flagged = db
    .selectFrom("evaluations")
    .select(["membership_id", "period"])
    .where("org_id", "=", orgId)
    .where("period", "like", `${period.year}-%`)
    .where("disciplined", "=", 1);
  if (membershipId) {
    rows = rows.where("membership_id", "=", membershipId);
    flagged = flagged.where("membership_id", "=", membershipId);
  }
  const [stored, discipline] = await Promise.all([rows.limit(MAX_MEMBERS).execute(), flagged.orderBy("period").limit(MAX_MEMBERS * 16).execute()]);
  // A discipline recorded in an earlier (or overlapping) period of the year carries to this one.
  const disciplinedIn = new Map<string, string>();
  for (const d of discipline) {
    const p = parsePeriod(d.period);
    if (p && p.start <= period.end && !disciplinedIn.has(d.membership_id)) disciplinedIn.set(d.membership_id, d.period);
  }
  return { stored: new Map(stored.map((r) => [r.membership_id, r])), disciplinedIn };
}

function generalOf(row: EvaluationRow | undefined): Record<GeneralCriterion, GeneralEntry> {
  return {
    political: { points: row?.political_points ?? null, note: row?.political_note ?? "" },
    ethics: { points: row?.ethics_points ?? null, note: row?.ethics_note ?? "" },
    style: { points: row?.style_points ?? null, note: row?.style_note ?? "" },
    discipline: { points: row?.discipline_points ?? null, note: row?.discipline_note ?? "" },
  };
}

/** The figures frozen at a period's finalisation, or null (none, or not readable). */
export function parseFigures(text: string | null): FrozenFigures | null {
  if (!text) return null;
  try {
    const f = JSON.parse(text) as FrozenFigures;
    return f && f.v === 1 ? f : null;
  } catch {
    return null;
  }
}

type MemberRow = Awaited<ReturnType<typeof periodMembers>>[number];

/** One member's evaluation: the frozen figures once finalised, else computed from their tasks now. */
function assemble(
  m: MemberRow,
  period: Period,
  row: EvaluationRow | undefined,
  tasks: ScoreTaskInput[],
  disciplinedInPeriod: string | undefined,
  weights: Weights,
  now: Date,
): MemberEvaluation {
  const general = generalOf(row);
  const flag = row?.disciplined === 1;
  const frozen = row?.status === "finalised" ? parseFigures(row.figures) : null;
  let task: TaskScore;
  let result: EvaluationResult;
  let disciplined: boolean;
  let disciplinedIn: string | null;
  if (frozen) {
    ({ task, result, disciplined, disciplinedIn } = frozen);
    // Figures frozen before the displayed ones were stored: derive them from the frozen values.
    task = { ...task, shown: task.shown ?? shownTaskScore(task) };
    result = { ...result, shown: result.shown ?? shownResult(result) };
  } else {
    disciplinedIn = flag ? null : (disciplinedInPeriod ?? null);
    disciplined = flag || disciplinedIn !== null;
    task = computeTaskScore(tasks, { periodEnd: periodEndInstant(period), now: now.toISOString(), weights });
    result = evaluate({
      task,
      general: Object.fromEntries(GENERAL_CRITERIA.map((c) => [c, general[c].points])) as Record<GeneralCriterion, number | null>,
      manualTaskPoints: row?.manual_task_points ?? null,
      disciplined,
    });
  }
  return {
    membershipId: m.id,
    name: m.name,
    title: m.title,
    positionName: m.positionName,
    active: m.active === 1,
    period: period.key,
    periodOpen: vnDateOf(now) < period.end,
    status: row ? row.status : "none",
    version: row?.version ?? 0,
    task,
    result,
    general,
    disciplinedFlag: flag,
    disciplinedNote: row?.disciplined_note ?? "",
    disciplined,
    disciplinedIn,
    manualTaskPoints: row?.manual_task_points ?? null,
    manualTaskNote: row?.manual_task_note ?? "",
    selfAssessment: row?.self_assessment ?? "",
    selfAssessedAt: row?.self_assessed_at ?? null,
    evaluatedAt: row?.evaluated_at ?? null,
    evaluatedBy: row?.evaluated_by ?? null,
    finalisedAt: row?.finalised_at ?? null,
    finalisedBy: row?.finalised_by ?? null,
  };
}

/**
 * Every member's evaluation for the period (or one member's), with the counts per band and the
 * warning when "xuất sắc" exceeds 20% of "tốt". Five queries whatever the number of members.
 */
export async function periodEvaluations(db: Executor, orgId: string, period: Period, now: Date, opts: { membershipId?: string } = {}) {
  const [members, tasks, stored, weights] = await Promise.all([
    periodMembers(db, orgId, period, opts.membershipId),
    tasksDueIn(db, orgId, period, opts.membershipId),
    storedEvaluations(db, orgId, period, opts.membershipId),
    loadWeights(db, orgId, period.end),
  ]);
  const byMember = new Map<string, ScoreTaskInput[]>();
  for (const t of tasks) byMember.set(t.assigneeId, [...(byMember.get(t.assigneeId) ?? []), t]);
  const rows = members.map((m) =>
    assemble(m, period, stored.stored.get(m.id), byMember.get(m.id) ?? [], stored.disciplinedIn.get(m.id), weights, now),
  );
  const bands = rows.map((r) => r.result.band);
  return { rows, weights, counts: bandCounts(bands), capWarning: excellenceCapWarning(bands) as ExcellenceCapWarning | null };
}

/** One member's evaluation for a period, or 404 when they are not a member of the centre. */
export async function memberEvaluation(db: Executor, orgId: string, membershipId: string, period: Period, now: Date) {
  const page = await periodEvaluations(db, orgId, period, now, { membershipId });
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
  return { evaluation: row, weights: page.weights, evaluatedByName: nameOf(row.evaluatedBy), finalisedByName: nameOf(row.finalisedBy) };
}

// ---------- for other modules (person view, dashboards, reports) ----------

/**
 * A member's evaluation for a period key ('2026-02', '2026-Q1'): figures, total, band and status;
 * null when the key is not a period or the member is not in the centre. Pass the request's clock
 * (`context.now()`): it decides which tasks of a running period are still pending.
 */
export async function evaluationFor(db: Executor, orgId: string, membershipId: string, periodKey: string, now: Date = new Date()): Promise<MemberEvaluation | null> {
  const period = parsePeriod(periodKey);
  if (!period) return null;
  try {
    return (await memberEvaluation(db, orgId, membershipId, period, now)).evaluation;
  } catch (err) {
    if (isDomainError(err) && err.kind === "notFound") return null;
    throw err;
  }
}

/**
 * How many members fall in each band for a period, how many have no band yet and how many are
 * finalised, with the 20% warning; null for a malformed period key.
 */
export async function evaluationBands(db: Executor, orgId: string, periodKey: string, now: Date = new Date()) {
  const period = parsePeriod(periodKey);
  if (!period) return null;
  const page = await periodEvaluations(db, orgId, period, now);
  return {
    period: period.key,
    members: page.rows.length,
    ...page.counts,
    unrated: page.rows.filter((r) => r.result.band === null).length,
    finalised: page.rows.filter((r) => r.status === "finalised").length,
    capWarning: page.capWarning,
  };
}

export { BANDS, type Band };

// ---------- writes ----------

/** The stored row, checked: not finalised, and at the version the form was loaded with. */
async function lockedRow(tx: Executor, orgId: string, membershipId: string, period: Period, version: number, finalisedKey = "evaluationFinalised") {
  const row = await tx
    .selectFrom("evaluations")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("membership_id", "=", membershipId)
    .where("period", "=", period.key)
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
async function upsert(tx: Executor, ctx: Ctx, row: EvaluationRow | undefined, membershipId: string, period: Period, values: Partial<EvaluationRow>) {
  const at = ctx.now.toISOString();
  if (!row) {
    const id = randomUUID();
    const inserted = await tx
      .insertInto("evaluations")
      .values({
        id,
        org_id: ctx.orgId,
        membership_id: membershipId,
        period: period.key,
        political_points: null,
        ethics_points: null,
        style_points: null,
        discipline_points: null,
        manual_task_points: null,
        evaluated_by: null,
        evaluated_at: null,
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
      .onConflict((oc) => oc.columns(["org_id", "membership_id", "period"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new FieldError("version", "evaluationStale");
    return id;
  }
  const res = await tx
    .updateTable("evaluations")
    .set({ ...values, version: row.version + 1, updated_at: at })
    .where("org_id", "=", ctx.orgId)
    .where("id", "=", row.id)
    .where("version", "=", row.version)
    .where("status", "=", "draft")
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new FieldError("version", "evaluationStale");
  return row.id;
}

function periodOrThrow(key: string): Period {
  const p = parsePeriod(key);
  if (!p) notFound();
  return p;
}

/**
 * A director or deputy (checked by the route) enters the four general criteria with their
 * justifications, the discipline override and, for a period without tasks, the task points.
 * Nobody evaluates themselves; a finalised evaluation is locked.
 */
export async function saveGeneral(db: DB, ctx: Ctx, membershipId: string, periodKey: string, input: Omit<GeneralInput, "intent">): Promise<void> {
  const period = periodOrThrow(periodKey);
  await requireCentreMember(db, ctx.orgId, membershipId);
  refuseOwnCase(ctx.membershipId, [membershipId], "version", "ownEvaluation");
  const manual = input.manualTaskPoints ?? null;
  await writeTx(db, async (tx) => {
    const row = await lockedRow(tx, ctx.orgId, membershipId, period, input.version);
    const id = await upsert(tx, ctx, row, membershipId, period, {
      political_points: input.political,
      political_note: input.politicalNote ?? "",
      ethics_points: input.ethics,
      ethics_note: input.ethicsNote ?? "",
      style_points: input.style,
      style_note: input.styleNote ?? "",
      discipline_points: input.discipline,
      discipline_note: input.disciplineNote ?? "",
      disciplined: input.disciplined === "on" ? 1 : 0,
      disciplined_note: input.disciplined === "on" ? (input.disciplinedNote ?? "") : "",
      manual_task_points: manual,
      manual_task_note: manual !== null ? (input.manualTaskNote ?? "") : "",
      evaluated_by: ctx.membershipId,
      evaluated_at: ctx.now.toISOString(),
    });
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "evaluation.generalSaved",
      entityType: "evaluation",
      entityId: id,
      details: {
        membershipId,
        period: period.key,
        points: { political: input.political, ethics: input.ethics, style: input.style, discipline: input.discipline },
        disciplined: input.disciplined === "on",
        manualTaskPoints: manual,
      },
      at: ctx.now,
    });
  });
}

/** The member writes their own self-assessment, until the evaluation is finalised. */
export async function saveSelfAssessment(db: DB, ctx: Ctx, periodKey: string, input: Omit<SelfAssessmentInput, "intent">): Promise<void> {
  const period = periodOrThrow(periodKey);
  await writeTx(db, async (tx) => {
    const row = await lockedRow(tx, ctx.orgId, ctx.membershipId, period, input.version);
    const id = await upsert(tx, ctx, row, ctx.membershipId, period, { self_assessment: input.text, self_assessed_at: ctx.now.toISOString() });
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "evaluation.selfAssessed",
      entityType: "evaluation",
      entityId: id,
      details: { period: period.key },
      at: ctx.now,
    });
  });
}

/**
 * A director or deputy finalises a member's evaluation: the general points must be complete, the
 * task part known (tasks counted, or the evaluator's points for an empty period), no task of the
 * period still undecided, and the period at its last day or over. The computed figures, total and band are frozen with it.
 */
export async function finaliseEvaluation(db: DB, ctx: Ctx, membershipId: string, periodKey: string, version: number): Promise<void> {
  const period = periodOrThrow(periodKey);
  await requireCentreMember(db, ctx.orgId, membershipId);
  refuseOwnCase(ctx.membershipId, [membershipId], "version", "ownEvaluation");
  await writeTx(db, async (tx) => {
    const row = await lockedRow(tx, ctx.orgId, membershipId, period, version, "alreadyDecided");
    const { evaluation: e } = await memberEvaluation(tx, ctx.orgId, membershipId, period, ctx.now);
    if (!row || e.result.missing.includes("general")) throw new FieldError("version", "evaluationIncomplete");
    if (e.result.missing.includes("pendingTasks")) throw new FieldError("version", `evaluationPendingTasks|${e.task.pending}`);
    // Finalised from the period's last day on, so tasks still to be set for the period are not missed.
    if (e.periodOpen) throw new FieldError("version", `evaluationPeriodOpen|${formatDate(period.end)}`);
    if (e.result.missing.includes("taskPoints")) throw new FieldError("version", "evaluationNoTaskPoints");
    const figures: FrozenFigures = { v: 1, task: e.task, result: e.result, disciplined: e.disciplined, disciplinedIn: e.disciplinedIn };
    const res = await tx
      .updateTable("evaluations")
      .set({
        status: "finalised",
        figures: JSON.stringify(figures),
        total: e.result.total,
        band: e.result.band,
        finalised_by: ctx.membershipId,
        finalised_at: ctx.now.toISOString(),
        version: row.version + 1,
        updated_at: ctx.now.toISOString(),
      })
      .where("org_id", "=", ctx.orgId)
      .where("id", "=", row.id)
      .where("version", "=", row.version)
      .where("status", "=", "draft")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      // Another leader finalised it first (already decided), or changed it meanwhile (stale).
      const now = await tx.selectFrom("evaluations").select("status").where("org_id", "=", ctx.orgId).where("id", "=", row.id).executeTakeFirst();
      throw new FieldError("version", now?.status === "finalised" ? "alreadyDecided" : "evaluationStale");
    }
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "evaluation.finalised",
      entityType: "evaluation",
      entityId: row.id,
      details: { membershipId, period: period.key, total: e.result.total, band: e.result.band },
      at: ctx.now,
    });
    await notify(tx, {
      orgId: ctx.orgId,
      recipients: [membershipId],
      kind: "evaluationFinalised",
      params: { period: period.key, band: e.result.band ?? "" },
      path: `/evaluations/${membershipId}?period=${period.key}`,
      at: ctx.now,
    });
    // SERIALIZABLE on PostgreSQL: the frozen figures are read from many tables (tasks, submissions,
    // weights) and must be one consistent state, with no task decided in between; a conflict is
    // retried (db/tx.ts).
  }, { serializable: true });
}

/**
 * An admin or the director sets the centre's component weights, in force from today: the running
 * period and later ones use them; periods already over keep the weights of their time (and
 * finalised evaluations their frozen figures).
 */
export async function saveWeights(db: DB, ctx: Ctx, input: Omit<WeightsInput, "intent">): Promise<void> {
  await writeTx(db, async (tx) => {
    const values = {
      weight_quantity: input.quantity,
      weight_quality: input.quality,
      weight_timeliness: input.timeliness,
      updated_by: ctx.membershipId,
      updated_at: ctx.now.toISOString(),
    };
    await tx
      .insertInto("evaluation_weight_versions")
      .values({ id: randomUUID(), org_id: ctx.orgId, effective_from: vnDateOf(ctx.now), ...values })
      .onConflict((oc) => oc.columns(["org_id", "effective_from"]).doUpdateSet(values))
      .execute();
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "evaluation.weightsChanged",
      entityType: "organization",
      entityId: ctx.orgId,
      details: { quantity: input.quantity, quality: input.quality, timeliness: input.timeliness },
      at: ctx.now,
    });
  });
}
