// The periodic report as a Word document in the format of Nghị định 30/2020/NĐ-CP: A4 portrait,
// margins 20/20/30/15 mm, Times New Roman black; the two-column header (parent body and issuer
// with a short rule, number | national title, motto, place and date); centred "BÁO CÁO" and the
// summary line; justified 14 pt body with a 1.27 cm first-line indent and I. / 1. / a) headings;
// tables of figures; "Nơi nhận" and the signer's block; page numbers top centre from page 2.
// The page, the header, the signer's block and the document shell are exported for the other
// official documents (the annual rating form, evaluation/annual-docx.server.ts).
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from "docx";
import { balancedLines, issuerName, numberLine, recipientLines, SECTION_HEADINGS, SECTIONS, sectionBlocks, signerLines, type FigureTable, type SectionKey, type TableKey } from "./document";
import { placeDateLine } from "./period";

interface ReportDocumentInput {
  parentBody: string;
  centreName: string;
  number: string;
  place: string;
  /** YYYY-MM-DD. */
  date: string;
  title: string;
  sections: Record<SectionKey, string>;
  tables: Record<TableKey, FigureTable>;
  recipients: string;
  signerTitle: string;
  signerName: string;
  /** A draft carries "DỰ THẢO" above the header. */
  draft: boolean;
}

const FONT = "Times New Roman";
/** Half-points. */
export const PT = (n: number) => n * 2;
const BODY = PT(14);

// A4 and the margins of NĐ 30/2020 (top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm).
const PAGE = { width: 11906, height: 16838 };
/** Millimetres to twips, rounded up so that a margin is never below its minimum. */
export const mm = (x: number) => Math.ceil((x * 1440) / 25.4);
const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) };
/** The width of the text: 210 − 30 − 15 = 165 mm. */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const FIRST_LINE = 720; // 1.27 cm
const LINE = { line: 288, lineRule: LineRuleType.AUTO }; // 1.2 lines

type RunOptions = Omit<IRunOptions, "text" | "children">;
export const run = (text: string, o: RunOptions = {}) => new TextRun({ text, font: FONT, size: BODY, color: "000000", ...o });

export function centred(text: string, o: Omit<IRunOptions, "text" | "children"> = {}, spacing: { before?: number; after?: number } = {}) {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0, ...spacing }, children: [run(text, o)] });
}

const NO_BORDERS = TableBorders.NONE;
const CELL_MARGINS = { top: 0, bottom: 0, left: 0, right: 0 };

/** A short centred rule under the issuer's name (a bottom border on an indented empty paragraph). */
export function shortRule(cellWidth: number, ruleWidth: number) {
  const side = Math.max(0, Math.round((cellWidth - ruleWidth) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: 120, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
    children: [run("", { size: 2 })],
  });
}

/** What the two-column header of an official document shows. */
interface OfficialHeader {
  parentBody: string;
  centreName: string;
  /** The number line and the place-and-date line; a form without them (the rating form) leaves them out. */
  number?: string;
  /** The document kind in the number line ("BC" report, "BB" record); BC by default. */
  kind?: string;
  place?: string;
  /** YYYY-MM-DD. */
  date?: string;
}

/** The header: parent body and issuer with a short rule | national title and motto; then number | place and date. */
export function headerTable(input: OfficialHeader): Table {
  const left = Math.round(TEXT_WIDTH * 0.4);
  const right = TEXT_WIDTH - left;
  const cell = (width: number, children: Paragraph[]) =>
    new TableCell({ width: { size: width, type: WidthType.DXA }, margins: CELL_MARGINS, verticalAlign: VerticalAlign.TOP, children });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          cell(left, [
            ...balancedLines(input.parentBody.toLocaleUpperCase("vi"), 30).map((l) => centred(l, { size: PT(12) })),
            ...balancedLines(issuerName(input.centreName)).map((l) => centred(l, { size: PT(12), bold: true })),
            shortRule(left, Math.round(left / 3)),
          ]),
          cell(right, [
            centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { size: PT(12), bold: true }),
            centred("Độc lập - Tự do - Hạnh phúc", { size: PT(13), bold: true, underline: { type: UnderlineType.SINGLE, color: "000000" } }),
          ]),
        ],
      }),
      ...(input.number !== undefined && input.place !== undefined && input.date !== undefined
        ? [
            new TableRow({
              cantSplit: true,
              children: [
                cell(left, [centred(numberLine(input.number, input.kind), { size: PT(13) }, { before: 160 })]),
                cell(right, [centred(placeDateLine(input.place, input.date), { size: PT(14), italics: true }, { before: 160 })]),
              ],
            }),
          ]
        : []),
    ],
  });
}

