// What a centre's archive holds (docs/decisions/0045): the areas (one XLSX each), their sheets (one
// table each) and every exported column with its Vietnamese header. Columns left out on purpose are
// secrets (password hashes, channel keys, invitation tokens) and internal plumbing (search columns,
// the centre's own id, the outbox queue, job cursors); tests/integration/centre-export.test.ts checks
// that every other column of each table is here, so a new column cannot be forgotten silently.

export interface ColumnSpec {
  col: string;
  header: string;
  width?: number;
}

export interface SheetSpec {
  table: string;
  sheet: string;
  about: string;
  /** Keyset order (unique); default ["id"]. */
  key?: string[];
  columns: ColumnSpec[];
  /** The rows are stored files: a column gives each one's path in the archive. */
  filesFolder?: string;
  /** Columns of the table that are deliberately not exported. */
  omitted?: string[];
}

export interface AreaSpec {
  file: string;
  title: string;
  about: string;
  sheets: SheetSpec[];
}

/** Columns that hold a membership's or a user's id: a "— họ tên" column follows each. */
export const PERSON_COLUMNS = new Set([
  "user_id",
  "membership_id",
  "assigner_id",
  "assignee_id",
  "approver_id",
  "actor_id",
  "actor_user_id",
  "submitted_by",
  "decided_by",
  "requested_by",
  "uploaded_by",
  "created_by",
  "updated_by",
  "published_by",
  "verified_by",
  "finalised_by",
  "evaluated_by",
  "inspector_id",
  "target_id",
  "from_member",
  "to_member",
]);

const COMMON: Record<string, string> = {
  id: "Mã",
  created_at: "Tạo lúc",
  updated_at: "Cập nhật lúc",
  membership_id: "Mã cán bộ",
  user_id: "Mã tài khoản",
  created_by: "Người tạo",
  updated_by: "Người cập nhật",
  decided_by: "Người quyết định",
  decided_at: "Quyết định lúc",
  decision_note: "Ghi chú quyết định",
  status: "Trạng thái",
  reason: "Lý do",
  note: "Ghi chú",
  version: "Phiên bản (số lần sửa)",
  task_id: "Mã công việc",
  inspection_id: "Mã lượt kiểm tra",
  roster_id: "Mã lịch trực",
  slot_id: "Mã ca trực",
  item_id: "Mã tiêu chí",
  position_id: "Mã vị trí",
  date: "Ngày",
  start_date: "Từ ngày",
  end_date: "Đến ngày",
  title: "Tiêu đề",
  name: "Tên",
  kind: "Loại",
  source: "Nguồn",
  sort_order: "Thứ tự",
  file_name: "Tên tệp",
  content_type: "Kiểu tệp",
  size: "Dung lượng (byte)",
  storage_key: "Khoá lưu trữ",
  uploaded_by: "Người tải lên",
  session: "Buổi",
  period: "Kỳ",
  figures: "Số liệu tính tự động (JSON)",
  total: "Tổng điểm",
  band: "Mức xếp loại",
  finalised_by: "Người chốt",
  finalised_at: "Chốt lúc",
  evaluated_by: "Người đánh giá",
  evaluated_at: "Đánh giá lúc",
  active: "Đang dùng (1/0)",
  counter: "Quầy",
  position: "Vị trí trực",
  weight: "Trọng số",
  text: "Nội dung",
  effective_from: "Áp dụng từ ngày",
  political_points: "Điểm chính trị tư tưởng",
  political_note: "Nhận xét chính trị tư tưởng",
  ethics_points: "Điểm đạo đức, lối sống",
  ethics_note: "Nhận xét đạo đức, lối sống",
  style_points: "Điểm tác phong, lề lối",
  style_note: "Nhận xét tác phong, lề lối",
  discipline_points: "Điểm ý thức kỷ luật",
  discipline_note: "Nhận xét ý thức kỷ luật",
  disciplined: "Bị kỷ luật (1/0)",
  disciplined_note: "Ghi chú kỷ luật",
  self_assessment: "Tự đánh giá",
  self_assessed_at: "Tự đánh giá lúc",
  weight_quantity: "Trọng số khối lượng",
  weight_quality: "Trọng số chất lượng",
  weight_timeliness: "Trọng số tiến độ",
  saturday_opening: "Làm việc thứ Bảy",
  saturday_start: "Thứ Bảy bắt đầu",
  saturday_end: "Thứ Bảy kết thúc",
  grace_minutes: "Số phút được phép muộn",
  checkin_mode: "Cách chấm công",
  holiday_weight: "Hệ số trực ngày lễ",
  weekend_weight: "Hệ số trực cuối tuần",
  month: "Tháng",
};

