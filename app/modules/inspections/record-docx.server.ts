// The inspection record (biên bản kiểm tra) as a Word document in the layout of Nghị định
// 30/2020/NĐ-CP, built from the same header, signature block and page setup as the report.
import { AlignmentType, Paragraph, type Table } from "docx";
import { bodyParagraph, centred, mm, officialDocx, headerTable, PT, run, shortRule, signatureBlock, TEXT_WIDTH } from "../reports/docx.server";
import { RECORD_KIND, RECORD_SUMMARY, RECORD_TITLE, recordBlocks, recordSigners, type RecordData } from "./record";

export async function recordDocx(r: RecordData): Promise<Buffer> {
  const body: (Paragraph | Table)[] = recordBlocks(r).flatMap((b) => {
    switch (b.type) {
      case "heading":
        return [bodyParagraph(b.text, { bold: true }, true)];
      case "sub":
        return [bodyParagraph(b.text, { bold: true }, true)];
      case "dots":
        return Array.from({ length: b.lines }, () => new Paragraph({ alignment: AlignmentType.LEFT, spacing: { before: 120, after: 0 }, children: [run(".".repeat(118), { size: PT(13) })] }));
      default:
        return [bodyParagraph(b.text)];
    }
  });
  const signers = recordSigners(r);
  return officialDocx({
    title: `Biên bản kiểm tra ${r.date}`,
    draft: r.draft,
    children: [
      headerTable({ parentBody: r.org.parentBody, centreName: r.org.name, number: "", kind: RECORD_KIND, place: r.org.placeName, date: r.date }),
      centred(RECORD_TITLE, { bold: true }, { before: 480 }),
      centred(RECORD_SUMMARY, { bold: true }),
      shortRule(TEXT_WIDTH, mm(40)),
      new Paragraph({ spacing: { before: 120, after: 0 }, children: [] }),
      ...body,
      new Paragraph({ spacing: { before: 240, after: 0 }, children: [] }),
      signatureBlock([signers.members, signers.inspector]),
      new Paragraph({ spacing: { before: 360, after: 0 }, children: [] }),
      signatureBlock([signers.leader]),
    ],
  });
}
