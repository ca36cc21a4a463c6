import { errorText } from "../errors";
// UI strings of the periodic report pages. Vietnamese is the source; English must have the same
// keys. The report itself (the document) is always in Vietnamese.
const vi = {
  title: "Báo cáo định kỳ",
  intro: "Báo cáo tháng, quý, năm của Trung tâm theo thể thức Nghị định 30/2020/NĐ-CP, với số liệu lấy từ dữ liệu công việc, chấm công, lịch trực, kiểm tra công vụ và đánh giá, xếp loại.",
  new: "Tạo báo cáo",
  none: "Chưa có báo cáo nào.",
  download: "Tải .docx",
  print: "Bản in",
  open: "Mở",
  back: "Danh sách báo cáo",
  cols: {
    period: "Kỳ báo cáo",
    title: "Trích yếu",
    number: "Số",
    date: "Ngày",
    status: "Trạng thái",
    author: "Người lập",
    files: "Tệp",
  },
  status: {
    draft: "Dự thảo",
    finalised: "Đã chốt",
  },
  kinds: {
    month: "Tháng",
    quarter: "Quý",
    year: "Năm",
    custom: "Tùy chọn khoảng thời gian",
  },
  periodLabel: {
    month: "Tháng {m}/{y}",
    quarter: "Quý {q}/{y}",
    year: "Năm {y}",
    custom: "{from} – {to}",
  },
  newPage: {
    title: "Tạo báo cáo định kỳ",
    intro: "Chọn kỳ báo cáo. Hệ thống tính số liệu của kỳ và kỳ trước, rồi soạn sẵn dự thảo theo bố cục báo cáo của Trung tâm để lãnh đạo chỉnh sửa.",
    kind: "Loại kỳ",
    year: "Năm",
    month: "Tháng",
    quarter: "Quý",
    from: "Từ ngày",
    to: "Đến ngày",
    pickHint: "Năm dùng cho kỳ tháng, quý và năm; ô Tháng và ô Quý chỉ dùng khi chọn loại kỳ tương ứng.",
    customHint: "Tối đa 366 ngày; kỳ trước là khoảng cùng số ngày liền trước.",
    create: "Tạo dự thảo",
  },
  page: {
    figures: "Số liệu của kỳ",
    figuresLive: "Số liệu tính theo dữ liệu hiện tại ({at}); sẽ được cố định khi chốt báo cáo.",
    figuresFrozen: "Số liệu đã được cố định khi chốt báo cáo ({at}); thay đổi dữ liệu sau đó không làm thay đổi báo cáo.",
    finalisedBy: "Đã chốt lúc {at} bởi {name}.",
    staffChanges: "Biến động nhân sự",
    changeKinds: {
      joined: "Tiếp nhận",
      left: "Nghỉ việc, chuyển công tác",
      reassigned: "Điều chuyển vị trí",
    },
    failures: "Nội dung vi phạm nhiều nhất qua kiểm tra công vụ",
    leaveByKind: "Ngày nghỉ theo loại",
    noEvaluation: "Đánh giá, xếp loại theo Nghị định 335/2025/NĐ-CP tính theo tháng hoặc quý; kỳ này không có.",
    document: "Nội dung văn bản",
    details: "Thông tin văn bản",
    number: "Số, ký hiệu",
    numberHint: "Ví dụ 04/BC-TTPVHCC (số dưới 10 có số 0 phía trước). Để trống phần số nếu văn thư cấp số khi ban hành: /BC-TTPVHCC.",
    place: "Địa danh",
    date: "Ngày ban hành",
    summary: "Trích yếu (dòng dưới chữ BÁO CÁO)",
    recipients: "Nơi nhận",
    recipientsHint: "Mỗi dòng một nơi nhận, dòng cuối là “- Lưu: VT.”",
    signerTitle: "Chức vụ người ký",
    signerTitleHint: "Một hoặc hai dòng, ví dụ “KT. GIÁM ĐỐC” rồi “PHÓ GIÁM ĐỐC”.",
    signerName: "Họ tên người ký",
    sectionsHint:
      "Mỗi dòng là một đoạn. Dòng bắt đầu bằng “1.”, “2.” là đề mục; “a)”, “b)” là tiểu mục; “- ” là ý gạch đầu dòng. Dòng “[Bảng: …]” chèn bảng số liệu tương ứng; xóa dòng đó để bỏ bảng.",
    regenerate: "Soạn lại mục này từ số liệu",
    regenerateHint: "Thay nội dung mục bằng bản soạn tự động theo số liệu hiện tại; các mục khác vẫn giữ nội dung đang sửa.",
    save: "Lưu báo cáo",
    finalise: "Chốt báo cáo",
    finaliseConfirm: "Tôi đã rà soát nội dung. Khi chốt, số liệu được cố định và báo cáo không sửa được nữa.",
    delete: "Xóa dự thảo",
    deleteConfirm: "Tôi muốn xóa dự thảo này.",
    readOnly: "Bạn chỉ có quyền xem báo cáo.",
  },
  printPage: {
    back: "Quay lại báo cáo",
    printButton: "In báo cáo",
    draftMark: "DỰ THẢO",
  },
  errors: {
    reportStale: "Báo cáo vừa được người khác cập nhật. Vui lòng tải lại trang rồi thao tác lại.",
    reportFinalised: "Báo cáo đã chốt, không thể sửa.",
    periodTooLong: "Khoảng thời gian tối đa 366 ngày.",
    confirmFinalise: "Vui lòng xác nhận trước khi chốt báo cáo.",
    confirmDelete: "Vui lòng xác nhận trước khi xóa.",
  },
  recipientsWarning: "“Nơi nhận” chưa kết thúc bằng dòng “- Lưu: VT.” (lưu văn thư) theo mẫu của Nghị định 30/2020/NĐ-CP.",
};

