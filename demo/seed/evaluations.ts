import { randomUUID } from "node:crypto";
import { memberEvaluation, type FrozenFigures } from "../../app/modules/evaluation/evaluation.server";
import { periodContaining, shiftPeriod, type Period } from "../../app/modules/evaluation/score";
import { addDays, vnDateOf } from "../../app/utils/dates";
import type { Insertable } from "kysely";
import type { EvaluationsTable } from "../../db/schema";
import type { SeedContext } from "./index";

// Demo evaluations for tu-ky (NĐ 335/2025/NĐ-CP), relative to the seed clock: the previous month
// scored by the director and finalised in the first days of this month for most members (the
// director himself is evaluated by the commune's chairman, outside the centre; Phan Thị Ngọc Ánh's
// is still waiting for the task points), and the current month in draft for a few. Task points come
// from the demo tasks; members with no task due that month get points entered from their regular
// duties. The figures frozen at finalisation are computed by the same code as the app.

type Points = [political: number, ethics: number, style: number, discipline: number];

interface Spec {
  username: string;
  evaluator: string;
  points: Points;
  /** Justifications where points are taken off, in the order of the criteria. */
  notes?: [string?, string?, string?, string?];
  /** Task points for a month with no task due, with their basis. */
  manual?: [number, string];
  self?: string;
  finalise: boolean;
}

const GD = "tuky.giamdoc";
const PGD = "tuky.phogiamdoc";

