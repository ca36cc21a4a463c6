// What the DOCX, the print page and the report page share: Vietnamese number formatting, the
// figure tables, the six sections, and how a section's text becomes headings, paragraphs, bullets
// and tables. Pure (types only from the server module).
import type { Comparison, MetricKey, ReportFigures } from "./figures.server";
import { periodWords, type ReportPeriod } from "./period";
import { formatNumber } from "../../utils/number";

// ---------- numbers ----------

/**
 * A number as Vietnamese writes it: "1.234", "2,5", "85,0" (decimals fixed when given). The report
 * is a Vietnamese document whatever the reader's language; the formatting is the app's one
 * (app/utils/number.ts), with one decimal at most by default as reports write figures.
 */
export function vnNumber(n: number, decimals?: number): string {
  return formatNumber(n, "vi", decimals === undefined ? { maxDecimals: 1 } : { decimals });
}

/** A percentage with one decimal: "85,0%"; "—" when there is nothing to count. */
export const vnPercent = (n: number | null) => (n === null ? "—" : `${vnNumber(n, 1)}%`);

/** A change for a table cell: "+3", "−2", "0", "+5,0" (points for rates); "—" when unknown. */
export function deltaCell(kind: "count" | "rate", delta: number | null): string {
  if (delta === null) return "—";
  if (delta === 0) return kind === "rate" ? "0,0" : "0";
  const text = kind === "rate" ? vnNumber(Math.abs(delta), 1) : vnNumber(Math.abs(delta));
  return `${delta > 0 ? "+" : "−"}${text}`;
}

/** "tăng 5,0 điểm so với tháng trước", "giảm 2 so với quý trước", "bằng tháng trước". */
export function deltaPhrase(kind: "count" | "rate", delta: number | null, previousWord: string): string | null {
  if (delta === null) return null;
  if (delta === 0) return `bằng ${previousWord}`;
  const amount = kind === "rate" ? `${vnNumber(Math.abs(delta), 1)} điểm` : vnNumber(Math.abs(delta));
  return `${delta > 0 ? "tăng" : "giảm"} ${amount} so với ${previousWord}`;
}

// ---------- sections ----------

export const SECTIONS = ["situation", "organisation", "results", "assessment", "solutions", "conclusion"] as const;
export type SectionKey = (typeof SECTIONS)[number];

/** The headings of the six sections, in order (the seed report's structure). */
export const SECTION_HEADINGS: Record<SectionKey, string> = {
  situation: "I. ĐẶC ĐIỂM TÌNH HÌNH",
  organisation: "II. KẾT QUẢ RÀ SOÁT, ỔN ĐỊNH TỔ CHỨC",
  results: "III. KẾT QUẢ TRIỂN KHAI NHIỆM VỤ",
  assessment: "IV. ĐÁNH GIÁ CHUNG",
  solutions: "V. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI",
  conclusion: "VI. KẾT LUẬN",
};

// ---------- tables ----------

export const TABLE_KEYS = ["staff", "tasks", "inspections"] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

/** The line that places a table in a section's text (the director may move or delete it). */
export const TABLE_TOKENS: Record<TableKey, string> = {
  staff: "[Bảng: nhân sự, kỷ luật hành chính]",
  tasks: "[Bảng: kết quả thực hiện nhiệm vụ]",
  inspections: "[Bảng: kiểm tra công vụ, đánh giá xếp loại]",
};

const TABLE_CAPTIONS: Record<TableKey, string> = {
  staff: "Nhân sự, chấp hành kỷ luật hành chính và chế độ trực",
  tasks: "Kết quả thực hiện nhiệm vụ được giao",
  inspections: "Kiểm tra công vụ, đánh giá, xếp loại",
};

export interface FigureTable {
  key: TableKey;
  caption: string;
  header: [string, string, string, string, string];
  /** TT, indicator, this period, previous period, change. */
  rows: [string, string, string, string, string][];
}

type Row = [MetricKey, string];

