// The annual rating form (phiếu đánh giá, xếp loại chất lượng công chức) as a Word document in the
// official layout: the NĐ 30/2020 page, header and signer blocks of the periodic report
// (reports/docx.server.ts); the title and year; who is rated; I. the year's periods and their mean;
// II. the general criteria for the year with the evaluator's comments; III. the totals, caps and
// band; IV. the member's self-assessment and self-rating, signed; V. the competent leader's comment
// and the band (xếp loại chất lượng), signed. Always Vietnamese: it is an official document.
import { Paragraph } from "docx";
import { messages } from "../../i18n/messages.server";
import { normalizeSearch } from "../../../db/text";
import { vnDateOf } from "../../utils/dates";
import { bodyParagraph, centred, gridTable, headerTable, mm, officialDocx, PT, run, shortRule, signerBlock, TEXT_WIDTH, twoColumns } from "../reports/docx.server";
import { placeDateLine } from "../reports/period";
import type { MemberYear } from "./annual.server";
import { yearPeriodCells } from "./annual.server";
import { CRITERION_MAX, GENERAL_CRITERIA, round2, shownParts, TASK_POINTS, type Band } from "./score";

const vi = messages("vi");
const BAND_WORDS = vi.evaluations.bands;

/** Points as an official document writes them: "89,99", "7,5", "70". */
function points(n: number | null): string {
  if (n === null) return "—";
  const s = Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
  return s.replace(".", ",");
}

const periodWords = (key: string) => (key.includes("Q") ? `Quý ${key.slice(6)}/${key.slice(0, 4)}` : `Tháng ${key.slice(5, 7)}/${key.slice(0, 4)}`);
/** The mean row as displayed: parts rounded down, adding up to the total shown (decision 0020). */
function meanRow(task: number | null, general: number | null): [string, string, string] {
  if (task === null || general === null) return ["—", "—", "—"];
  const [t, g] = shownParts([task, general]) as [number, number];
  return [points(t), points(g), points(round2(t + g))];
}

const band = (b: Band | null) => (b ? BAND_WORDS[b] : "Chưa xếp loại");
const BLANK_DATE = "……, ngày …… tháng …… năm ……";

interface AnnualDocxInput {
  parentBody: string;
  centreName: string;
  place: string;
  evaluation: MemberYear;
  evaluatedByName: string | null;
  finalisedByName: string | null;
}

function heading(text: string) {
  return bodyParagraph(text, { bold: true }, true);
}

function line(label: string, value: string) {
  return new Paragraph({
    spacing: { before: 60, after: 0 },
    children: [run(label, { bold: true }), run(value)],
  });
}