/** A justified body paragraph with the first-line indent. */
export function bodyParagraph(text: string, o: RunOptions = {}, keepNext = false) {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE },
    spacing: { before: 120, after: 0, ...LINE },
    keepNext,
    keepLines: keepNext,
    children: [run(text, o)],
  });
}

/**
 * A bordered table of text, 12 pt: a bold repeated header row, then the rows; `widths` in twips (a
 * 0 takes the rest of the text width); columns listed in `left` are left-aligned, others centred.
 */
export function gridTable(header: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[], left: readonly number[] = [1]): Table {
  const cols = [...widths];
  const rest = cols.indexOf(0);
  if (rest >= 0) cols[rest] = TEXT_WIDTH - cols.reduce((s, w) => s + w, 0);
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: cols[i]!, type: WidthType.DXA },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      verticalAlign: VerticalAlign.CENTER,
      children: text.split("\n").map(
        (line) =>
          new Paragraph({
            alignment: head || !left.includes(i) ? AlignmentType.CENTER : AlignmentType.LEFT,
            spacing: { before: 0, after: 0 },
            children: [run(line, { size: PT(12), bold: head })],
          }),
      ),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: cols,
    layout: TableLayoutType.FIXED,
    borders,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

/** A table's caption: "Bảng n. …", centred, bold, kept with the table. */
function tableCaption(text: string) {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 160, after: 80 }, keepNext: true, children: [run(text, { size: PT(13), bold: true })] });
}

const WIDTHS = [680, 0, 1420, 1420, 1560];
function figureTable(t: FigureTable, n: number): (Paragraph | Table)[] {
  return [tableCaption(`Bảng ${n}. ${t.caption}`), gridTable(t.header, t.rows, WIDTHS)];
}

function sectionChildren(input: ReportDocumentInput): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let tableNo = 0;
  for (const key of SECTIONS) {
    out.push(bodyParagraph(SECTION_HEADINGS[key], { bold: true }, true));
    for (const b of sectionBlocks(input.sections[key])) {
      if (b.type === "heading") out.push(bodyParagraph(b.text, b.level === 2 ? { bold: true } : { italics: true, bold: true }, true));
      else if (b.type === "table") out.push(...figureTable(input.tables[b.key], ++tableNo));
      else out.push(bodyParagraph(b.text));
    }
  }
  return out;
}

/** One column of a signature block: upper-case title lines, an italic note, room to sign, the names. */
interface SignatureColumn {
  titles: string[];
  note?: string;
  names: string[];
}

/**
 * A signature block of equal columns without borders: each column its title (bold), room for the
 * signature (and seal), then the name (bold) — several names stacked with room for each.
 */
export function signatureBlock(columns: SignatureColumn[]): Table {
  const width = Math.floor(TEXT_WIDTH / columns.length);
  const cell = (children: Paragraph[]) => new TableCell({ width: { size: width, type: WidthType.DXA }, margins: CELL_MARGINS, children });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: columns.map(() => width),
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: columns.map((c) =>
          cell([
            ...(c.titles.length ? c.titles : [""]).map((l) => centred(l, { bold: true })),
            ...(c.note ? [centred(c.note, { italics: true, size: PT(12) })] : []),
            ...(c.names.length ? c.names : [""]).map((n) => centred(n, { bold: true }, { before: 1700 })),
          ]),
        ),
      }),
    ],
  });
}

/**
 * A signer's block: an optional italic place-and-date line, the title lines (upper case, bold), an
 * optional italic hint ("(Ký, ghi rõ họ tên)"), room for the signature and the seal, the name (bold).
 */