const STAFF_ROWS: Row[] = [
  ["staffAtEnd", "Số cán bộ, công chức, viên chức, người lao động (cuối kỳ)"],
  ["staffJoined", "Tiếp nhận mới"],
  ["staffLeft", "Nghỉ việc, chuyển công tác"],
  ["staffReassigned", "Điều chuyển vị trí việc làm"],
  ["present", "Ngày công có mặt"],
  ["onTimeDays", "Ngày công đúng giờ"],
  ["lateArrivals", "Lượt đi muộn"],
  ["absentDays", "Ngày vắng không có lý do"],
  ["leaveDays", "Ngày nghỉ theo chế độ, đi công tác"],
  ["punctualityRate", "Tỷ lệ đi làm đúng giờ (%)"],
  ["dutyRostered", "Ca trực theo lịch"],
  ["dutyDone", "Ca trực đã thực hiện"],
  ["dutyMissed", "Ca trực bỏ trực"],
  ["dutyRate", "Tỷ lệ thực hiện ca trực (%)"],
];

const TASK_ROWS: Row[] = [
  ["tasksAssigned", "Nhiệm vụ giao trong kỳ"],
  ["tasksCompleted", "Nhiệm vụ hoàn thành trong kỳ"],
  ["tasksEarly", "– Trước hạn"],
  ["tasksOnTime", "– Đúng hạn"],
  ["tasksLate", "– Trễ hạn"],
  ["onTimeRate", "Tỷ lệ hoàn thành đúng hạn (%)"],
  ["tasksLateOriginal", "Trễ so với hạn giao ban đầu"],
  ["onTimeRateOriginal", "Tỷ lệ đúng hạn theo hạn ban đầu (%)"],
  ["tasksReturned", "Phải trả lại để hoàn thiện"],
  ["tasksExtended", "Được gia hạn"],
  ["tasksOverdue", "Quá hạn chưa hoàn thành (cuối kỳ)"],
  ["completionRate", "Tỷ lệ hoàn thành nhiệm vụ đến hạn (%)"],
];

const INSPECTION_ROWS: Row[] = [
  ["inspections", "Lượt kiểm tra công vụ"],
  ["membersInspected", "Cán bộ, công chức được kiểm tra"],
  ["inspectionPassRate", "Tỷ lệ nội dung kiểm tra đạt yêu cầu (%)"],
  ["actionsRaised", "Yêu cầu chấn chỉnh"],
  ["actionsResolved", "Đã khắc phục"],
];

const BAND_ROWS: Row[] = [
  ["bandExcellent", "Xếp loại Hoàn thành xuất sắc nhiệm vụ"],
  ["bandGood", "Xếp loại Hoàn thành tốt nhiệm vụ"],
  ["bandCompleted", "Xếp loại Hoàn thành nhiệm vụ"],
  ["bandFailed", "Xếp loại Không hoàn thành nhiệm vụ"],
];

function cell(kind: "count" | "rate", v: number | null): string {
  if (v === null) return "—";
  return kind === "rate" ? vnNumber(v, 1) : vnNumber(v);
}

/** The three tables of figures, each metric beside the previous period's. */
export function figureTables(period: ReportPeriod, previousPeriod: ReportPeriod, figures: ReportFigures, comparison: Comparison): Record<TableKey, FigureTable> {
  const header: FigureTable["header"] = ["TT", "Chỉ tiêu", periodWords(period).short, periodWords(previousPeriod).short, "Tăng (+), giảm (−)"];
  const build = (key: TableKey, rows: Row[]): FigureTable => ({
    key,
    caption: TABLE_CAPTIONS[key],
    header,
    rows: rows.map(([metric, label], i) => {
      const d = comparison[metric];
      return [String(i + 1), label, cell(d.kind, d.current), cell(d.kind, d.previous), deltaCell(d.kind, d.delta)];
    }),
  });
  return {
    staff: build("staff", STAFF_ROWS),
    tasks: build("tasks", TASK_ROWS),
    inspections: build("inspections", figures.evaluation ? [...INSPECTION_ROWS, ...BAND_ROWS] : INSPECTION_ROWS),
  };
}