const PREVIOUS: Spec[] = [
  {
    username: "tuky.admin",
    evaluator: GD,
    points: [7.5, 7.5, 6.5, 7],
    notes: [undefined, undefined, "Có 02 yêu cầu hỗ trợ kỹ thuật xử lý chậm trong ngày cao điểm.", "Nộp báo cáo an toàn thông tin tháng chậm 01 ngày."],
    manual: [60, "Bảo đảm hệ thống một cửa điện tử, đường truyền hoạt động ổn định cả tháng; xử lý 14 yêu cầu hỗ trợ kỹ thuật; sao lưu dữ liệu đúng lịch."],
    self: "Hoàn thành nhiệm vụ quản trị hệ thống, không để gián đoạn dịch vụ. Hạn chế: còn chậm xử lý một số yêu cầu hỗ trợ khi đông người; sẽ lập danh sách lỗi thường gặp để xử lý nhanh hơn.",
    finalise: true,
  },
  {
    username: PGD,
    evaluator: GD,
    points: [7.5, 7.5, 7, 7.5],
    notes: [undefined, undefined, "Cần sâu sát hơn việc đôn đốc Quầy 3 trả kết quả hồ sơ chính sách."],
    manual: [62, "Điều hành tốt việc tiếp nhận, trả kết quả trong dịp trước và sau Tết; theo dõi chuyển đổi số đạt kế hoạch; không có hồ sơ quá hạn thuộc lĩnh vực phụ trách."],
    self: "Giúp Giám đốc điều hành Trung tâm trước và sau Tết Nguyên đán, bảo đảm không có hồ sơ quá hạn. Sẽ tăng cường kiểm tra tiến độ tại các quầy.",
    finalise: true,
  },
  {
    username: "tuky.kiemtra",
    evaluator: GD,
    points: [7.5, 7.5, 6.5, 7],
    notes: [undefined, undefined, "Biên bản kiểm tra công vụ tuần 3 hoàn thiện chậm.", "Có 01 lần đi muộn không báo trước."],
    manual: [60, "Kiểm tra công vụ 04 buổi theo kế hoạch; tiếp nhận, giải quyết hồ sơ hộ tịch tại Quầy 1 đúng hạn."],
    self: "Thực hiện đủ các buổi kiểm tra công vụ theo kế hoạch, kết hợp tiếp nhận hồ sơ hộ tịch. Sẽ hoàn thiện biên bản ngay trong ngày kiểm tra.",
    finalise: true,
  },
  {
    username: "tuky.canbo01",
    evaluator: GD,
    points: [7.5, 7.5, 7, 7.5],
    notes: [undefined, undefined, "Cần chủ động hướng dẫn người dân nộp hồ sơ trực tuyến nhiều hơn."],
    self: "Hoàn thành sớm việc rà soát, cải chính các trường hợp hộ tịch sai lệch; tiếp nhận hồ sơ hộ tịch đúng quy trình, không có phản ánh.",
    finalise: true,
  },
  {
    username: "tuky.canbo02",
    evaluator: GD,
    points: [7.5, 7, 5.5, 6.5],
    notes: [undefined, "Có lúc trả lời người dân chưa nhẹ nhàng khi đông người.", "Còn 02 lần đi muộn trong tháng.", "Chưa cập nhật kịp thời sổ theo dõi hồ sơ đất đai."],
    self: "Giải quyết đúng hạn hồ sơ đất đai được giao. Hạn chế về giờ giấc và tác phong giao tiếp; em xin rút kinh nghiệm.",
    finalise: true,
  },
  {
    username: "tuky.canbo03",
    evaluator: GD,
    points: [7, 7, 6, 5.5],
    notes: ["Chưa tích cực phát biểu trong sinh hoạt chuyên đề của chi bộ.", "Cần chú ý hơn tới thái độ khi giải thích cho người dân về hồ sơ thiếu.", "Hồ sơ trình ký còn sai sót phải trả lại 01 lần.", "Nộp báo cáo tháng 01 chậm 02 ngày."],
    self: "Hoàn thành việc được giao đúng hạn nhưng còn phải sửa một lần theo ý kiến lãnh đạo. Sẽ tự kiểm tra kỹ trước khi trình.",
    finalise: true,
  },
  {
    username: "tuky.canbo04",
    evaluator: GD,
    points: [7.5, 7.5, 6, 6.5],
    notes: [undefined, undefined, "02 hồ sơ phải hướng dẫn bổ sung lần hai do hướng dẫn lần đầu chưa đầy đủ.", "Nghỉ ốm có báo cáo nhưng bàn giao công việc chưa đầy đủ."],
    manual: [58, "Tiếp nhận 96 hồ sơ chính sách người có công, bảo trợ xã hội; trả kết quả đúng hạn; 02 hồ sơ phải bổ sung lần hai."],
    finalise: true,
  },
  {
    username: "tuky.canbo05",
    evaluator: GD,
    points: [7.5, 7.5, 6.5, 7],
    notes: [undefined, undefined, "Cần cập nhật cơ sở dữ liệu an sinh xã hội ngay trong ngày.", "Đi công tác, tập huấn có báo cáo nhưng nộp chậm."],
    manual: [60, "Tiếp nhận 74 hồ sơ lao động, việc làm; phối hợp chi trả trợ cấp Tết đầy đủ, đúng đối tượng."],
    self: "Hoàn thành việc tiếp nhận hồ sơ và chi trả trợ cấp Tết. Sẽ cập nhật dữ liệu an sinh xã hội kịp thời hơn.",
    finalise: true,
  },
  {
    username: "tuky.canbo06",
    evaluator: GD,
    points: [7.5, 7, 6, 6],
    notes: [undefined, "Có phản ánh của 01 hộ kinh doanh về cách hướng dẫn chưa rõ ràng.", "Sắp xếp hồ sơ tại quầy chưa gọn gàng.", "Có 01 lần rời vị trí làm việc không báo cáo."],
    manual: [57, "Tiếp nhận 58 hồ sơ đăng ký hộ kinh doanh; việc rà soát hộ kinh doanh được giao đã dừng theo chỉ đạo nên không tính."],
    finalise: true,
  },
  {
    username: "tuky.canbo07",
    evaluator: GD,
    points: [7.5, 7.5, 7, 7],
    notes: [undefined, undefined, "Cần chủ động hơn trong tuyên truyền cải cách hành chính.", "Có 01 lần đi muộn."],
    self: "Tiếp nhận hồ sơ văn hóa – xã hội đúng quy trình; tham gia trang trí, tuyên truyền dịp Tết.",
    // Waiting for the task points from her regular duties: still a draft.
    finalise: false,
  },
  {
    username: "tuky.canbo08",
    evaluator: GD,
    points: [7.5, 7.5, 7, 7.5],
    notes: [undefined, undefined, "Khu vực chờ còn lúc đông, cần chủ động phân luồng sớm hơn."],
    self: "Hoàn thành sớm việc số hóa hồ sơ được giao; hướng dẫn người dân nộp trực tuyến tại quầy.",
    finalise: true,
  },
  {
    username: "tuky.canbo09",
    evaluator: GD,
    points: [7.5, 7.5, 6.5, 7],
    notes: [undefined, undefined, "Còn để người dân chờ lâu khi trả kết quả giờ cao điểm.", "Có 01 lần quên chấm công ra."],
    self: "Trả kết quả đúng hạn, thu phí, lệ phí đúng quy định. Sẽ sắp xếp kết quả theo lịch hẹn để trả nhanh hơn.",
    finalise: true,
  },
  {
    username: "tuky.canbo10",
    evaluator: GD,
    points: [7.5, 7, 6, 6.5],
    notes: [undefined, "Cần cởi mở hơn khi phối hợp với đồng nghiệp ở vị trí mới.", "Phải xin gia hạn do chưa nắm chắc quy trình ở vị trí mới.", "Báo cáo tiến độ chưa đều."],
    self: "Mới chuyển sang vị trí công chức kinh tế, em đã hoàn thành việc được giao trong thời hạn được gia hạn. Sẽ nắm chắc quy trình để không phải xin gia hạn.",
    finalise: true,
  },
];