export function signerBlock(o: { dateLine?: string; titles: string[]; hint?: string; name: string }): Paragraph[] {
  return [
    ...(o.dateLine ? [centred(o.dateLine, { italics: true })] : []),
    ...(o.titles.length ? o.titles : [""]).map((l) => centred(l, { bold: true })),
    ...(o.hint ? [centred(o.hint, { italics: true, size: PT(13) })] : []),
    // Room for the signature and the seal.
    centred(o.name, { bold: true }, { before: 1700 }),
  ];
}

/** Two borderless columns of equal width kept on one page: e.g. "Nơi nhận" | the signer. */
export function twoColumns(left: Paragraph[], right: Paragraph[]): Table {
  const half = Math.round(TEXT_WIDTH / 2);
  const cell = (width: number, children: Paragraph[]) =>
    new TableCell({ width: { size: width, type: WidthType.DXA }, margins: CELL_MARGINS, children: children.length ? children : [new Paragraph({ children: [] })] });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [half, TEXT_WIDTH - half],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [cell(half, left), cell(TEXT_WIDTH - half, right)] })],
  });
}

function signatureTable(input: ReportDocumentInput): Table {
  const recipients = recipientLines(input.recipients);
  return twoColumns(
    [
      new Paragraph({ spacing: { before: 0, after: 0 }, children: [run("Nơi nhận:", { size: PT(12), bold: true, italics: true })] }),
      ...recipients.map((l) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(l, { size: PT(11) })] })),
    ],
    signerBlock({ titles: signerLines(input.signerTitle), name: input.signerName }),
  );
}

/**
 * An official document as a .docx: A4 portrait with the margins of NĐ 30/2020, Times New Roman
 * black, page numbers top centre from page 2, "DỰ THẢO" above a draft.
 */
export async function officialDocx(o: { title: string; draft: boolean; children: (Paragraph | Table)[] }): Promise<Buffer> {
  const doc = new Document({
    creator: "Rõ Việc",
    title: o.title,
    styles: { default: { document: { run: { font: FONT, size: BODY, color: "000000" } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: { ...MARGIN, header: mm(10), footer: mm(10) },
            pageNumbers: { start: 1 },
          },
          // A different first page: its header is empty, so page numbers show from page 2.
          titlePage: true,
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: PT(13) })] })] }),
        },
        children: [
          ...(o.draft ? [new Paragraph({ alignment: AlignmentType.LEFT, spacing: { after: 120 }, children: [run("DỰ THẢO", { bold: true, size: PT(12) })] })] : []),
          ...o.children,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The report as a .docx file. */
export async function reportDocx(input: ReportDocumentInput): Promise<Buffer> {
  return officialDocx({
    title: `Báo cáo ${input.title}`,
    draft: input.draft,
    children: [
      headerTable(input),
      centred("BÁO CÁO", { bold: true }, { before: 480 }),
      centred(input.title, { bold: true }),
      shortRule(TEXT_WIDTH, mm(40)),
      new Paragraph({ spacing: { before: 120, after: 0 }, children: [] }),
      ...sectionChildren(input),
      new Paragraph({ spacing: { before: 240, after: 0 }, children: [] }),
      signatureTable(input),
    ],
  });
}

/** A report's DOCX from its view (reportView): the centre's own download and an overseer's. */
export function reportViewDocx(view: {
  row: { number: string; place: string; report_date: string; title: string; recipients: string; signer_title: string; signer_name: string; status: string };
  org: { parent_body: string; name: string };
  sections: Record<SectionKey, string>;
  tables: Record<TableKey, FigureTable>;
}): Promise<Buffer> {
  const { row } = view;
  return reportDocx({
    parentBody: view.org.parent_body,
    centreName: view.org.name,
    number: row.number,
    place: row.place,
    date: row.report_date,
    title: row.title,
    sections: view.sections,
    tables: view.tables,
    recipients: row.recipients,
    signerTitle: row.signer_title,
    signerName: row.signer_name,
    draft: row.status === "draft",
  });
}
