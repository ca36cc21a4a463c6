// The draft narrative of a periodic report, in the structure and tone of the centre's own reports
// (I. Đặc điểm tình hình … VI. Kết luận), with the figures written into sentences. The director
// edits every section before finalising. Pure: same figures, same text.
import { LEAVE_KINDS, type LeaveKind } from "../../../db/schema";
import type { Comparison, ReportFigures } from "./figures.server";
import { deltaPhrase, TABLE_TOKENS, vnNumber, vnPercent, type SectionKey } from "./document";
import { dmy, periodWords, type ReportPeriod } from "./period";

export interface DraftInput {
  /** "Trung tâm Phục vụ hành chính công xã Tứ Kỳ". */
  centreName: string;
  /** "Ủy ban nhân dân xã Tứ Kỳ". */
  parentBody: string;
  period: ReportPeriod;
  figures: ReportFigures;
  /** The previous period's figures compared (compareFigures), or null. */
  comparison: Comparison | null;
}

const LEAVE_WORDS: Record<LeaveKind, string> = {
  annual: "nghỉ phép năm",
  sick: "nghỉ ốm",
  business: "đi công tác",
  personal_paid: "nghỉ việc riêng có lương",
  personal_unpaid: "nghỉ việc riêng không lương",
};

const n = (x: number) => vnNumber(x);