// ---------- section text → blocks ----------

type Block =
  | { type: "heading"; level: 2 | 3; text: string }
  | { type: "paragraph"; text: string }
  | { type: "bullet"; text: string }
  | { type: "table"; key: TableKey };

const norm = (s: string) => s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

function tableOf(line: string): TableKey | null {
  const m = /^\[\s*bảng\s*:?\s*(.*?)\s*\]$/iu.exec(line.normalize("NFC"));
  if (!m) return null;
  const what = norm(m[1] ?? "");
  if (what.startsWith("nhân sự") || what.startsWith("kỷ luật")) return "staff";
  if (what.startsWith("kết quả") || what.startsWith("nhiệm vụ")) return "tasks";
  if (what.startsWith("kiểm tra") || what.startsWith("đánh giá")) return "inspections";
  return null;
}

/**
 * A section's text as the document lays it out, line by line: "1. …" a numbered heading,
 * "a) …" a lettered heading, "- …" a dash item, "[Bảng: …]" a table of figures, anything else a
 * paragraph; blank lines are dropped.
 */
export function sectionBlocks(text: string): Block[] {
  const out: Block[] = [];
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const table = tableOf(line);
    if (table) out.push({ type: "table", key: table });
    else if (/^\d{1,2}\.\s+\S/.test(line)) out.push({ type: "heading", level: 2, text: line });
    else if (/^[a-zđ]\)\s+\S/u.test(line)) out.push({ type: "heading", level: 3, text: line });
    else if (/^[-–+•]\s+\S/.test(line)) out.push({ type: "bullet", text: `- ${line.replace(/^[-–+•]\s+/, "")}` });
    else out.push({ type: "paragraph", text: line });
  }
  return out;
}

/** Recipient lines ("Nơi nhận"), each starting with "- ". */
export function recipientLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => (/^[-–•]\s*/.test(l) ? `- ${l.replace(/^[-–•]\s*/, "")}` : `- ${l}`));
}

/**
 * Whether "Nơi nhận" ends with the file copy as NĐ 30/2020/NĐ-CP (Phụ lục) writes it: the last
 * line "- Lưu: VT." — optionally with the drafting unit's abbreviation and copies ("- Lưu: VT, TTPVHCC.").
 */
export function recipientsEndWithFileCopy(text: string): boolean {
  const lines = recipientLines(text.normalize("NFC"));
  const last = lines[lines.length - 1];
  return last !== undefined && /^- Lưu\s*:\s*VT\b[^\n]*\.$/u.test(last.replace(/\s+/g, " "));
}

/** The signer's title lines, upper case ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"). */
export function signerLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.trim().toLocaleUpperCase("vi"))
    .filter(Boolean);
}

/**
 * "Số: 04/BC-TTPVHCC"; a number not given yet leaves room to write it in ("Số:      /BC-TTPVHCC").
 * `kind` is the document type's abbreviation (BC báo cáo, BB biên bản, LT lịch trực…).
 */
export function numberLine(number: string, kind = "BC"): string {
  const n = number.trim();
  if (!n) return `Số:        /${kind}-TTPVHCC`;
  return n.startsWith("/") ? `Số:        ${n}` : `Số: ${n}`;
}

/** The issuing body's name without the commune ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"), as the roster print does. */
export function issuerName(centreName: string): string {
  return centreName.replace(/ xã .*$/i, "").toLocaleUpperCase("vi");
}

/** Splits a long upper-case name into two balanced lines ("TRUNG TÂM PHỤC VỤ" / "HÀNH CHÍNH CÔNG"). */
export function balancedLines(text: string, max = 24): string[] {
  if (text.length <= max) return [text];
  const words = text.split(" ");
  let best = [text];
  let bestDiff = Infinity;
  for (let i = 1; i < words.length; i++) {
    const a = words.slice(0, i).join(" ");
    const b = words.slice(i).join(" ");
    const diff = Math.abs(a.length - b.length);
    if (diff < bestDiff) [best, bestDiff] = [[a, b], diff];
  }
  return best;
}