/** Columns "a, b:Header, c": a header from COMMON unless given. */
function cols(list: string): ColumnSpec[] {
  return list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [col, header] = s.split(":").map((x) => x.trim()) as [string, string | undefined];
      const h = header ?? COMMON[col];
      if (!h) throw new Error(`no Vietnamese header for column ${col}`);
      return { col, header: h };
    });
}

export const AREAS: AreaSpec[] = [
  {
    file: "nhan-su.xlsx",
    title: "Cán bộ và vị trí việc làm",
    about: "Danh sách cán bộ của Trung tâm, vị trí việc làm, quá trình bố trí vị trí và các liên kết mời.",
    sheets: [
      {
        table: "memberships",
        sheet: "Cán bộ",
        about: "Mỗi dòng là một cán bộ (kể cả người đã nghỉ), với tài khoản đăng nhập và vai trò.",
        columns: cols(
          "id:Mã cán bộ, user_id, username:Tên đăng nhập, full_name:Họ và tên, phone:Điện thoại, email:Thư điện tử, title:Chức danh, position_id, roles:Vai trò, active:Đang làm việc (1/0), joined_on:Ngày vào, left_on:Ngày nghỉ, service_start_date:Ngày bắt đầu công tác, created_at, updated_at",
        ),
        omitted: ["org_id"],
      },
      { table: "positions", sheet: "Vị trí việc làm", about: "Các vị trí việc làm (quầy, lĩnh vực) và nhiệm vụ.", columns: cols("id:Mã vị trí, name:Tên vị trí, counter, duties:Nhiệm vụ, sort_order, created_at, updated_at"), omitted: ["org_id"] },
      { table: "position_assignments", sheet: "Bố trí vị trí", about: "Quá trình bố trí cán bộ vào vị trí việc làm theo thời gian.", columns: cols("id, membership_id, position_id, start_date, end_date, created_at"), omitted: ["org_id"] },
      { table: "invitations", sheet: "Liên kết mời", about: "Các liên kết mời đã tạo (không có mã bí mật của liên kết).", columns: cols("id, membership_id, created_by, created_at, expires_at:Hết hạn lúc, used_at:Đã dùng lúc, revoked_at:Thu hồi lúc"), omitted: ["org_id", "token_hash"] },
    ],
  },
  {
    file: "cong-viec.xlsx",
    title: "Công việc",
    about: "Công việc được giao, người tham gia, diễn biến, báo cáo kết quả, gia hạn, tệp đính kèm, kế hoạch và công việc định kỳ.",
    sheets: [
      {
        table: "tasks",
        sheet: "Công việc",
        about: "Mỗi dòng là một công việc với người giao, người thực hiện, người duyệt, hạn và kết quả.",
        columns: cols(
          "id:Mã công việc, title, description:Mô tả, status, priority:Mức ưu tiên, assigner_id:Người giao, assignee_id:Người thực hiện, approver_id:Người duyệt, source_kind:Loại căn cứ, source_ref:Số và ký hiệu căn cứ, deliverable:Sản phẩm, start_date:Ngày bắt đầu, deadline_date:Hạn (ngày), deadline_time:Hạn (giờ), deadline_at:Hạn (thời điểm), original_deadline_date:Hạn ban đầu (ngày), original_deadline_time:Hạn ban đầu (giờ), original_deadline_at:Hạn ban đầu (thời điểm), plan_id:Mã kế hoạch, plan_item_id:Mã mục kế hoạch, progress:Tiến độ (%), series_id:Mã chuỗi định kỳ, occurrence_key:Kỳ của chuỗi, assigned_at:Giao lúc, submitted_at:Báo cáo lúc, completed_at:Hoàn thành lúc, missed_deadline_at:Quá hạn lúc, timeliness:Đúng hạn/trễ hạn, timeliness_original:Đúng hạn/trễ hạn so với hạn ban đầu, return_count:Số lần trả lại, extension_count:Số lần gia hạn, cancel_reason:Lý do huỷ, version, created_at, updated_at",
        ),
        omitted: ["org_id", "title_search"],
      },
      { table: "task_members", sheet: "Người phối hợp", about: "Người tham gia công việc ngoài người thực hiện chính.", key: ["task_id", "membership_id"], columns: cols("task_id, membership_id, role:Vai trò"), omitted: ["org_id"] },
      { table: "task_events", sheet: "Diễn biến, ý kiến", about: "Nhật ký diễn biến của từng công việc: cập nhật tiến độ, ý kiến, chuyển trạng thái.", columns: cols("id, task_id, actor_id:Người thực hiện thao tác, kind, progress:Tiến độ (%), note:Nội dung, data:Dữ liệu kèm theo (JSON), created_at"), omitted: ["org_id"] },
      { table: "task_submissions", sheet: "Báo cáo kết quả", about: "Các lần báo cáo hoàn thành và quyết định duyệt hoặc trả lại.", columns: cols("id, task_id, submitted_by:Người báo cáo, text:Nội dung báo cáo, submitted_at:Báo cáo lúc, decision:Quyết định, decided_by, decided_at, decision_note"), omitted: ["org_id"] },
      { table: "task_extensions", sheet: "Gia hạn", about: "Đề nghị gia hạn và quyết định.", columns: cols("id, task_id, requested_by:Người đề nghị, from_deadline_date:Hạn cũ (ngày), from_deadline_time:Hạn cũ (giờ), requested_date:Hạn đề nghị (ngày), requested_time:Hạn đề nghị (giờ), reason, status, decided_by, decided_at, decision_note, created_at"), omitted: ["org_id"] },
      { table: "attachments", sheet: "Tệp đính kèm", about: "Tệp đính kèm của công việc và báo cáo kết quả; nội dung tệp nằm trong thư mục files/cong-viec.", columns: cols("id, task_id, submission_id:Mã báo cáo kết quả, file_name, content_type, size, storage_key, uploaded_by, created_at"), filesFolder: "files/cong-viec", omitted: ["org_id"] },
      { table: "plans", sheet: "Kế hoạch", about: "Kế hoạch công tác năm.", columns: cols("id:Mã kế hoạch, title, year:Năm, reference:Số và ký hiệu, created_at"), omitted: ["org_id"] },
      { table: "plan_items", sheet: "Mục kế hoạch", about: "Các mục của kế hoạch.", columns: cols("id, plan_id:Mã kế hoạch, kind, title, created_at"), omitted: ["org_id"] },
      { table: "task_series", sheet: "Công việc định kỳ", about: "Công việc lặp lại theo chu kỳ.", columns: cols("id:Mã chuỗi, template_task_id:Mã công việc mẫu, frequency:Chu kỳ, deadline_offset_days:Số ngày đến hạn, active, created_at"), omitted: ["org_id"] },
      { table: "task_settings", sheet: "Cài đặt công việc", about: "Cài đặt về công việc của Trung tâm.", key: ["org_id"], columns: cols("late_extensions:Cho gia hạn sau khi quá hạn (1/0), updated_by, updated_at"), omitted: ["org_id"] },
    ],
  },
  {
    file: "cham-cong.xlsx",
    title: "Chấm công và nghỉ phép",
    about: "Lượt chấm công, đề nghị điều chỉnh chấm công, đơn nghỉ phép và số liệu tổng hợp theo tháng.",
    sheets: [
      { table: "attendance_records", sheet: "Chấm công", about: "Mỗi dòng là một buổi làm việc của một cán bộ: giờ vào, giờ ra và địa chỉ mạng.", columns: cols("id, membership_id, date, session, check_in_at:Giờ vào, check_in_ip:Địa chỉ mạng lúc vào, check_out_at:Giờ ra, check_out_ip:Địa chỉ mạng lúc ra, created_at"), omitted: ["org_id"] },
      { table: "attendance_corrections", sheet: "Điều chỉnh chấm công", about: "Đề nghị điều chỉnh giờ vào/ra và quyết định.", columns: cols("id, membership_id, date, session, check_in_time:Giờ vào đề nghị, check_out_time:Giờ ra đề nghị, reason, status, decided_by, decided_at, decision_note, created_at"), omitted: ["org_id"] },
      { table: "leave_requests", sheet: "Nghỉ phép", about: "Đơn xin nghỉ và quyết định.", columns: cols("id, membership_id, kind:Loại nghỉ, start_date, end_date, part:Buổi, days:Số ngày, reason, status, decided_by, decided_at, decision_note, created_at"), omitted: ["org_id"] },
      { table: "attendance_month_facts", sheet: "Tổng hợp tháng", about: "Số liệu chấm công tính sẵn theo tháng của từng cán bộ.", key: ["membership_id", "month"], columns: cols("membership_id, month, through:Tính đến ngày, expected:Số buổi phải làm, worked_halves:Số buổi làm việc, attended:Số buổi có mặt, on_time:Số buổi đúng giờ, late_minutes:Số phút đi muộn, early_count:Số lần về sớm, absent_halves:Số buổi vắng, leave_halves:Số buổi nghỉ phép, computed_at:Tính lúc"), omitted: ["org_id", "fingerprint"] },
    ],
  },
  {
    file: "lich-lam-viec.xlsx",
    title: "Lịch và giờ làm việc",
    about: "Giờ làm việc, các mùa, ngày nghỉ lễ và ngày làm bù của Trung tâm.",
    sheets: [
      { table: "org_settings", sheet: "Giờ làm việc", about: "Cài đặt giờ làm việc và chấm công hiện hành.", key: ["org_id"], columns: cols("saturday_opening, saturday_start, saturday_end, grace_minutes, checkin_mode, holiday_weight, weekend_weight, allowed_networks:Mạng được phép chấm công, annual_leave_base:Số ngày phép năm cơ bản, annual_leave_years_per_extra:Số năm công tác được thêm 1 ngày phép, updated_at"), omitted: ["org_id"] },
      { table: "schedule_versions", sheet: "Các phiên bản giờ làm", about: "Lịch sử thay đổi giờ làm việc, mỗi phiên bản áp dụng từ một ngày.", columns: cols("id, effective_from, saturday_opening, saturday_start, saturday_end, grace_minutes, checkin_mode, holiday_weight, weekend_weight, seasons:Các mùa (JSON), saturday_staff:Cán bộ làm thứ Bảy (JSON), created_by, created_at, updated_at"), omitted: ["org_id"] },
      { table: "work_seasons", sheet: "Mùa", about: "Giờ làm việc theo mùa.", columns: cols("id, name, from_md:Từ (tháng-ngày), to_md:Đến (tháng-ngày), morning_start:Sáng bắt đầu, morning_end:Sáng kết thúc, afternoon_start:Chiều bắt đầu, afternoon_end:Chiều kết thúc, created_at"), omitted: ["org_id"] },
      { table: "calendar_days", sheet: "Ngày đặc biệt", about: "Ngày nghỉ lễ, ngày nghỉ bù, ngày làm bù.", columns: cols("id, date, kind, name, source, created_at"), omitted: ["org_id"] },
      { table: "holiday_rules", sheet: "Quy tắc ngày lễ", about: "Các ngày lễ hằng năm (dương lịch hoặc âm lịch).", columns: cols("id, rule_key:Mã quy tắc, month, day:Ngày trong tháng, name, from_year:Từ năm, to_year:Đến năm, confirmed:Đã xác nhận (1/0), enabled:Đang áp dụng (1/0), source, updated_by, updated_at"), omitted: ["org_id"] },
    ],
  },
  {
    file: "lich-truc.xlsx",
    title: "Lịch trực",
    about: "Lịch trực, các ca trực, đổi ca và lịch sử thay đổi.",
    sheets: [
      { table: "rosters", sheet: "Lịch trực", about: "Mỗi dòng là một lịch trực.", columns: cols("id:Mã lịch trực, title, start_date, end_date, day_mode:Cách chia ca, status, version, created_by, published_by:Người ban hành, published_at:Ban hành lúc, created_at, updated_at"), omitted: ["org_id"] },
      { table: "roster_slots", sheet: "Ca trực", about: "Mỗi dòng là một ca trực của một người.", columns: cols("id:Mã ca trực, roster_id, date, kind, position, start_time:Bắt đầu, end_time:Kết thúc, weight, membership_id, confirmed_at:Xác nhận lúc, checked_in_at:Có mặt lúc, updated_at"), omitted: ["org_id"] },
      { table: "roster_swaps", sheet: "Đổi ca", about: "Đề nghị đổi ca trực và quyết định.", columns: cols("id, roster_id, slot_id, requested_by:Người đề nghị, target_id:Người nhận ca, reason, status, accepted_at:Người nhận đồng ý lúc, decided_by, decided_at, created_at"), omitted: ["org_id"] },
      { table: "roster_changes", sheet: "Lịch sử thay đổi", about: "Các thay đổi sau khi ban hành lịch trực.", columns: cols("id, roster_id, slot_id, actor_id:Người thay đổi, kind, from_member:Người trực cũ, to_member:Người trực mới, note, created_at"), omitted: ["org_id"] },
    ],
  },
  {
    file: "kiem-tra.xlsx",
    title: "Kiểm tra công vụ",
    about: "Mẫu phiếu kiểm tra, các lượt kiểm tra, kết quả từng tiêu chí, ảnh minh chứng, biên bản bổ sung và yêu cầu khắc phục.",
    sheets: [
      { table: "inspection_templates", sheet: "Mẫu phiếu", about: "Các mẫu phiếu kiểm tra.", columns: cols("id:Mã mẫu phiếu, name, source, active, current_version_id:Mã phiên bản hiện hành, version, created_by, created_at, updated_at"), omitted: ["org_id"] },
      { table: "inspection_template_versions", sheet: "Phiên bản mẫu phiếu", about: "Mỗi lần sửa mẫu phiếu tạo một phiên bản.", columns: cols("id:Mã phiên bản, template_id:Mã mẫu phiếu, number:Số phiên bản, created_by, created_at"), omitted: ["org_id"] },
      { table: "inspection_template_items", sheet: "Tiêu chí", about: "Các tiêu chí của từng phiên bản mẫu phiếu.", columns: cols("id:Mã tiêu chí, version_id:Mã phiên bản, code:Số hiệu, text, basis:Căn cứ, weight, sort_order"), omitted: ["org_id"] },
      { table: "inspections", sheet: "Lượt kiểm tra", about: "Mỗi dòng là một lượt kiểm tra.", columns: cols("id:Mã lượt kiểm tra, template_id:Mã mẫu phiếu, template_version_id:Mã phiên bản, inspector_id:Người kiểm tra, inspected_at:Kiểm tra lúc, inspected_date:Ngày kiểm tra, place:Địa điểm, counter, mode:Hình thức, status, note, version, submitted_at:Hoàn thành lúc, created_at, updated_at"), omitted: ["org_id"] },
      { table: "inspection_members", sheet: "Người được kiểm tra", about: "Cán bộ được kiểm tra trong mỗi lượt và điểm.", columns: cols("id, inspection_id, membership_id, note, score:Điểm, pass_count:Số tiêu chí đạt, fail_count:Số tiêu chí không đạt, na_count:Số tiêu chí không áp dụng"), omitted: ["org_id"] },
      { table: "inspection_results", sheet: "Kết quả tiêu chí", about: "Kết quả từng tiêu chí của từng cán bộ (phát hiện).", columns: cols("id:Mã kết quả, inspection_id, membership_id, item_id, outcome:Kết quả, note, updated_at"), omitted: ["org_id"] },
      { table: "inspection_photos", sheet: "Ảnh minh chứng", about: "Ảnh minh chứng; nội dung ảnh nằm trong thư mục files/kiem-tra.", columns: cols("id, inspection_id, membership_id, item_id, file_name, content_type, size, storage_key, uploaded_by, created_at"), filesFolder: "files/kiem-tra", omitted: ["org_id"] },
      { table: "inspection_addenda", sheet: "Bổ sung biên bản", about: "Nội dung bổ sung sau khi hoàn thành lượt kiểm tra.", columns: cols("id, inspection_id, membership_id, text, created_by, created_at"), omitted: ["org_id"] },
      { table: "inspection_actions", sheet: "Yêu cầu khắc phục", about: "Yêu cầu khắc phục, giải trình của cán bộ và xác minh.", columns: cols("id, inspection_id, result_id:Mã kết quả, membership_id, item_id, requirement:Yêu cầu, due_date:Hạn khắc phục, status, explanation:Giải trình, explained_at:Giải trình lúc, verified_by:Người xác minh, verified_at:Xác minh lúc, verification_note:Ghi chú xác minh, version, created_by, created_at, updated_at"), omitted: ["org_id"] },
    ],
  },
  {
    file: "danh-gia.xlsx",
    title: "Đánh giá, xếp loại",
    about: "Đánh giá hằng tháng, đánh giá xếp loại năm và trọng số tính điểm.",
    sheets: [
      {
        table: "evaluations",
        sheet: "Đánh giá tháng",
        about: "Mỗi dòng là đánh giá một tháng của một cán bộ.",
        columns: cols(
          "id, membership_id, period:Tháng (YYYY-MM), political_points, political_note, ethics_points, ethics_note, style_points, style_note, discipline_points, discipline_note, disciplined, disciplined_note, manual_task_points:Điểm công việc (nhập tay), manual_task_note:Ghi chú điểm công việc, self_assessment, self_assessed_at, evaluated_by, evaluated_at, status, figures, total, band, finalised_by, finalised_at, version, created_at, updated_at",
        ),
        omitted: ["org_id"],
      },
      {
        table: "annual_evaluations",
        sheet: "Xếp loại năm",
        about: "Mỗi dòng là đánh giá, xếp loại một năm của một cán bộ.",
        columns: cols(
          "id, membership_id, year:Năm, political_points, political_note, ethics_points, ethics_note, style_points, style_note, discipline_points, discipline_note, disciplined, disciplined_note, absent:Vắng mặt cả năm (1/0), absent_note:Ghi chú vắng mặt, chosen_band:Mức xếp loại đề xuất, chosen_band_note:Lý do mức đề xuất, comment:Nhận xét, self_assessment, self_band:Mức tự xếp loại, self_assessed_at, evaluated_by, evaluated_at, status, figures, total, band, finalised_by, finalised_at, early_reason:Lý do chốt sớm, version, created_at, updated_at",
        ),
        omitted: ["org_id"],
      },
      { table: "evaluation_settings", sheet: "Trọng số hiện hành", about: "Trọng số tính điểm công việc đang áp dụng.", key: ["org_id"], columns: cols("weight_quantity, weight_quality, weight_timeliness, updated_by, updated_at"), omitted: ["org_id"] },
      { table: "evaluation_weight_versions", sheet: "Lịch sử trọng số", about: "Trọng số theo thời gian áp dụng.", columns: cols("id, effective_from, weight_quantity, weight_quality, weight_timeliness, updated_by, updated_at"), omitted: ["org_id"] },
    ],
  },
  {
    file: "bao-cao.xlsx",
    title: "Báo cáo định kỳ",
    about: "Các báo cáo định kỳ của Trung tâm, với nội dung từng phần.",
    sheets: [
      {
        table: "reports",
        sheet: "Báo cáo",
        about: "Mỗi dòng là một báo cáo (tháng, quý, năm…).",
        columns: cols(
          "id, period_kind:Loại kỳ, period_key:Kỳ, period_from:Từ ngày, period_to:Đến ngày, title, number:Số báo cáo, place:Địa danh, report_date:Ngày báo cáo, recipients:Nơi nhận, signer_title:Chức vụ người ký, signer_name:Người ký, section_situation:Tình hình chung, section_organisation:Tổ chức thực hiện, section_results:Kết quả, section_assessment:Đánh giá, section_solutions:Giải pháp, section_conclusion:Kết luận và kiến nghị, status, figures, version, created_by, finalised_by, finalised_at, created_at, updated_at",
        ),
        omitted: ["org_id"],
      },
    ],
  },
  {
    file: "thong-bao.xlsx",
    title: "Thông báo",
    about: "Cài đặt kênh thông báo của Trung tâm và của từng cán bộ, và các thông báo đã gửi trong ứng dụng.",
    sheets: [
      { table: "org_channels", sheet: "Kênh của Trung tâm", about: "Cài đặt kênh thông báo (không có mã bí mật, khoá và mã thông báo).", key: ["org_id"], columns: cols("webhook_url:Địa chỉ webhook, email_endpoint:Dịch vụ thư điện tử, email_from:Địa chỉ gửi thư, digest_hour:Giờ gửi bản tin hằng ngày, updated_at"), omitted: ["org_id", "webhook_secret", "telegram_token", "email_key"] },
      { table: "member_channels", sheet: "Kênh của cán bộ", about: "Nơi nhận thông báo của từng cán bộ.", key: ["membership_id"], columns: cols("membership_id, webhook:Webhook, telegram_chat_id:Mã trò chuyện Telegram, email:Thư điện tử, updated_at"), omitted: ["org_id"] },
      { table: "notifications", sheet: "Thông báo", about: "Các thông báo trong ứng dụng.", columns: cols("id, membership_id:Người nhận, kind, params:Tham số (JSON), link:Đường dẫn, read_at:Đã đọc lúc, created_at"), omitted: ["org_id", "dedupe_key"] },
    ],
  },
  {
    file: "nhat-ky.xlsx",
    title: "Nhật ký thao tác",
    about: "Nhật ký mọi thao tác ghi dữ liệu của Trung tâm: ai, làm gì, lúc nào.",
    sheets: [
      { table: "audit_log", sheet: "Nhật ký", about: "Mỗi dòng là một thao tác.", columns: cols("id, created_at:Thời điểm, actor_user_id:Người thao tác, action:Thao tác, entity_type:Loại đối tượng, entity_id:Mã đối tượng, details:Chi tiết (JSON)"), omitted: ["org_id"] },
    ],
  },
];

/** Tables of a centre that the archive leaves out, and why (docs/decisions/0045). */
export const NOT_EXPORTED: Record<string, string> = {
  outbox: "the delivery queue of notifications (copies of the notifications, with channel addresses)",
  stored_files: "the files' bytes: they are the files/ folder",
  oversight_centres: "the oversight groups' link to the centre belongs to the group",
};