const en: typeof vi = {
  title: "Periodic reports",
  intro: "The centre's monthly, quarterly and yearly reports in the official format (Decree 30/2020/NĐ-CP), with figures from tasks, attendance, duty rosters, conduct inspections and evaluations.",
  new: "New report",
  none: "No reports yet.",
  download: "Download .docx",
  print: "Print view",
  open: "Open",
  back: "All reports",
  cols: {
    period: "Period",
    title: "Summary",
    number: "Number",
    date: "Date",
    status: "Status",
    author: "Prepared by",
    files: "Files",
  },
  status: {
    draft: "Draft",
    finalised: "Finalised",
  },
  kinds: {
    month: "Month",
    quarter: "Quarter",
    year: "Year",
    custom: "Custom range",
  },
  periodLabel: {
    month: "{m}/{y}",
    quarter: "Q{q} {y}",
    year: "{y}",
    custom: "{from} – {to}",
  },
  newPage: {
    title: "New periodic report",
    intro: "Choose the period. The figures of the period and of the one before are computed, and a draft in the centre's report structure is written for the director to edit. The document is in Vietnamese.",
    kind: "Kind of period",
    year: "Year",
    month: "Month",
    quarter: "Quarter",
    from: "From",
    to: "To",
    pickHint: "The year applies to a month, a quarter or a year; the month and quarter fields only to that kind of period.",
    customHint: "At most 366 days; the previous period is the same number of days just before.",
    create: "Create draft",
  },
  page: {
    figures: "Figures of the period",
    figuresLive: "Figures from the data as it stands ({at}); they are frozen when the report is finalised.",
    figuresFrozen: "Figures frozen when the report was finalised ({at}); later data changes do not alter the report.",
    finalisedBy: "Finalised at {at} by {name}.",
    staffChanges: "Staff changes",
    changeKinds: {
      joined: "Joined",
      left: "Left",
      reassigned: "Reassigned",
    },
    failures: "Most failed checklist items",
    leaveByKind: "Leave days by kind",
    noEvaluation: "Evaluations (Decree 335/2025/NĐ-CP) are by month or quarter; none for this period.",
    document: "Document text",
    details: "Document details",
    number: "Number and code",
    numberHint: "E.g. 04/BC-TTPVHCC (numbers below 10 take a leading zero). Leave the number out when the clerk assigns it on issue: /BC-TTPVHCC.",
    place: "Place",
    date: "Date of issue",
    summary: "Summary line (under “BÁO CÁO”)",
    recipients: "Recipients (Nơi nhận)",
    recipientsHint: "One recipient per line; the last line is “- Lưu: VT.”",
    signerTitle: "Signer's title",
    signerTitleHint: "One or two lines, e.g. “KT. GIÁM ĐỐC” then “PHÓ GIÁM ĐỐC”.",
    signerName: "Signer's name",
    sectionsHint:
      "Each line is a paragraph. Lines starting “1.”, “2.” are headings; “a)”, “b)” sub-headings; “- ” dash items. A line “[Bảng: …]” places that table of figures; delete the line to leave the table out.",
    regenerate: "Rewrite this section from the figures",
    regenerateHint: "Replaces the section with the automatic draft from the current figures; your edits to the other sections are kept.",
    save: "Save report",
    finalise: "Finalise report",
    finaliseConfirm: "I have reviewed the text. Finalising freezes the figures and the report can no longer be edited.",
    delete: "Delete draft",
    deleteConfirm: "I want to delete this draft.",
    readOnly: "You can read this report but not edit it.",
  },
  printPage: {
    back: "Back to the report",
    printButton: "Print",
    draftMark: "DỰ THẢO",
  },
  errors: {
    reportStale: "Someone else just updated this report. Please reload the page and try again.",
    reportFinalised: "This report is finalised and cannot be edited.",
    periodTooLong: "The range can be at most 366 days.",
    confirmFinalise: "Please confirm before finalising the report.",
    confirmDelete: "Please confirm before deleting.",
  },
  recipientsWarning: "“Recipients” does not end with the file copy line “- Lưu: VT.” of the Decree 30/2020/ND-CP form.",
};

export const reportsMessages = { vi, en };

/** The message of an error key from the report forms: the section's own first, then the common ones. */
export function reportErrorText(t: { reports: typeof vi; errors: Record<string, string> }, key: string | undefined): string | undefined {
  return errorText(t, key, t.reports.errors as Record<string, string>);
}

/** A period in words for the UI: "Tháng 02/2026", "Quý 1/2026", "Năm 2026", "01/02/2026 – 15/02/2026". */
export function reportPeriodText(t: { reports: typeof vi }, kind: string, key: string): string {
  const l = t.reports.periodLabel;
  const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  if (kind === "month") return l.month.replace("{m}", key.slice(5, 7)).replace("{y}", key.slice(0, 4));
  if (kind === "quarter") return l.quarter.replace("{q}", key.slice(6)).replace("{y}", key.slice(0, 4));
  if (kind === "year") return l.year.replace("{y}", key);
  const [from = "", to = ""] = key.split("_");
  return l.custom.replace("{from}", dmy(from)).replace("{to}", dmy(to));
}