const CURRENT: Spec[] = [
  {
    username: "tuky.canbo01",
    evaluator: PGD,
    points: [7.5, 7.5, 7, 7.5],
    notes: [undefined, undefined, "Cần chủ động hướng dẫn người dân nộp hồ sơ trực tuyến nhiều hơn."],
    self: "Đang thực hiện các việc được giao trong tháng, đã nộp kết quả rà soát thủ tục hộ tịch trước hạn.",
    finalise: false,
  },
  {
    username: "tuky.canbo02",
    evaluator: PGD,
    points: [7.5, 7, 6, 6],
    notes: [undefined, "Còn phản ánh về thái độ giao tiếp.", "Chậm báo cáo tiến độ việc đang làm.", "Việc được giao đã quá hạn, chưa báo cáo lý do."],
    finalise: false,
  },
  { username: "tuky.canbo08", evaluator: PGD, points: [7.5, 7.5, 7.5, 7.5], self: "Đã nộp kết quả việc được giao, đang chờ lãnh đạo duyệt.", finalise: false },
];

/** An instant at a Vietnam wall-clock time. */
const vnAt = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`);
const earliest = (...ds: Date[]) => new Date(Math.min(...ds.map((d) => d.getTime())));

async function insertAll(s: SeedContext, orgId: string, period: Period, specs: Spec[], scoredAt: Date) {
  const rows: { id: string; spec: Spec; membershipId: string }[] = [];
  for (const spec of specs) {
    const membershipId = s.members[spec.username]?.membershipId;
    const evaluator = s.members[spec.evaluator]?.membershipId;
    if (!membershipId || !evaluator) continue;
    const id = randomUUID();
    const [political, ethics, style, discipline] = spec.points;
    const notes = spec.notes ?? [];
    const at = scoredAt.toISOString();
    const selfAt = new Date(scoredAt.getTime() - 26 * 3_600_000).toISOString();
    const row: Insertable<EvaluationsTable> = {
      id,
      org_id: orgId,
      membership_id: membershipId,
      period: period.key,
      political_points: political,
      political_note: notes[0] ?? "",
      ethics_points: ethics,
      ethics_note: notes[1] ?? "",
      style_points: style,
      style_note: notes[2] ?? "",
      discipline_points: discipline,
      discipline_note: notes[3] ?? "",
      disciplined: 0,
      disciplined_note: "",
      manual_task_points: spec.manual?.[0] ?? null,
      manual_task_note: spec.manual?.[1] ?? "",
      evaluated_by: evaluator,
      evaluated_at: at,
      self_assessment: spec.self ?? "",
      self_assessed_at: spec.self ? selfAt : null,
      status: "draft",
      figures: null,
      total: null,
      band: null,
      finalised_by: null,
      finalised_at: null,
      version: spec.self ? 2 : 1,
      created_at: spec.self ? selfAt : at,
      updated_at: at,
    };
    await s.db.insertInto("evaluations").values(row).execute();
    rows.push({ id, spec, membershipId });
  }
  return rows;
}

export async function seedEvaluations(s: SeedContext): Promise<void> {
  const org = s.orgs["tu-ky"];
  if (!org) return;
  const today = vnDateOf(s.now);
  const current = periodContaining(today);
  const previous = shiftPeriod(current, -1);
  const hour = 3_600_000;

  // Last month: scored on the 2nd of this month, finalised on the 3rd (never after the seed clock).
  const scoredAt = earliest(vnAt(addDays(current.start, 1), "10:00"), new Date(s.now.getTime() - 3 * hour));
  const finalisedAt = earliest(vnAt(addDays(current.start, 2), "15:30"), new Date(s.now.getTime() - 2 * hour));
  const rows = await insertAll(s, org.id, previous, PREVIOUS, scoredAt);
  for (const r of rows) {
    if (!r.spec.finalise) continue;
    const { evaluation: e } = await memberEvaluation(s.db, org.id, r.membershipId, previous, finalisedAt);
    // Whatever the seed clock, never finalise what the app would refuse to.
    if (e.result.missing.length || e.periodOpen) continue;
    const figures: FrozenFigures = { v: 1, task: e.task, result: e.result, disciplined: e.disciplined, disciplinedIn: e.disciplinedIn };
    await s.db
      .updateTable("evaluations")
      .set({
        status: "finalised",
        figures: JSON.stringify(figures),
        total: e.result.total,
        band: e.result.band,
        finalised_by: s.members[GD]!.membershipId,
        finalised_at: finalisedAt.toISOString(),
        version: e.version + 1,
        updated_at: finalisedAt.toISOString(),
      })
      .where("id", "=", r.id)
      .where("org_id", "=", org.id)
      .execute();
  }

  // This month: a few drafts, scored yesterday (or an hour ago on the first day).
  const draftAt = earliest(vnAt(addDays(today, -1), "16:00"), new Date(s.now.getTime() - hour));
  await insertAll(s, org.id, current, CURRENT, draftAt);
}
