// The centre's periodic reports: create one for a period with a draft written from the figures,
// edit its header fields and six sections, and finalise it, which freezes the figures (this period
// and the previous one) so later changes to tasks, attendance or inspections never alter it.
import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { DB, Executor, ReportsTable } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { FieldError, notFound } from "../../utils/errors";
import { audit } from "../audit/audit.server";
import type { Ctx } from "../ctx";
import { centreHeading } from "../org/centre.server";
import { memberDirectory, memberNames, withNames } from "../org/members.server";
import { vnDateOf } from "../../utils/dates";
import { figureTables, SECTIONS, type FigureTable, type SectionKey, type TableKey } from "./document";
import { defaultRecipients, draftSections, draftTitle } from "./draft";
import { compareFigures, reportFigures, type Comparison, type ReportFigures } from "./figures.server";
import { previousReportPeriod, reportPeriod, type ReportPeriod } from "./period";
import type { EditReportInput } from "./schema";

type ReportRow = Selectable<ReportsTable>;

/** What finalisation stores (JSON in reports.figures). */
interface FrozenReportFigures {
  v: 1;
  current: ReportFigures;
  previous: ReportFigures | null;
  /** When they were computed (the finalisation instant). */
  computedAt: string;
}

const SECTION_COLUMN = {
  situation: "section_situation",
  organisation: "section_organisation",
  results: "section_results",
  assessment: "section_assessment",
  solutions: "section_solutions",
  conclusion: "section_conclusion",
} as const satisfies Record<SectionKey, keyof ReportRow>;

function sectionsOf(row: ReportRow): Record<SectionKey, string> {
  return Object.fromEntries(SECTIONS.map((s) => [s, row[SECTION_COLUMN[s]]])) as Record<SectionKey, string>;
}

function periodOf(row: Pick<ReportRow, "period_key">): ReportPeriod {
  const p = reportPeriod(row.period_key);
  if (!p) throw new Error(`Report period ${row.period_key} is not a period.`);
  return p;
}

/** This period's and the previous period's figures as the data stands at `now`. */
export async function liveFigures(db: Executor, orgId: string, period: ReportPeriod, now: Date): Promise<FrozenReportFigures> {
  const prev = previousReportPeriod(period);
  const [current, previous] = await Promise.all([reportFigures(db, orgId, period.from, period.to, now), reportFigures(db, orgId, prev.from, prev.to, now)]);
  return { v: 1, current, previous, computedAt: now.toISOString() };
}

/** The figures a report shows: frozen once finalised, live while a draft. */
async function figuresOf(db: Executor, orgId: string, row: ReportRow, now: Date): Promise<FrozenReportFigures> {
  if (row.status === "finalised" && row.figures) return JSON.parse(row.figures) as FrozenReportFigures;
  return liveFigures(db, orgId, periodOf(row), now);
}

async function orgOf(db: Executor, orgId: string) {
  const org = await centreHeading(db, orgId);
  if (!org) notFound();
  return org;
}

/** The default signer: the author, signing for the director when a deputy ("KT. GIÁM ĐỐC"). */
async function signerOf(db: Executor, orgId: string, membershipId: string) {
  const [m] = await memberDirectory(db, orgId, { ids: [membershipId] });
  if (!m) return { title: "GIÁM ĐỐC", name: "" };
  const roles = m.roles;
  if (roles.includes("director")) return { title: (m.title || "Giám đốc").toLocaleUpperCase("vi"), name: m.name };
  if (roles.includes("deputy")) return { title: `KT. GIÁM ĐỐC\n${(m.title || "Phó Giám đốc").toLocaleUpperCase("vi")}`, name: m.name };
  return { title: (m.title || "Giám đốc").toLocaleUpperCase("vi"), name: m.name };
}

/** The draft's title and sections for a period, from figures. */
export function draftFor(org: { name: string; parent_body: string }, period: ReportPeriod, figures: FrozenReportFigures) {
  const comparison = compareFigures(figures.current, figures.previous);
  return {
    title: draftTitle(org.name, period),
    sections: draftSections({ centreName: org.name, parentBody: org.parent_body, period, figures: figures.current, comparison }),
  };
}

