import { randomUUID } from "node:crypto";
import { draftFor, liveFigures } from "../../app/modules/reports/reports.server";
import { defaultRecipients } from "../../app/modules/reports/draft";
import { reportPeriod, type ReportPeriod } from "../../app/modules/reports/period";
import { deadlineInstant, vnDateOf } from "../../app/utils/dates";
import type { SeedContext } from "./index";

// Demo periodic reports for tu-ky: February 2026, numbered 04/BC-TTPVHCC, dated 06/03/2026 and
// signed by the director (finalised, its figures frozen at that moment), and March 2026 as the
// deputy's draft. Each only once its month has begun (February: once it has ended), never dated
// after the seed clock. The text is the app's own draft from the figures, with the director's
// edit of section I.

const vnAt = (date: string, time: string) => new Date(deadlineInstant(date, time).getTime() - 59_999);
const earliest = (a: Date, b: Date) => (a < b ? a : b);

interface Spec {
  period: ReportPeriod;
  author: string;
  number: string;
  /** When the report is written (and, if `finalise`, finalised), unless the seed clock is earlier. */
  at: Date;
  finalise: boolean;
  situationLead?: string;
}

async function seedReport(s: SeedContext, orgId: string, spec: Spec) {
  const author = s.members[spec.author];
  if (!author) return;
  const at = earliest(spec.at, s.now);
  const [org, signer, figures] = await Promise.all([
    s.db.selectFrom("organizations").select(["name", "parent_body", "place_name"]).where("id", "=", orgId).executeTakeFirstOrThrow(),
    s.db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["m.title", "m.roles", "u.full_name as name"])
      .where("m.id", "=", author.membershipId)
      .where("m.org_id", "=", orgId)
      .executeTakeFirstOrThrow(),
    liveFigures(s.db, orgId, spec.period, at),
  ]);
  const draft = draftFor(org, spec.period, figures);
  const signerTitle = signer.roles.split(",").includes("director") ? signer.title.toLocaleUpperCase("vi") : `KT. GIÁM ĐỐC\n${signer.title.toLocaleUpperCase("vi")}`;
  const iso = at.toISOString();
  await s.db
    .insertInto("reports")
    .values({
      id: randomUUID(),
      org_id: orgId,
      period_kind: spec.period.kind,
      period_key: spec.period.key,
      period_from: spec.period.from,
      period_to: spec.period.to,
      title: draft.title,
      number: spec.number,
      place: org.place_name,
      report_date: vnDateOf(at),
      recipients: defaultRecipients(),
      signer_title: signerTitle,
      signer_name: signer.name,
      section_situation: spec.situationLead ? `${spec.situationLead}\n${draft.sections.situation}` : draft.sections.situation,
      section_organisation: draft.sections.organisation,
      section_results: draft.sections.results,
      section_assessment: draft.sections.assessment,
      section_solutions: draft.sections.solutions,
      section_conclusion: draft.sections.conclusion,
      status: spec.finalise ? "finalised" : "draft",
      figures: spec.finalise ? JSON.stringify(figures) : null,
      version: spec.finalise ? 3 : 1,
      created_by: author.membershipId,
      finalised_by: spec.finalise ? author.membershipId : null,
      finalised_at: spec.finalise ? iso : null,
      created_at: new Date(at.getTime() - (spec.finalise ? 2 * 3_600_000 : 0)).toISOString(),
      updated_at: iso,
    })
    .execute();
}

export async function seedReports(s: SeedContext): Promise<void> {
  const org = s.orgs["tu-ky"];
  if (!org) return;
  const today = vnDateOf(s.now);
  const february = reportPeriod("2026-02")!;
  const march = reportPeriod("2026-03")!;
  if (today > february.to) {
    await seedReport(s, org.id, {
      period: february,
      author: "tuky.giamdoc",
      number: "04/BC-TTPVHCC",
      at: vnAt("2026-03-06", "09:30"),
      finalise: true,
      situationLead:
        "Tháng 02 năm 2026 có kỳ nghỉ Tết Nguyên đán Bính Ngọ (từ ngày 14/02 đến hết ngày 22/02/2026). Trung tâm đã bố trí lịch trực Tết, bảo đảm tiếp nhận, giải quyết kịp thời công việc phát sinh trong những ngày nghỉ và ổn định nền nếp làm việc ngay sau Tết.",
    });
  }
  if (today >= march.from) {
    await seedReport(s, org.id, { period: march, author: "tuky.phogiamdoc", number: "/BC-TTPVHCC", at: vnAt("2026-04-03", "08:30"), finalise: false });
  }
}
