// The consolidated report of an oversight group for a period, as a Word document in the layout of
// Nghị định 30/2020/NĐ-CP (the same page, header and signer's block as a centre's report): the
// general situation, the results summed and averaged over the centres, a table per centre, the
// ranking and proposals. A draft ("DỰ THẢO"): the body's office edits and signs it in Word.
import { Paragraph } from "docx";
import { vnNumber, vnPercent, recipientLines } from "../reports/document";
import { bodyParagraph, centred, gridTable, headerTable, mm, officialDocx, PT, run, shortRule, signerBlock, TEXT_WIDTH, twoColumns } from "../reports/docx.server";
import { dmy, periodWords, type ReportPeriod } from "../reports/period";
import type { CentreRow, OversightGroup } from "./oversight.server";
import { shortCentreName } from "./period";

const mean = (values: (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
};
const sum = (rows: CentreRow[], f: (r: CentreRow) => number) => rows.reduce((a, r) => a + f(r), 0);

const RECIPIENTS = "- Lãnh đạo UBND;\n- Các Trung tâm Phục vụ hành chính công;\n- Lưu: VT.";

/** The document's words, from the rows (pure: tested without Word). */
export function consolidatedText(group: OversightGroup, period: ReportPeriod, rows: CentreRow[], asOf: string) {
  const words = periodWords(period);
  const pctOf = (v: number | null) => vnPercent(v === null ? null : Math.round(v * 10) / 10);
  const staff = sum(rows, (r) => r.staff);
  const general =
    `${group.name} theo dõi ${vnNumber(rows.length)} Trung tâm Phục vụ hành chính công với tổng số ${vnNumber(staff)} cán bộ, công chức, viên chức và người lao động (cuối kỳ). ` +
    `Số liệu dưới đây được tổng hợp từ dữ liệu các Trung tâm cập nhật trên phần mềm Rõ Việc đến ngày ${dmy(asOf)}.`;
  const results =
    `${words.within}, các Trung tâm được giao ${vnNumber(sum(rows, (r) => r.tasksAssigned))} nhiệm vụ, hoàn thành ${vnNumber(sum(rows, (r) => r.tasksCompleted))} nhiệm vụ; ` +
    `tỷ lệ hoàn thành đúng hạn bình quân ${pctOf(mean(rows.map((r) => r.onTimeRate)))}; còn ${vnNumber(sum(rows, (r) => r.overdue))} nhiệm vụ quá hạn. ` +
    `Tỷ lệ chấp hành giờ giấc bình quân ${pctOf(mean(rows.map((r) => r.punctuality)))}, ${vnNumber(sum(rows, (r) => r.lateArrivals))} lượt đi muộn; ` +
    `tỷ lệ trực đúng lịch bình quân ${pctOf(mean(rows.map((r) => r.dutyRate)))}. ` +
    `Đã thực hiện ${vnNumber(sum(rows, (r) => r.inspections))} lượt kiểm tra công vụ, tỷ lệ đạt bình quân ${pctOf(mean(rows.map((r) => r.passRate)))}; ` +
    `còn ${vnNumber(sum(rows, (r) => r.openActions))} nội dung khắc phục chưa hoàn thành.`;
  const ranking = rows.map((r, i) => (r.score === null ? `- ${r.centre.name}: chưa đủ số liệu để xếp hạng` : `${i + 1}. ${r.centre.name}: ${vnNumber(r.score, 1)}`));
  const below = rows.filter((r) => r.score !== null && r.onTimeRate !== null && (mean(rows.map((x) => x.onTimeRate)) ?? 0) > r.onTimeRate).map((r) => r.centre.name);
  const proposals =
    (below.length ? `Đề nghị ${below.join(", ")} rà soát nguyên nhân tỷ lệ nhiệm vụ đúng hạn thấp hơn bình quân, có giải pháp khắc phục. ` : "") +
    "Đề nghị các Trung tâm tiếp tục chấp hành nghiêm thời giờ làm việc, lịch trực; hoàn thành dứt điểm các nội dung khắc phục sau kiểm tra công vụ.";
  return {
    title: `Tổng hợp kết quả hoạt động của các Trung tâm Phục vụ hành chính công ${words.name}`,
    general,
    results,
    ranking,
    proposals,
  };
}

/** The consolidated report as a .docx. */
export async function consolidatedDocx(group: OversightGroup, period: ReportPeriod, rows: CentreRow[], today: string): Promise<Buffer> {
  const text = consolidatedText(group, period, rows, today);
  const heading = (s: string) => new Paragraph({ spacing: { before: 240, after: 0 }, keepNext: true, children: [run(s, { bold: true })] });
  const table = gridTable(
    ["TT", "Trung tâm", "Nhiệm vụ hoàn thành/giao", "Đúng hạn", "Quá hạn", "Đúng giờ", "Trực đúng lịch", "Kiểm tra đạt", "Chỉ số tổng hợp"],
    rows.map((r, i) => [
      String(i + 1),
      shortCentreName(r.centre.name),
      `${vnNumber(r.tasksCompleted)}/${vnNumber(r.tasksAssigned)}`,
      vnPercent(r.onTimeRate),
      vnNumber(r.overdue),
      vnPercent(r.punctuality),
      vnPercent(r.dutyRate),
      vnPercent(r.passRate),
      r.score === null ? "—" : vnNumber(r.score, 1),
    ]),
    [mm(9), 0, mm(22), mm(15), mm(14), mm(15), mm(16), mm(16), mm(17)],
  );
  return officialDocx({
    title: text.title,
    draft: true,
    children: [
      headerTable({ parentBody: group.parentBody, centreName: group.name, number: "/BC-VP", kind: "BC", place: group.placeName, date: today }),
      centred("BÁO CÁO", { bold: true }, { before: 480 }),
      centred(text.title, { bold: true }),
      shortRule(TEXT_WIDTH, mm(40)),
      heading("I. TÌNH HÌNH CHUNG"),
      bodyParagraph(text.general),
      heading("II. KẾT QUẢ THỰC HIỆN"),
      bodyParagraph(text.results),
      new Paragraph({ spacing: { before: 120, after: 60 }, keepNext: true, children: [run("Bảng 1. Kết quả của từng Trung tâm", { italics: true, size: PT(13) })] }),
      table,
      heading("III. XẾP HẠNG"),
      bodyParagraph("Xếp hạng theo chỉ số tổng hợp (trung bình cộng các tỷ lệ: nhiệm vụ đúng hạn, chấp hành giờ giấc, trực đúng lịch, kiểm tra công vụ đạt; Trung tâm có dưới hai tỷ lệ chưa xếp hạng), để tham khảo:"),
      ...text.ranking.map((l) => bodyParagraph(l)),
      heading("IV. ĐỀ XUẤT, KIẾN NGHỊ"),
      bodyParagraph(text.proposals),
      new Paragraph({ spacing: { before: 240, after: 0 }, children: [] }),
      twoColumns(
        [
          new Paragraph({ spacing: { before: 0, after: 0 }, children: [run("Nơi nhận:", { size: PT(12), bold: true, italics: true })] }),
          ...recipientLines(RECIPIENTS).map((l) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(l, { size: PT(11) })] })),
        ],
        signerBlock({ titles: ["CHÁNH VĂN PHÒNG"], name: "" }),
      ),
    ],
  });
}