/**
 * A new report for a period (a director or deputy, checked by the route): the draft written from
 * the figures as they stand, today's date, the centre's place, default recipients, the author as
 * signer. Returns its id.
 */
export async function createReport(db: DB, ctx: Ctx, input: { period: ReportPeriod; number?: string }): Promise<string> {
  const [org, signer, figures] = await Promise.all([orgOf(db, ctx.orgId), signerOf(db, ctx.orgId, ctx.membershipId), liveFigures(db, ctx.orgId, input.period, ctx.now)]);
  const draft = draftFor(org, input.period, figures);
  const at = ctx.now.toISOString();
  const id = randomUUID();
  await writeTx(db, async (tx) => {
    await tx
      .insertInto("reports")
      .values({
        id,
        org_id: ctx.orgId,
        period_kind: input.period.kind,
        period_key: input.period.key,
        period_from: input.period.from,
        period_to: input.period.to,
        title: draft.title,
        number: input.number ?? "/BC-TTPVHCC",
        place: org.place_name,
        report_date: vnDateOf(ctx.now),
        recipients: defaultRecipients(),
        signer_title: signer.title,
        signer_name: signer.name,
        section_situation: draft.sections.situation,
        section_organisation: draft.sections.organisation,
        section_results: draft.sections.results,
        section_assessment: draft.sections.assessment,
        section_solutions: draft.sections.solutions,
        section_conclusion: draft.sections.conclusion,
        status: "draft",
        figures: null,
        version: 1,
        created_by: ctx.membershipId,
        finalised_by: null,
        finalised_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "report.created", entityType: "report", entityId: id, details: { period: input.period.key }, at: ctx.now });
  });
  return id;
}

async function getReport(db: Executor, orgId: string, reportId: string): Promise<ReportRow> {
  const row = await db.selectFrom("reports").selectAll().where("org_id", "=", orgId).where("id", "=", reportId).executeTakeFirst();
  if (!row) notFound();
  return row;
}

/** The centre's reports, newest period first. */
export async function listReports(db: Executor, orgId: string) {
  const rows = await db
    .selectFrom("reports as r")
    .select(["r.id", "r.period_kind", "r.period_key", "r.period_from", "r.period_to", "r.title", "r.number", "r.report_date", "r.status", "r.updated_at", "r.finalised_at", "r.created_by"])
    .where("r.org_id", "=", orgId)
    .orderBy("r.period_from", "desc")
    .orderBy("r.created_at", "desc")
    .limit(500)
    .execute();
  return (await withNames(db, orgId, rows, { authorName: (r) => r.created_by })).map(({ created_by: _, ...r }) => r);
}

/** Everything the report page, the print page and the DOCX need, in one call. */
export async function reportView(db: Executor, orgId: string, reportId: string, now: Date) {
  const row = await getReport(db, orgId, reportId);
  const [org, figures, names] = await Promise.all([
    orgOf(db, orgId),
    figuresOf(db, orgId, row, now),
    memberNames(db, orgId, [row.created_by, row.finalised_by]),
  ]);
  const period = periodOf(row);
  const previousPeriod = previousReportPeriod(period);
  const comparison: Comparison = compareFigures(figures.current, figures.previous);
  const tables: Record<TableKey, FigureTable> = figureTables(period, previousPeriod, figures.current, comparison);
  const nameOf = (id: string | null) => (id && names.get(id)) ?? null;
  return {
    row,
    org,
    period,
    previousPeriod,
    figures,
    comparison,
    tables,
    sections: sectionsOf(row),
    authorName: nameOf(row.created_by),
    finalisedByName: nameOf(row.finalised_by),
  };
}

