// The inspection record (biên bản kiểm tra) as an official document (Nghị định 30/2020/NĐ-CP):
// what it says, as blocks of text that the print page and the Word document lay out the same way.
// Pure: the data comes from record.server.ts. Official documents are written in Vietnamese.
import { formatScore } from "./rules";

interface RecordFinding {
  code: string;
  text: string;
  outcome: "fail" | "na";
  note: string;
  /** Photos taken of this item of this member. */
  photos: number;
}

interface RecordMember {
  id: string;
  name: string;
  title: string;
  counter: string;
  score: number | null;
  pass: number;
  fail: number;
  na: number;
  note: string;
  findings: RecordFinding[];
  /** Photos of this member not tied to an item. */
  otherPhotos: number;
}

export interface RecordData {
  draft: boolean;
  org: { parentBody: string; name: string; placeName: string };
  /** YYYY-MM-DD and HH:mm in Vietnam. */
  date: string;
  time: string;
  counter: string;
  place: string;
  inspector: { name: string; title: string };
  template: { name: string; version: number; items: number };
  members: RecordMember[];
  actions: { memberName: string; code: string; requirement: string; dueDate: string; status: string }[];
  generalNote: string;
  addenda: { text: string; author: string; about: string | null; date: string }[];
  /** Who confirms for the centre (the director, or the deputy when the director inspected). */
  leader: { title: string; name: string } | null;
}

type RecordBlock =
  | { type: "para"; text: string }
  | { type: "heading"; text: string }
  | { type: "sub"; text: string }
  | { type: "item"; text: string }
  /** Lines of dots to write on by hand. */
  | { type: "dots"; lines: number };

export const RECORD_TITLE = "BIÊN BẢN";
export const RECORD_SUMMARY = "Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính, văn hóa công vụ";
/** The document type in the number line: "Số: …/BB-TTPVHCC". */
export const RECORD_KIND = "BB";

