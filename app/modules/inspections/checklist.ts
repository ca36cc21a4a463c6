/**
 * The built-in checklist of conduct rules that inspectors check (kiểm tra công vụ), from
 * ../shared/design/domain-facts.md, items C01–C15. A centre copies it and then edits its own copy;
 * the built-in itself never changes under a centre's inspections (they keep their own versions).
 *
 * Bases marked "chưa xác định điều khoản" are rules whose article is not confirmed yet: a centre
 * corrects them in its copy.
 */

export interface ChecklistItem {
  code: string;
  text: string;
  basis: string;
  weight: number;
}

export const BUILTIN_TEMPLATE_NAME = "Bộ tiêu chí kiểm tra công vụ (mẫu chuẩn C01–C15)";

export const BUILTIN_ITEMS: readonly ChecklistItem[] = [
  {
    code: "C01",
    text: "Có mặt tại vị trí làm việc (quầy) trong giờ làm việc đã công bố; không tự ý vắng mặt",
    basis: "QĐ 188/1999/QĐ-TTg; nội quy Trung tâm",
  },
  { code: "C02", text: "Đi làm đúng giờ; không về sớm", basis: "QĐ 188/1999/QĐ-TTg; nội quy Trung tâm" },
  {
    code: "C03",
    text: "Đeo thẻ công chức trên ngực áo, đúng nội dung quy định",
    basis: "QĐ 129/2007/QĐ-TTg Điều 7; QĐ 06/2008/QĐ-BNV; Luật Cán bộ, công chức Điều 16",
  },
  {
    code: "C04",
    text: "Trang phục gọn gàng, lịch sự; đi giày hoặc dép có quai hậu; đúng quy định về trang phục của địa phương",
    basis: "QĐ 129/2007/QĐ-TTg Điều 5; QĐ 1847/QĐ-TTg năm 2018",
  },
  {
    code: "C05",
    text: "Thực hiện “4 xin, 4 luôn”: xin chào, xin lỗi, xin cảm ơn, xin phép; luôn mỉm cười, luôn nhẹ nhàng, luôn lắng nghe, luôn giúp đỡ",
    basis: "QĐ 1847/QĐ-TTg năm 2018",
  },
  {
    code: "C06",
    text: "Không hách dịch, cửa quyền, gây khó khăn, phiền hà cho người dân",
    basis: "Luật Cán bộ, công chức Điều 17; NĐ 118/2025/NĐ-CP",
  },
  {
    code: "C07",
    text: "Sử dụng ngôn ngữ rõ ràng, chuẩn mực; lắng nghe và giải thích đầy đủ",
    basis: "Luật Cán bộ, công chức; NĐ 63/2010/NĐ-CP Điều 20",
  },
  {
    code: "C08",
    text: "Hướng dẫn đầy đủ một lần; người dân không phải đi lại quá hai lần để hoàn thiện một hồ sơ",
    basis: "NĐ 63/2010/NĐ-CP Điều 20",
  },
  {
    code: "C09",
    text: "Tiếp nhận hồ sơ không phụ thuộc địa giới hành chính trong phạm vi tỉnh",
    basis: "NĐ 118/2025/NĐ-CP",
  },
  {
    code: "C10",
    text: "Không yêu cầu thêm giấy tờ ngoài danh mục đã công khai; bảo vệ thông tin của người nộp hồ sơ",
    basis: "Quy định về cơ chế một cửa, một cửa liên thông (chưa xác định điều khoản)",
  },
  {
    code: "C11",
    text: "Không làm việc riêng, chơi trò chơi hoặc dùng điện thoại việc riêng kéo dài tại quầy",
    basis: "Nội quy Trung tâm",
  },
  {
    code: "C12",
    text: "Không hút thuốc lá trong phòng làm việc; không uống rượu, bia trong giờ làm việc",
    basis: "QĐ 129/2007/QĐ-TTg (chưa xác định điều khoản)",
  },
  {
    code: "C13",
    text: "Có biển tên quầy và biển chức danh tại vị trí làm việc",
    basis: "QĐ 129/2007/QĐ-TTg (chưa xác định điều khoản)",
  },
  {
    code: "C14",
    text: "Cập nhật kịp thời tình trạng xử lý hồ sơ trên Hệ thống một cửa điện tử",
    basis: "Nội quy Trung tâm",
  },
  {
    code: "C15",
    text: "Thực hiện trực ngày nghỉ, lễ, Tết theo lịch trực đã phân công",
    basis: "Thông báo nghỉ lễ, Tết hằng năm",
  },
].map((item) => ({ ...item, weight: 1 }));