/** The stored row, checked: a draft, at the version the form was loaded with. */
async function editable(tx: Executor, orgId: string, reportId: string, version: number): Promise<ReportRow> {
  const row = await getReport(tx, orgId, reportId);
  if (row.status === "finalised") throw new FieldError("version", "reportFinalised");
  if (row.version !== version) throw new FieldError("version", "reportStale");
  return row;
}

/**
 * Saves the header fields and the six sections of a draft. With `regenerate`, that section is
 * written again from the figures as they stand now (the other edits are kept).
 */
export async function saveReport(db: DB, ctx: Ctx, reportId: string, input: EditReportInput, regenerate?: SectionKey): Promise<void> {
  const current = await editable(db, ctx.orgId, reportId, input.version);
  const sections: Record<SectionKey, string> = {
    situation: input.situation,
    organisation: input.organisation,
    results: input.results,
    assessment: input.assessment,
    solutions: input.solutions,
    conclusion: input.conclusion,
  };
  if (regenerate) {
    const org = await orgOf(db, ctx.orgId);
    const period = periodOf(current);
    sections[regenerate] = draftFor(org, period, await liveFigures(db, ctx.orgId, period, ctx.now)).sections[regenerate];
  }
  await writeTx(db, async (tx) => {
    const res = await tx
      .updateTable("reports")
      .set({
        title: input.title,
        number: input.number,
        place: input.place,
        report_date: input.reportDate,
        recipients: input.recipients,
        signer_title: input.signerTitle,
        signer_name: input.signerName,
        section_situation: sections.situation,
        section_organisation: sections.organisation,
        section_results: sections.results,
        section_assessment: sections.assessment,
        section_solutions: sections.solutions,
        section_conclusion: sections.conclusion,
        version: current.version + 1,
        updated_at: ctx.now.toISOString(),
      })
      .where("org_id", "=", ctx.orgId)
      .where("id", "=", reportId)
      .where("version", "=", current.version)
      .where("status", "=", "draft")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new FieldError("version", "reportStale");
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: regenerate ? "report.sectionRegenerated" : "report.saved",
      entityType: "report",
      entityId: reportId,
      details: regenerate ? { section: regenerate } : {},
      at: ctx.now,
    });
  });
}

/** Finalises a draft: the figures of this and the previous period are computed now and frozen. */
export async function finaliseReport(db: DB, ctx: Ctx, reportId: string, version: number): Promise<void> {
  const current = await editable(db, ctx.orgId, reportId, version);
  const figures = await liveFigures(db, ctx.orgId, periodOf(current), ctx.now);
  await writeTx(db, async (tx) => {
    const res = await tx
      .updateTable("reports")
      .set({
        status: "finalised",
        figures: JSON.stringify(figures),
        finalised_by: ctx.membershipId,
        finalised_at: ctx.now.toISOString(),
        version: current.version + 1,
        updated_at: ctx.now.toISOString(),
      })
      .where("org_id", "=", ctx.orgId)
      .where("id", "=", reportId)
      .where("version", "=", current.version)
      .where("status", "=", "draft")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new FieldError("version", "reportStale");
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "report.finalised", entityType: "report", entityId: reportId, details: { period: current.period_key }, at: ctx.now });
  });
}

/** Deletes a draft (a finalised report is a record and stays). */
export async function deleteReport(db: DB, ctx: Ctx, reportId: string, version: number): Promise<void> {
  const current = await editable(db, ctx.orgId, reportId, version);
  await writeTx(db, async (tx) => {
    const res = await tx.deleteFrom("reports").where("org_id", "=", ctx.orgId).where("id", "=", reportId).where("version", "=", current.version).where("status", "=", "draft").executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw new FieldError("version", "reportStale");
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "report.deleted", entityType: "report", entityId: reportId, details: { period: current.period_key }, at: ctx.now });
  });
}

/** The file name of the download: "bao-cao-2026-02.docx". */
export function docxFileName(row: Pick<ReportRow, "period_key">): string {
  return `bao-cao-${row.period_key.replace(/[^0-9A-Za-z_-]/g, "")}.docx`;
}