const STATUS: Record<string, string> = { open: "chờ giải trình", explained: "đã giải trình, chờ kết luận", resolved: "đã khắc phục", unresolved: "chưa khắc phục" };
const LETTERS = "abcdđeghiklmnopqrstuvxy";
const two = (n: number) => String(n).padStart(2, "0");
const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
/** "ngày 26 tháng 02 năm 2026" (leading zero for days below 10 and months 1–2, as NĐ 30 writes dates). */
function dateWords(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `ngày ${two(d)} tháng ${m < 3 ? two(m) : m} năm ${y}`;
}
const sentence = (s: string) => (/[.!?…:]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** Where it took place: "Quầy 1 – Tư pháp – Hộ tịch (sảnh tầng 1), Trung tâm … xã Tứ Kỳ". */
function recordPlace(r: Pick<RecordData, "counter" | "place" | "org">): string {
  const at = [r.counter, r.counter && r.place ? `(${r.place})` : r.place].filter(Boolean).join(" ");
  return [at, r.org.name].filter(Boolean).join(", ");
}

/** The body of the record, in order: opening, I. participants, II. content and results, III. corrective actions, IV. the members' opinion, V. addenda, closing. */
export function recordBlocks(r: RecordData): RecordBlock[] {
  const out: RecordBlock[] = [];
  const [h, min] = r.time.split(":");
  out.push({ type: "para", text: `Hôm nay, vào hồi ${h} giờ ${min} phút, ${dateWords(r.date)}, tại ${recordPlace(r)}, chúng tôi gồm:` });

  out.push({ type: "heading", text: "I. THÀNH PHẦN" });
  out.push({ type: "sub", text: "1. Người kiểm tra:" });
  out.push({ type: "item", text: `- Ông (bà) ${r.inspector.name}${r.inspector.title ? `, ${r.inspector.title}` : ""}.` });
  out.push({ type: "sub", text: "2. Người được kiểm tra:" });
  for (const m of r.members) out.push({ type: "item", text: `- Ông (bà) ${[m.name, m.title, m.counter].filter(Boolean).join(", ")}.` });

  out.push({ type: "heading", text: "II. NỘI DUNG, KẾT QUẢ KIỂM TRA" });
  out.push({
    type: "para",
    text: `Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính, văn hóa công vụ theo bộ tiêu chí “${r.template.name}” (phiên bản ${r.template.version}, ${r.template.items} tiêu chí). Kết quả như sau:`,
  });
  r.members.forEach((m, i) => {
    const applicable = m.pass + m.fail;
    out.push({ type: "sub", text: `${i + 1}. ${m.name}: đạt ${m.pass}/${applicable} tiêu chí áp dụng${m.na ? ` (${m.na} tiêu chí không áp dụng)` : ""}; điểm ${formatScore(m.score)}/100.` });
    const fails = m.findings.filter((f) => f.outcome === "fail");
    if (fails.length === 0) out.push({ type: "para", text: "Không có tiêu chí nào không đạt." });
    else {
      out.push({ type: "para", text: "Các tiêu chí không đạt:" });
      fails.forEach((f, j) => {
        const evidence = f.photos ? ` (${two(f.photos)} ảnh minh chứng)` : "";
        out.push({ type: "item", text: `${LETTERS[j] ?? j + 1}) ${f.code} – ${f.text.replace(/\.$/, "")}${f.note ? `: ${f.note.replace(/\.$/, "")}` : ""}${evidence}.` });
      });
    }
    if (m.otherPhotos) out.push({ type: "para", text: `Ảnh chụp khác: ${two(m.otherPhotos)} ảnh.` });
    if (m.note) out.push({ type: "para", text: `Ghi nhận: ${sentence(m.note)}` });
  });
  if (r.generalNote) out.push({ type: "para", text: `Ghi nhận chung: ${sentence(r.generalNote)}` });

  out.push({ type: "heading", text: "III. YÊU CẦU CHẤN CHỈNH" });
  if (r.actions.length === 0) out.push({ type: "para", text: "Không có yêu cầu chấn chỉnh." });
  for (const a of r.actions) {
    out.push({ type: "item", text: `- ${a.memberName} (${a.code}): ${a.requirement.replace(/\.$/, "")}; hạn khắc phục ${dmy(a.dueDate)}; ${STATUS[a.status] ?? a.status}.` });
  }

  out.push({ type: "heading", text: "IV. Ý KIẾN CỦA NGƯỜI ĐƯỢC KIỂM TRA" });
  out.push({ type: "dots", lines: 3 });

  if (r.addenda.length) {
    out.push({ type: "heading", text: "V. NỘI DUNG BỔ SUNG" });
    for (const a of r.addenda) out.push({ type: "item", text: `- ${sentence(a.text)} (${a.author}, ${dmy(a.date)}${a.about ? `; về ${a.about}` : ""})` });
  }

  out.push({
    type: "para",
    text: "Biên bản kết thúc vào hồi …… giờ …… phút cùng ngày, đã được đọc lại cho những người có tên trên cùng nghe, thống nhất và ký tên dưới đây. Biên bản được lập thành 02 bản có giá trị như nhau: người được kiểm tra giữ 01 bản, Trung tâm lưu 01 bản.",
  });
  return out;
}

/** The signature columns: the members and the inspector side by side, the leader's confirmation below. */
export function recordSigners(r: RecordData) {
  return {
    members: { titles: ["NGƯỜI ĐƯỢC KIỂM TRA"], note: "(Ký, ghi rõ họ tên)", names: r.members.map((m) => m.name) },
    inspector: { titles: ["NGƯỜI KIỂM TRA"], note: "(Ký, ghi rõ họ tên)", names: [r.inspector.name] },
    leader: { titles: ["XÁC NHẬN CỦA LÃNH ĐẠO TRUNG TÂM", ...(r.leader ? [r.leader.title.toLocaleUpperCase("vi")] : [])], note: "(Ký, ghi rõ họ tên, đóng dấu)", names: [r.leader?.name ?? ""] },
  };
}

/** "bien-ban-kiem-tra-2026-02-26-0820.docx" */
export function recordFileName(r: Pick<RecordData, "date" | "time">): string {
  return `bien-ban-kiem-tra-${r.date}-${r.time.replace(":", "")}.docx`;
}