/** Joins phrases the Vietnamese way: "a, b và c". */
function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} và ${items.at(-1)}`;
}

/** ", tăng 5,0 điểm so với tháng trước" (or nothing without a previous figure). */
function vs(input: DraftInput, key: keyof Comparison): string {
  const d = input.comparison?.[key];
  if (!d) return "";
  const phrase = deltaPhrase(d.kind, d.delta, periodWords(input.period).previous);
  return phrase ? `, ${phrase}` : "";
}

/** The summary line under "BÁO CÁO". */
export function draftTitle(centreName: string, period: ReportPeriod): string {
  return `Kết quả thực hiện nhiệm vụ ${periodWords(period).name} tại ${centreName}`;
}

/** The default recipients (Nơi nhận), ending with the file copy. */
export function defaultRecipients(): string {
  return ["- Đảng ủy xã (để báo cáo);", "- UBND xã (để báo cáo);", "- Lãnh đạo Trung tâm;", "- Lưu: VT."].join("\n");
}

// ---------- I ----------

function situation(input: DraftInput): string {
  const { figures: f, centreName, parentBody } = input;
  const w = periodWords(input.period);
  const leaders = f.staff.leaders ? ` (trong đó ${n(f.staff.leaders)} lãnh đạo Trung tâm)` : "";
  return [
    `Trong ${input.period.kind === "custom" ? "kỳ " : ""}${w.name}, ${centreName} tiếp tục thực hiện nhiệm vụ tiếp nhận, giải quyết thủ tục hành chính cho tổ chức, cá nhân trên địa bàn dưới sự lãnh đạo, chỉ đạo của Đảng ủy, ${parentBody}. Tính đến ngày ${dmy(f.asOfDate)}, Trung tâm có ${n(f.staff.atEnd)} cán bộ, công chức, viên chức và người lao động${leaders}; kỳ báo cáo có ${n(f.attendance.workdays)} ngày làm việc.`,
    "Bên cạnh những thuận lợi như sự quan tâm chỉ đạo của cấp ủy, chính quyền và đội ngũ cán bộ cơ bản ổn định, Trung tâm còn một số khó khăn như: khối lượng hồ sơ lớn, yêu cầu cải cách thủ tục hành chính và chuyển đổi số ngày càng cao, đòi hỏi phải tổ chức thực hiện nhiệm vụ đồng bộ, hiệu quả.",
  ].join("\n");
}

// ---------- II ----------

function organisation(input: DraftInput): string {
  const { figures: f } = input;
  const w = periodWords(input.period);
  const lines: string[] = ["1. Rà soát tổ chức bộ máy, nhân sự"];
  const changes: string[] = [];
  const names = (kind: "joined" | "left") =>
    f.staff.changes
      .filter((c) => c.kind === kind)
      .map((c) => c.name)
      .join(", ");
  if (f.staff.joined) changes.push(`tiếp nhận ${n(f.staff.joined)} người (${names("joined")})`);
  if (f.staff.left) changes.push(`${n(f.staff.left)} người nghỉ việc, chuyển công tác (${names("left")})`);
  if (changes.length) {
    lines.push(`- Đầu kỳ Trung tâm có ${n(f.staff.atStart)} người; ${w.within.toLowerCase()} ${list(changes)}; đến cuối kỳ có ${n(f.staff.atEnd)} người.`);
  } else {
    lines.push(`- ${w.within}, nhân sự của Trung tâm ổn định với ${n(f.staff.atEnd)} người, không có biến động.`);
  }
  const moves = f.staff.changes.filter((c) => c.kind === "reassigned");
  if (moves.length) {
    const who = moves.map((m) => `${m.name}${m.position ? ` sang vị trí ${m.position}` : ""} (từ ngày ${dmy(m.date)})`);
    lines.push(`- Phân công, bố trí lại ${n(moves.length)} vị trí việc làm cho phù hợp với năng lực và yêu cầu thực tiễn: ${list(who)}.`);
  } else {
    lines.push("- Duy trì ổn định vị trí việc làm, bảo đảm rõ người, rõ việc, rõ trách nhiệm theo cơ chế một cửa, một cửa liên thông.");
  }

  lines.push("2. Chấp hành kỷ luật, kỷ cương hành chính");
  const a = f.attendance;
  if (a.present > 0) {
    lines.push(
      `- Tổng số ${n(a.present)} ngày công có mặt, trong đó ${n(a.onTime)} ngày công đúng giờ (tỷ lệ đi làm đúng giờ ${vnPercent(a.punctualityRate)}${vs(input, "punctualityRate")}); ${a.lateArrivals ? `${n(a.lateArrivals)} lượt đi muộn` : "không có trường hợp đi muộn"}${a.earlyLeaves ? `, ${n(a.earlyLeaves)} lượt về sớm` : ""}.`,
    );
  } else {
    lines.push("- Chưa có dữ liệu chấm công trong kỳ.");
  }
  const leave = LEAVE_KINDS.filter((k) => (a.leaveByKind[k] ?? 0) > 0).map((k) => `${LEAVE_WORDS[k]} ${n(a.leaveByKind[k] ?? 0)} ngày`);
  lines.push(
    `- ${a.absentDays ? `Có ${n(a.absentDays)} ngày công vắng không có lý do` : "Không có trường hợp vắng mặt không có lý do"}; ${leave.length ? `nghỉ theo chế độ, đi công tác ${n(a.leaveDays)} ngày công (${list(leave)})` : "không có ngày nghỉ theo chế độ"}.`,
  );

  lines.push("3. Thực hiện chế độ trực");
  const d = f.duty;
  if (d.rostered === 0) {
    lines.push(`- ${w.within} không có lịch trực ngày nghỉ, ngày lễ.`);
  } else if (d.missed === 0 && d.pending === 0) {
    lines.push(`- 100% ca trực theo lịch được thực hiện đầy đủ (${n(d.done)}/${n(d.rostered)} ca), bảo đảm tiếp nhận, xử lý công việc trong các ngày nghỉ.`);
  } else {
    const pending = d.pending ? `; ${n(d.pending)} ca chưa đến lượt trực` : "";
    lines.push(`- Thực hiện ${n(d.done)}/${n(d.done + d.missed)} ca trực theo lịch đã phân công (đạt ${vnPercent(d.rate)}${vs(input, "dutyRate")}); ${d.missed ? `${n(d.missed)} ca không điểm danh trực` : "không có ca bỏ trực"}${pending}.`);
  }
  lines.push(TABLE_TOKENS.staff);
  return lines.join("\n");
}

// ---------- III ----------

function results(input: DraftInput): string {
  const { figures: f } = input;
  const w = periodWords(input.period);
  const t = f.tasks;
  const lines: string[] = ["1. Kết quả thực hiện nhiệm vụ được giao"];
  if (t.assigned === 0 && t.completed === 0) {
    lines.push(`- ${w.within}, Trung tâm không giao nhiệm vụ mới và không có nhiệm vụ hoàn thành.`);
  } else {
    const parts = [`- ${w.within}, Trung tâm giao ${n(t.assigned)} nhiệm vụ; hoàn thành ${n(t.completed)} nhiệm vụ`];
    if (t.completed > 0) {
      parts.push(`, trong đó ${n(t.early)} trước hạn, ${n(t.onTime)} đúng hạn, ${n(t.late)} trễ hạn (tỷ lệ đúng hạn ${vnPercent(t.onTimeRate)}${vs(input, "onTimeRate")})`);
    }
    lines.push(`${parts.join("")}.`);
    if (t.completed > 0) {
      lines.push(
        `- So với hạn giao ban đầu (trước khi gia hạn), ${t.lateOriginal ? `có ${n(t.lateOriginal)} nhiệm vụ hoàn thành trễ` : "không có nhiệm vụ hoàn thành trễ"} (tỷ lệ đúng hạn theo hạn ban đầu ${vnPercent(t.onTimeRateOriginal)}); ${t.returned ? `${n(t.returned)} nhiệm vụ phải trả lại để hoàn thiện` : "không có nhiệm vụ phải trả lại"}, ${t.extended ? `${n(t.extended)} nhiệm vụ được gia hạn` : "không có nhiệm vụ phải gia hạn"}.`,
      );
    }
  }
  if (t.due > 0) {
    const span = f.asOfDate < f.to ? `từ đầu ${w.unit} đến ngày ${dmy(f.asOfDate)}` : `trong ${w.unit}`;
    lines.push(`- Trong số ${n(t.due)} nhiệm vụ đến hạn ${span}, đã hoàn thành ${n(t.dueDone)} nhiệm vụ (${vnPercent(t.completionRate)}).`);
  }
  lines.push(
    t.overdue
      ? `- Đến ngày ${dmy(f.asOfDate)}, còn ${n(t.overdue)} nhiệm vụ quá hạn chưa hoàn thành${vs(input, "tasksOverdue")}, cần tập trung chỉ đạo giải quyết dứt điểm.`
      : `- Đến ngày ${dmy(f.asOfDate)}, không có nhiệm vụ quá hạn chưa hoàn thành.`,
  );
  lines.push(TABLE_TOKENS.tasks);

  lines.push("2. Công tác kiểm tra công vụ");
  const i = f.inspections;
  if (i.count === 0) {
    lines.push(`- ${w.within} chưa tổ chức kiểm tra công vụ.`);
  } else {
    lines.push(
      `- ${w.within}, tổ chức ${n(i.count)} lượt kiểm tra công vụ đối với ${n(i.membersCovered)} cán bộ, công chức (${n(i.memberChecks)} lượt người); tỷ lệ nội dung kiểm tra đạt yêu cầu ${vnPercent(i.passRate)}${vs(input, "inspectionPassRate")}.`,
    );
    if (i.failuresByItem.length) {
      const top = i.failuresByItem.slice(0, 3).map((x) => `${x.text.replace(/[.;]\s*$/, "")} (${n(x.count)} lượt)`);
      lines.push(`- Các nội dung còn vi phạm nhiều nhất: ${list(top)}.`);
    } else {
      lines.push("- Không phát hiện vi phạm qua kiểm tra.");
    }
    if (i.actions.raised) {
      const rest: string[] = [];
      if (i.actions.open) rest.push(`${n(i.actions.open)} trường hợp đang theo dõi`);
      if (i.actions.unresolved) rest.push(`${n(i.actions.unresolved)} trường hợp chưa khắc phục`);
      const resolved = i.actions.resolved ? `đã khắc phục ${n(i.actions.resolved)} trường hợp` : "chưa có trường hợp nào khắc phục xong";
      lines.push(`- Đã yêu cầu chấn chỉnh ${n(i.actions.raised)} trường hợp; ${resolved}${rest.length ? `, ${list(rest)}` : ""}.`);
    }
  }

  if (f.evaluation) {
    const e = f.evaluation;
    lines.push("3. Đánh giá, xếp loại cán bộ, công chức");
    const rated = e.excellent + e.good + e.completed + e.failed;
    if (rated === 0) {
      lines.push(`- Chưa có kết quả đánh giá, xếp loại ${w.name} theo Nghị định số 335/2025/NĐ-CP.`);
    } else {
      lines.push(
        `- Kết quả đánh giá, xếp loại ${w.name} theo Nghị định số 335/2025/NĐ-CP: ${n(e.excellent)} Hoàn thành xuất sắc nhiệm vụ, ${n(e.good)} Hoàn thành tốt nhiệm vụ, ${n(e.completed)} Hoàn thành nhiệm vụ, ${n(e.failed)} Không hoàn thành nhiệm vụ${e.unrated ? `; ${n(e.unrated)} người chưa đủ căn cứ xếp loại` : ""}${e.finalised < e.members ? ` (đã chốt ${n(e.finalised)}/${n(e.members)} người)` : ""}.`,
      );
      if (e.capWarning) {
        lines.push(`- Lưu ý: số người xếp loại Hoàn thành xuất sắc (${n(e.capWarning.excellent)}) vượt quá 20% số người Hoàn thành tốt (tối đa ${n(e.capWarning.allowed)}).`);
      }
    }
  }
  lines.push(TABLE_TOKENS.inspections);
  return lines.join("\n");
}

// ---------- IV, V, VI ----------

interface Finding {
  weakness: string;
  cause: string;
  action: string;
}

function findings(input: DraftInput): { strengths: string[]; weaknesses: Finding[] } {
  const f = input.figures;
  const strengths: string[] = [];
  const weaknesses: Finding[] = [];
  const t = f.tasks;
  if (t.completed > 0 && (t.onTimeRate ?? 0) >= 80) {
    strengths.push(`Nhiệm vụ được giao cơ bản hoàn thành đúng tiến độ, tỷ lệ đúng hạn đạt ${vnPercent(t.onTimeRate)}.`);
  }
  if (t.late > 0) {
    weaknesses.push({
      weakness: `Còn ${n(t.late)} nhiệm vụ hoàn thành trễ hạn${t.returned ? `, ${n(t.returned)} nhiệm vụ phải trả lại để hoàn thiện` : ""}.`,
      cause: "Một số nhiệm vụ có khối lượng lớn, cần phối hợp nhiều bộ phận; việc theo dõi, đôn đốc tiến độ có lúc chưa sát.",
      action: "Theo dõi, đôn đốc tiến độ từng nhiệm vụ theo nguyên tắc rõ người, rõ việc, rõ thời gian; kiểm soát chất lượng sản phẩm trước khi trình duyệt.",
    });
  }
  if (t.overdue > 0) {
    weaknesses.push({
      weakness: `Còn ${n(t.overdue)} nhiệm vụ quá hạn chưa hoàn thành.`,
      cause: "Chưa chủ động đề nghị gia hạn hoặc báo cáo vướng mắc khi nhiệm vụ có nguy cơ chậm.",
      action: `Tập trung giải quyết dứt điểm ${n(t.overdue)} nhiệm vụ quá hạn; người chủ trì báo cáo vướng mắc ngay khi có nguy cơ chậm tiến độ.`,
    });
  }
  const a = f.attendance;
  if (a.present > 0 && (a.punctualityRate ?? 0) >= 95) strengths.push(`Đội ngũ cán bộ chấp hành tốt giờ giấc làm việc, tỷ lệ đi làm đúng giờ đạt ${vnPercent(a.punctualityRate)}.`);
  if (a.lateArrivals > 0 || a.absentDays > 0) {
    const parts = [a.lateArrivals ? `${n(a.lateArrivals)} lượt đi muộn` : "", a.absentDays ? `${n(a.absentDays)} ngày công vắng không có lý do` : ""].filter(Boolean);
    weaknesses.push({
      weakness: `Vẫn còn ${list(parts)}.`,
      cause: "Ý thức chấp hành giờ giấc làm việc của một số cán bộ chưa cao.",
      action: "Tăng cường kiểm tra việc chấp hành giờ giấc làm việc, kỷ luật, kỷ cương hành chính; nhắc nhở kịp thời các trường hợp vi phạm.",
    });
  }
  const d = f.duty;
  if (d.rostered > 0 && d.missed === 0 && d.done > 0) strengths.push("Chế độ trực trong các ngày nghỉ được thực hiện nghiêm túc, đầy đủ.");
  if (d.missed > 0) {
    weaknesses.push({
      weakness: `Có ${n(d.missed)} ca trực không điểm danh theo lịch.`,
      cause: "Việc xác nhận, bàn giao ca trực và đổi ca chưa được thực hiện đúng quy trình.",
      action: "Quán triệt chế độ trực; người trực xác nhận ca và điểm danh đúng giờ, đổi ca phải được lãnh đạo phê duyệt.",
    });
  }
  const i = f.inspections;
  if (i.count > 0 && (i.passRate ?? 0) >= 90) strengths.push(`Kiểm tra công vụ được duy trì thường xuyên; tỷ lệ nội dung đạt yêu cầu ${vnPercent(i.passRate)}.`);
  if (i.failuresByItem.length) {
    const top = i.failuresByItem[0]!;
    weaknesses.push({
      weakness: `Qua kiểm tra công vụ còn ${n(i.failuresByItem.reduce((s, x) => s + x.count, 0))} lượt vi phạm, nhiều nhất là: ${top.text.replace(/[.;]\s*$/, "")} (${n(top.count)} lượt).`,
      cause: "Một số cán bộ chưa thường xuyên tự kiểm tra, rèn luyện tác phong, lề lối làm việc theo quy chế văn hóa công sở.",
      action: `Chấn chỉnh các nội dung còn vi phạm qua kiểm tra công vụ${i.actions.open ? `, theo dõi ${n(i.actions.open)} trường hợp đang khắc phục` : ""}.`,
    });
  }
  if (f.staff.reassigned > 0) strengths.push("Kịp thời bố trí, điều chuyển vị trí việc làm phù hợp với năng lực và yêu cầu nhiệm vụ.");
  if (strengths.length === 0) strengths.push("Tổ chức bộ máy ổn định, hoạt động của Trung tâm được duy trì thông suốt.");
  strengths.push("Công tác tiếp nhận, giải quyết thủ tục hành chính được thực hiện đúng quy trình, công khai, minh bạch.");
  return { strengths, weaknesses };
}

function assessment(input: DraftInput): string {
  const { strengths, weaknesses } = findings(input);
  const lines = ["1. Ưu điểm", ...strengths.map((s) => `- ${s}`), "2. Tồn tại, hạn chế"];
  if (weaknesses.length) lines.push(...weaknesses.map((w) => `- ${w.weakness}`));
  else lines.push("- Người dân còn chưa chủ động sử dụng dịch vụ công trực tuyến; có thời điểm lượng hồ sơ tăng cao gây quá tải cục bộ.");
  lines.push("3. Nguyên nhân");
  if (weaknesses.length) lines.push(...weaknesses.map((w) => `- ${w.cause}`));
  else lines.push("- Thói quen của người dân vẫn ưu tiên nộp hồ sơ trực tiếp; hạ tầng công nghệ thông tin chưa đồng bộ.");
  return lines.join("\n");
}

function solutions(input: DraftInput): string {
  const { weaknesses } = findings(input);
  return [
    "- Tiếp tục kiện toàn tổ chức, nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức.",
    ...weaknesses.map((w) => `- ${w.action}`),
    "- Đẩy mạnh chuyển đổi số, khuyến khích người dân sử dụng dịch vụ công trực tuyến.",
    "- Nâng cao chất lượng phục vụ theo hướng chuyên nghiệp, thân thiện; tăng cường kiểm tra, giám sát, kịp thời chấn chỉnh những hạn chế.",
  ].join("\n");
}

function conclusion(input: DraftInput): string {
  const { figures: f, centreName } = input;
  const w = periodWords(input.period);
  const t = f.tasks;
  const done = t.completed ? `, hoàn thành ${n(t.completed)} nhiệm vụ với tỷ lệ đúng hạn ${vnPercent(t.onTimeRate)}` : "";
  return `Kết quả thực hiện nhiệm vụ ${w.name} tại ${centreName} cơ bản bảo đảm hoạt động thông suốt, hiệu quả${done}. Trung tâm tiếp tục khắc phục những tồn tại, hạn chế đã nêu, phấn đấu hoàn thành tốt các nhiệm vụ được giao, góp phần nâng cao chất lượng cải cách hành chính và phục vụ nhân dân ngày càng tốt hơn.`;
}

/** The six sections of the draft, with the figures in sentences and the tables placed. */
export function draftSections(input: DraftInput): Record<SectionKey, string> {
  return {
    situation: situation(input),
    organisation: organisation(input),
    results: results(input),
    assessment: assessment(input),
    solutions: solutions(input),
    conclusion: conclusion(input),
  };
}