/** The rating form of one member's year as a .docx file (a draft until the year is finalised). */
export async function annualDocx(input: AnnualDocxInput): Promise<Buffer> {
  const e = input.evaluation;
  const r = e.result;
  const cells = yearPeriodCells(e).filter((c) => c.counted);
  const periodsTable =
    cells.length > 0
      ? [
          gridTable(
            ["TT", "Kỳ đánh giá", `Kết quả nhiệm vụ (${TASK_POINTS})`, "Tiêu chí chung (30)", "Tổng điểm", "Xếp loại"],
            [
              ...cells.map((c, i) => [String(i + 1), periodWords(c.key), points(c.taskPoints), points(c.generalPoints), points(c.total), band(c.band)]),
              ["", "Bình quân", ...meanRow(r.taskPoints, r.periodGeneralPoints), ""],
            ],
            [600, 0, 1500, 1500, 1200, 2300],
            [1, 5],
          ),
        ]
      : [bodyParagraph("Chưa có tháng (hoặc quý) nào trong năm được chốt.")];
  const basis = r.basis === "quarter" ? `${cells.length}/4 quý` : `${cells.length}/12 tháng`;
  const criteriaTable = gridTable(
    ["TT", "Tiêu chí", "Tối đa", "Điểm", "Nhận xét"],
    [
      ...GENERAL_CRITERIA.map((c, i) => [String(i + 1), vi.evaluations.criteria[c], points(CRITERION_MAX[c]), points(e.general[c].points), e.general[c].note]),
      ["", "Cộng", "30", points(r.generalSource === "evaluator" ? r.shown.generalPoints : null), ""],
    ],
    [600, 2600, 900, 900, 0],
    [1, 4],
  );
  const caps: string[] = [];
  if (r.cap === "disciplined") {
    caps.push("Bị kỷ luật từ khiển trách trở lên trong năm đánh giá: xếp loại “Không hoàn thành nhiệm vụ” (Nghị định 335/2025/NĐ-CP).");
    if (e.disciplinedNote) caps.push(`Kỷ luật: ${e.disciplinedNote}.`);
    if (e.disciplinedIn) caps.push(`Kỷ luật được ghi nhận trong đánh giá ${periodWords(e.disciplinedIn).toLowerCase()}.`);
  } else if (r.cap === "absent") {
    caps.push("Nghỉ không tham gia công tác từ 03 tháng đến dưới 06 tháng trong năm: không xếp loại từ “Hoàn thành tốt nhiệm vụ” trở lên.");
    if (e.absentNote) caps.push(`Thời gian nghỉ: ${e.absentNote}.`);
  }
  if (r.chosen === "applied" && r.cappedBand) caps.push(`Xếp loại thấp hơn mức theo điểm (${band(r.cappedBand)}): ${e.chosenBandNote}`);
  const selfDate = e.selfAssessedAt ? placeDateLine(input.place, vnDateOf(new Date(e.selfAssessedAt))) : BLANK_DATE;
  const leaderDate = e.finalisedAt ? placeDateLine(input.place, vnDateOf(new Date(e.finalisedAt))) : BLANK_DATE;
  const leaderName = e.status === "finalised" ? (input.finalisedByName ?? "") : "";
  const paragraphs = (text: string, empty: string) => {
    const lines = text.replace(/\r\n?/g, "\n").split("\n").map((l) => l.trim()).filter(Boolean);
    return (lines.length ? lines : [empty]).map((l) => bodyParagraph(l));
  };

  return officialDocx({
    title: `Phiếu đánh giá, xếp loại chất lượng năm ${e.year} — ${e.name}`,
    draft: e.status !== "finalised",
    children: [
      headerTable({ parentBody: input.parentBody, centreName: input.centreName }),
      centred(vi.annual.docx.title, { bold: true }, { before: 480 }),
      centred(`Năm ${e.year}`, { bold: true }),
      shortRule(TEXT_WIDTH, mm(30)),
      new Paragraph({ spacing: { before: 120, after: 0 }, children: [] }),
      line("Họ và tên: ", e.name),
      line("Chức vụ, chức danh: ", e.title || "—"),
      ...(e.positionName ? [line("Vị trí việc làm: ", e.positionName)] : []),
      line("Đơn vị công tác: ", input.centreName),

      heading("I. KẾT QUẢ THEO DÕI, ĐÁNH GIÁ CÁC KỲ TRONG NĂM"),
      bodyParagraph(`Căn cứ: ${basis} đã chốt; kỳ chưa chốt không được tính. Mỗi kỳ có trọng số như nhau.`),
      ...periodsTable,

      heading("II. ĐÁNH GIÁ TIÊU CHÍ CHUNG CỦA NĂM"),
      criteriaTable,

      heading("III. TỔNG HỢP ĐIỂM VÀ XẾP LOẠI"),
      bodyParagraph(`- Kết quả thực hiện nhiệm vụ: ${points(r.shown.taskPoints)}/${TASK_POINTS} điểm (bình quân ${cells.length} kỳ).`),
      bodyParagraph(`- Tiêu chí chung: ${points(r.shown.generalPoints)}/30 điểm${r.generalSource === "periods" ? " (bình quân các kỳ, dự kiến)" : ""}.`),
      bodyParagraph(`- Tổng điểm: ${points(r.shown.total)}/100 điểm; theo điểm số: ${band(r.scoreBand)}.`),
      ...caps.map((c) => bodyParagraph(`- ${c}`)),

      heading("IV. TỰ NHẬN XÉT, TỰ XẾP LOẠI CỦA CÔNG CHỨC"),
      ...paragraphs(e.selfAssessment, "(Chưa có tự nhận xét.)"),
      bodyParagraph(`Tự xếp loại chất lượng: ${e.selfBand ? BAND_WORDS[e.selfBand] : "—"}.`),
      new Paragraph({ spacing: { before: 120, after: 0 }, children: [] }),
      twoColumns([], signerBlock({ dateLine: selfDate, titles: ["NGƯỜI TỰ ĐÁNH GIÁ"], hint: "(Ký, ghi rõ họ tên)", name: e.name })),

      heading("V. NHẬN XÉT, ĐÁNH GIÁ CỦA CẤP CÓ THẨM QUYỀN"),
      bodyParagraph("1. Nhận xét ưu, nhược điểm:", { bold: true }, true),
      ...paragraphs(e.comment, "(Chưa có nhận xét.)"),
      new Paragraph({
        indent: { firstLine: 720 },
        spacing: { before: 120, after: 0 },
        children: [run("2. Kết quả đánh giá, xếp loại chất lượng: ", { bold: true }), run(band(r.band).toLocaleUpperCase("vi"), { bold: true })],
      }),
      ...(e.earlyReason ? [bodyParagraph(`Chốt trước tháng 12, lý do: ${e.earlyReason}`, { italics: true })] : []),
      new Paragraph({ spacing: { before: 120, after: 0 }, children: [] }),
      twoColumns([], signerBlock({ dateLine: leaderDate, titles: ["GIÁM ĐỐC"], hint: "(Ký, ghi rõ họ tên, đóng dấu)", name: leaderName })),
      new Paragraph({ spacing: { before: 0, after: 0 }, children: [run("", { size: PT(2) })] }),
    ],
  });
}

/** "phieu-xep-loai-2026-nguyen-van-hung.docx". */
export function annualDocxFileName(year: number, name: string): string {
  const slug = normalizeSearch(name).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `phieu-xep-loai-${year}-${slug || "cong-chuc"}.docx`;
}
