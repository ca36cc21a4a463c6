import { randomUUID } from "node:crypto";
import { addWorkingDays, buildCalendar, official2026Overrides, type CalendarFn } from "../../app/modules/calendar/holidays";
import { addDays, deadlineInstant, periodOf, vnDateOf } from "../../app/utils/dates";
import { allowed, completionTimeliness, missedDeadlineAfterGrant, missingSixClear, occurrenceDeadline, type Priority, type SourceKind, type TaskAction, type TaskRelation, type TaskStatus } from "../../app/modules/tasks/rules";
import { normalizeSearch } from "../../db/text";
import type { Selectable } from "kysely";
import type {
  PlanItemsTable,
  TaskEventKind,
  TaskEventsTable,
  TaskExtensionsTable,
  TaskMembersTable,
  TaskSubmissionsTable,
  TasksTable,
} from "../../db/schema";
import type { SeedContext } from "./index";

// Demo tasks: plans with key and breakthrough items, and about forty tasks over the four months
// before `now`, in every state of the task lifecycle, each with the timeline that led to it.
//
// Every date is relative to today in Vietnam: a `Day` is a number of working days from today
// (official calendar) or a fixed ISO date. Each task is written as a story of steps that is played
// through the same rules as the app (rules.ts `allowed`, `classifyCompletion`), so the stored
// status, progress, timeliness, submissions and extensions always agree with the timeline. No
// randomness: the same `now` gives the same data.

type Day = number | string;
type Dates = { start: string; due: string };
type Text = string | ((d: Dates) => string);

type Step = { d: Day; at?: string } & (
  | { k: "assign" }
  | { k: "edit"; note?: string }
  | { k: "progress"; p: number; note: string; who?: string }
  | { k: "submit"; text: string }
  | { k: "approve"; note?: string }
  | { k: "return"; note: string }
  | { k: "extend"; to: Day; toTime?: string; reason: string }
  | { k: "grant"; note?: string }
  | { k: "refuse"; note: string }
  | { k: "comment"; who: string; note: string }
  | { k: "cancel"; note: string }
);

interface TaskSpec {
  id?: string;
  org?: "tu-ky" | "an-phu" | "gia-loc" | "thanh-ha";
  title: Text;
  description: Text;
  deliverable: string;
  priority?: Priority;
  source: SourceKind | null;
  ref: Text;
  /** [plan index, item index] in PLANS. */
  plan?: [number, number];
  assigner: string;
  assignee: string | null;
  approver: string | null;
  coworkers?: string[];
  followers?: string[];
  start: Day | null;
  due: Day | null;
  dueTime?: string;
  /** Created as a draft (issued later only by an "assign" step). */
  draft?: boolean;
  /** When the task was created; the start day by default (three working days ago for drafts). */
  created?: { d: Day; at?: string };
  series?: { id: string; key: string };
  steps: Step[];
}

const PLANS: { title: (y: number) => string; reference: string; items: { kind: PlanItemsTable["kind"]; title: string }[] }[] = [
  {
    title: (y) => `Kế hoạch cải cách hành chính năm ${y}`,
    reference: "KH 12/KH-TTPVHCC",
    items: [
      { kind: "key", title: "Rà soát, đơn giản hóa thủ tục hành chính và quy trình nội bộ" },
      { kind: "key", title: "Nâng cao chất lượng phục vụ và mức độ hài lòng của người dân, doanh nghiệp" },
      { kind: "key", title: "Công khai, minh bạch thông tin thủ tục hành chính tại Trung tâm" },
      { kind: "breakthrough", title: "100% hồ sơ thủ tục hành chính được giải quyết đúng hạn, không phát sinh hồ sơ quá hạn" },
    ],
  },
  {
    title: (y) => `Kế hoạch chuyển đổi số năm ${y}`,
    reference: "KH 15/KH-TTPVHCC",
    items: [
      { kind: "key", title: "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính" },
      { kind: "key", title: "Nâng tỷ lệ hồ sơ trực tuyến toàn trình" },
      { kind: "breakthrough", title: "Số hóa toàn bộ sổ hộ tịch lưu trữ, hình thành cơ sở dữ liệu hộ tịch điện tử" },
      { kind: "breakthrough", title: "Làm sạch dữ liệu an sinh xã hội, kết nối với Cơ sở dữ liệu quốc gia về dân cư" },
    ],
  },
];

const MANAGERS = new Set(["tuky.giamdoc", "tuky.phogiamdoc", "anphu.giamdoc", "gialoc.giamdoc", "thanhha.giamdoc"]);

const GD = "tuky.giamdoc";
const PGD = "tuky.phogiamdoc";

// Default local times (Asia/Ho_Chi_Minh) of each kind of event.
const DEFAULT_TIME: Record<Step["k"] | "created", string> = {
  created: "08:30",
  assign: "09:00",
  edit: "09:20",
  progress: "16:15",
  submit: "15:30",
  approve: "09:45",
  return: "10:15",
  extend: "14:10",
  grant: "16:40",
  refuse: "16:40",
  comment: "11:05",
  cancel: "10:40",
};

const ACTION: Record<Step["k"], TaskAction> = {
  assign: "assign",
  edit: "edit",
  progress: "progress",
  submit: "submit",
  approve: "approve",
  return: "return",
  extend: "requestExtension",
  grant: "decideExtension",
  refuse: "decideExtension",
  comment: "comment",
  cancel: "cancel",
};

// ---- date helpers ----

/** dd/MM/yyyy */
const fmt = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
/** MM/yyyy */
const monthLabel = (date: string) => `${date.slice(5, 7)}/${date.slice(0, 4)}`;
/** Quarter in Roman numerals, e.g. "I/2026". */
const quarterLabel = (date: string) => `${["I", "II", "III", "IV"][Math.floor((Number(date.slice(5, 7)) - 1) / 3)]}/${date.slice(0, 4)}`;
/** The quarter before the one containing a date, e.g. "IV/2025" for 2026-02-10. */
const previousQuarterLabel = (date: string) => quarterLabel(addDays(periodOf(date, "quarterly").start, -1));
/** An instant at a Vietnam local time. */
const vnAt = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+07:00`);

const calendars = new Map<number, CalendarFn>();
function calFor(year: number): CalendarFn {
  let c = calendars.get(year);
  if (!c) calendars.set(year, (c = buildCalendar(year, official2026Overrides)));
  return c;
}

// ---- the task specs ----

function tuKyTasks(): TaskSpec[] {
  const before = (d: string, days: number) => addDays(d, -days);
  return [
    // ---- done ----
    {
      title: "Số hóa hồ sơ hộ tịch năm 2015–2016",
      description:
        "Quét, nhập dữ liệu và đối chiếu toàn bộ sổ đăng ký khai sinh, kết hôn, khai tử các năm 2015–2016 lên Hệ thống thông tin " +
        "đăng ký và quản lý hộ tịch; bảo đảm dữ liệu điện tử khớp với sổ gốc.",
      deliverable: "Dữ liệu hộ tịch 2015–2016 trên hệ thống; biên bản đối chiếu và danh sách trường hợp sai lệch",
      priority: "high",
      source: "plan",
      ref: "KH 15/KH-TTPVHCC, mục II.3",
      plan: [1, 2],
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo01",
      coworkers: ["tuky.canbo09"],
      followers: [GD],
      start: -32,
      due: -10,
      steps: [
        { k: "progress", d: -28, p: 25, note: "Đã quét xong sổ đăng ký khai sinh năm 2015 (412 trang)." },
        { k: "progress", d: -22, p: 50, note: "Hoàn thành nhập liệu sổ khai sinh 2015–2016.", who: "tuky.canbo09" },
        { k: "progress", d: -17, p: 85, note: "Đã nhập xong sổ kết hôn, khai tử; đang đối chiếu với sổ gốc." },
        {
          k: "submit",
          d: -13,
          text: "Đã số hóa 1.184 trường hợp hộ tịch năm 2015–2016; gửi kèm biên bản đối chiếu, 07 trường hợp sai lệch đã lập danh sách đề xuất cải chính.",
        },
        { k: "approve", d: -12, note: "Đạt yêu cầu. Quầy 1 tiếp tục theo dõi việc cải chính 07 trường hợp sai lệch." },
      ],
    },
    {
      title: "Rà soát quy trình nội bộ lĩnh vực đất đai",
      description:
        "Rà soát 28 quy trình nội bộ giải quyết thủ tục hành chính lĩnh vực đất đai đã được công bố; đối chiếu thời gian luân chuyển " +
        "hồ sơ thực tế, đề xuất cắt giảm bước trung gian, rút ngắn thời gian giải quyết.",
      deliverable: "Báo cáo rà soát kèm bảng đề xuất sửa đổi quy trình nội bộ trình UBND xã",
      source: "plan",
      ref: "KH 12/KH-TTPVHCC, mục II.1",
      plan: [0, 0],
      assigner: GD,
      approver: GD,
      assignee: "tuky.canbo02",
      followers: ["tuky.canbo03"],
      start: -36,
      due: -16,
      steps: [
        { k: "progress", d: -30, p: 30, note: "Đã rà soát 9/28 quy trình." },
        { k: "progress", d: -24, p: 70, note: "Đã rà soát 20/28 quy trình, phát hiện 05 quy trình có bước trùng lặp." },
        {
          k: "submit",
          d: -16,
          at: "10:00",
          text: "Báo cáo rà soát 28 quy trình; đề xuất cắt giảm 05 bước trung gian, rút ngắn bình quân 1,5 ngày/hồ sơ.",
        },
        { k: "approve", d: -15, note: "Đồng ý, trình UBND xã ban hành quy trình sửa đổi." },
      ],
    },
    {
      title: (c) => `Báo cáo kết quả giải quyết TTHC tháng ${monthLabel(before(c.start, 15))}`,
      description:
        "Tổng hợp số hồ sơ tiếp nhận, đã giải quyết, đúng hạn, quá hạn và hồ sơ trực tuyến theo từng lĩnh vực; phân tích nguyên nhân " +
        "hồ sơ quá hạn và đề xuất giải pháp khắc phục.",
      deliverable: "Báo cáo số liệu kèm biểu thống kê xuất từ Hệ thống thông tin giải quyết TTHC",
      priority: "high",
      source: "meeting",
      ref: (c) => `Kết luận giao ban ngày ${fmt(c.start)}`,
      assigner: GD,
      approver: GD,
      assignee: "tuky.canbo08",
      start: -12,
      due: -8,
      dueTime: "16:00",
      steps: [
        { k: "progress", d: -11, p: 50, note: "Đã xuất số liệu từ hệ thống, đang đối chiếu với sổ theo dõi." },
        {
          k: "submit",
          d: -10,
          text: "Tiếp nhận 1.046 hồ sơ, giải quyết đúng hạn 98,6%; 03 hồ sơ đất đai quá hạn đã có văn bản xin lỗi công dân.",
        },
        { k: "approve", d: -9, note: "Đạt yêu cầu." },
      ],
    },
    {
      title: (c) => `Tổng hợp danh sách đối tượng bảo trợ xã hội quý ${quarterLabel(c.start)}`,
      description:
        "Rà soát danh sách đối tượng bảo trợ xã hội hưởng trợ cấp hằng tháng theo Nghị định 20/2021/NĐ-CP; đối chiếu tăng, giảm với " +
        "các thôn; lập danh sách đề nghị chi trả.",
      deliverable: "Danh sách đối tượng bảo trợ xã hội (tăng, giảm) có xác nhận của trưởng thôn",
      source: "directive",
      ref: (c) => `Công văn số 215/UBND-VP ngày ${fmt(before(c.start, 2))} của UBND xã Tứ Kỳ`,
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo04",
      coworkers: ["tuky.canbo05"],
      start: -46,
      due: -38,
      steps: [
        { k: "progress", d: -42, p: 40, note: "Đã nhận danh sách của 8/12 thôn." },
        { k: "comment", d: -40, who: PGD, note: "Đề nghị đôn đốc các thôn còn lại gửi danh sách trước thứ Sáu." },
        { k: "progress", d: -38, p: 80, note: "Còn 02 thôn chưa gửi danh sách, đã liên hệ trực tiếp trưởng thôn." },
        {
          k: "submit",
          d: -36,
          text: "Danh sách 327 đối tượng (tăng 06, giảm 04). Nộp chậm 02 ngày do chờ số liệu thôn Đông và thôn Nam.",
        },
        { k: "approve", d: -35, note: "Đồng ý. Lần sau báo cáo sớm khó khăn để kịp điều chỉnh." },
      ],
    },
    {
      title: "Trả lời phản ánh của công dân về chậm trả kết quả cấp Giấy chứng nhận quyền sử dụng đất",
      description:
        "Ông Nguyễn Văn Tâm (thôn Đông) phản ánh hồ sơ cấp Giấy chứng nhận quyền sử dụng đất lần đầu đã quá hạn nhưng chưa nhận được " +
        "thông báo. Kiểm tra quá trình giải quyết, xác định nguyên nhân, dự thảo văn bản trả lời và xin lỗi công dân nếu có lỗi.",
      deliverable: "Văn bản trả lời công dân trình Giám đốc ký; cập nhật kết quả xử lý phản ánh trên Cổng Dịch vụ công",
      priority: "urgent",
      source: "feedback",
      ref: (c) => `Phản ánh số 12/PA qua Cổng Dịch vụ công quốc gia ngày ${fmt(c.start)}`,
      assigner: GD,
      approver: GD,
      assignee: "tuky.canbo03",
      followers: ["tuky.kiemtra"],
      start: -21,
      due: -15,
      steps: [
        { k: "progress", d: -19, p: 50, note: "Đã kiểm tra: hồ sơ chờ kết quả đo đạc của Văn phòng đăng ký đất đai." },
        { k: "submit", d: -17, text: "Dự thảo văn bản trả lời ông Nguyễn Văn Tâm." },
        {
          k: "return",
          d: -16,
          note: "Văn bản chưa nêu rõ thời hạn trả kết quả và chưa có lời xin lỗi theo quy định; đề nghị bổ sung.",
        },
        { k: "progress", d: -16, p: 90, note: "Đã bổ sung thời hạn trả kết quả và nội dung xin lỗi." },
        {
          k: "submit",
          d: -15,
          at: "10:00",
          text: "Dự thảo văn bản trả lời đã bổ sung; Văn phòng đăng ký đất đai cam kết trả kết quả trong 05 ngày làm việc.",
        },
        { k: "approve", d: -14, note: "Đã ký văn bản. Cập nhật kết quả xử lý lên Cổng Dịch vụ công." },
      ],
    },
    {
      title: "Cập nhật niêm yết công khai TTHC tại Quầy 2",
      description:
        "Thay bảng niêm yết thủ tục hành chính lĩnh vực đất đai, xây dựng tại Quầy 2 theo danh mục mới được công bố; cập nhật mã QR " +
        "tra cứu từng thủ tục, gỡ các thủ tục đã bãi bỏ.",
      deliverable: "Bảng niêm yết mới tại Quầy 2 và ảnh chụp hiện trạng sau khi cập nhật",
      priority: "low",
      source: "directive",
      ref: "Quyết định số 1234/QĐ-UBND của UBND thành phố Hải Phòng công bố danh mục TTHC lĩnh vực đất đai",
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo03",
      start: -27,
      due: -22,
      steps: [
        { k: "progress", d: -25, p: 60, note: "Đã in bảng niêm yết 32 thủ tục và mã QR tra cứu." },
        { k: "submit", d: -24, text: "Đã thay bảng niêm yết tại Quầy 2, gửi kèm ảnh chụp." },
        { k: "approve", d: -23 },
      ],
    },
    {
      title: "Số hóa hồ sơ đăng ký hộ kinh doanh năm 2024",
      description:
        "Quét, số hóa và gắn mã hồ sơ đăng ký hộ kinh doanh đã giải quyết năm 2024; cập nhật vào kho dữ liệu điện tử của tổ chức, " +
        "cá nhân trên Hệ thống thông tin giải quyết TTHC.",
      deliverable: "Toàn bộ hồ sơ năm 2024 được số hóa, kèm danh mục đối chiếu",
      source: "plan",
      ref: "KH 15/KH-TTPVHCC, mục II.1",
      plan: [1, 0],
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo10",
      coworkers: ["tuky.canbo06"],
      start: -38,
      due: -24,
      steps: [
        { k: "progress", d: -33, p: 30, note: "Đã số hóa 380/1.250 hồ sơ." },
        {
          k: "extend",
          d: -27,
          to: -16,
          reason: "Khối lượng hồ sơ lớn (1.250 hồ sơ); máy quét của Quầy 4 hỏng 03 ngày chờ sửa chữa.",
        },
        { k: "grant", d: -26, note: "Đồng ý gia hạn; mượn máy quét của Quầy 6 để bảo đảm tiến độ." },
        { k: "progress", d: -21, p: 75, note: "Đã số hóa 940/1.250 hồ sơ." },
        { k: "submit", d: -16, at: "14:00", text: "Đã số hóa 1.250 hồ sơ, gửi kèm danh mục đối chiếu." },
        { k: "approve", d: -15, note: "Hoàn thành trong thời hạn đã gia hạn." },
      ],
    },
    {
      title: "Rà soát, cập nhật danh sách người có công với cách mạng trên địa bàn xã",
      description:
        "Rà soát hồ sơ người có công và thân nhân đang hưởng trợ cấp; đối chiếu với danh sách chi trả; xác định trường hợp tăng, " +
        "giảm, điều chỉnh mức hưởng.",
      deliverable: "Danh sách người có công đã rà soát và báo cáo đề xuất điều chỉnh",
      source: "directive",
      ref: (c) => `Công văn số 48/UBND-VHXH ngày ${fmt(before(c.start, 3))} của UBND xã Tứ Kỳ`,
      assigner: GD,
      approver: GD,
      assignee: "tuky.canbo05",
      coworkers: ["tuky.canbo04"],
      start: -40,
      due: -30,
      steps: [
        { k: "progress", d: -36, p: 40, note: "Đã rà soát 90/214 hồ sơ." },
        { k: "extend", d: -32, to: -25, reason: "Cần thêm thời gian đối chiếu hồ sơ gốc lưu tại kho lưu trữ của huyện trước đây." },
        { k: "refuse", d: -31, note: "Không gia hạn: danh sách phục vụ chi trả tháng tới. Đồng chí Nam phối hợp để kịp tiến độ." },
        { k: "progress", d: -30, p: 80, note: "Đã rà soát 175/214 hồ sơ." },
        { k: "submit", d: -28, text: "Danh sách 214 người có công; đề xuất điều chỉnh mức hưởng 03 trường hợp." },
        { k: "approve", d: -27 },
      ],
    },
    {
      title: (c) => `Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính tháng ${monthLabel(c.start)}`,
      description:
        "Kiểm tra đột xuất việc chấp hành giờ làm việc, trang phục, đeo thẻ công chức và thái độ giao tiếp với công dân tại các quầy; " +
        "lập biên bản từng lần kiểm tra.",
      deliverable: "Báo cáo kết quả kiểm tra kèm biên bản và đề xuất chấn chỉnh",
      source: "meeting",
      ref: (c) => `Kết luận giao ban ngày ${fmt(c.start)}`,
      assigner: GD,
      approver: GD,
      assignee: "tuky.kiemtra",
      followers: [PGD],
      start: -52,
      due: -43,
      steps: [
        { k: "progress", d: -48, p: 50, note: "Đã kiểm tra 02 lần (sáng thứ Hai, chiều thứ Năm)." },
        {
          k: "submit",
          d: -45,
          text: "Kiểm tra 04 lần: 02 trường hợp đi muộn, 01 trường hợp không đeo thẻ; đề xuất nhắc nhở tại giao ban.",
        },
        { k: "approve", d: -44, note: "Đồng ý, nhắc nhở tại giao ban tuần." },
      ],
    },
    {
      title: "Hướng dẫn hộ kinh doanh nộp hồ sơ đăng ký trực tuyến",
      description:
        "Bố trí hướng dẫn trực tiếp tại Quầy 4 cho hộ kinh doanh tạo tài khoản định danh điện tử mức 2 và nộp hồ sơ đăng ký, thay đổi " +
        "hộ kinh doanh qua Cổng Dịch vụ công.",
      deliverable: "Tài liệu hướng dẫn 01 trang và báo cáo số hộ kinh doanh được hướng dẫn",
      source: "adhoc",
      ref: "",
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo06",
      start: -60,
      due: -52,
      dueTime: "16:30",
      steps: [
        { k: "progress", d: -56, p: 50, note: "Đã in tài liệu hướng dẫn, hướng dẫn được 20 hộ." },
        { k: "submit", d: -52, at: "09:00", text: "Đã hướng dẫn 46 hộ kinh doanh, 31 hồ sơ nộp trực tuyến thành công; gửi kèm tài liệu." },
        { k: "approve", d: -51 },
      ],
    },
    {
      title: (c) => `Khảo sát mức độ hài lòng của người dân quý ${quarterLabel(c.start)}`,
      description:
        "Phát phiếu khảo sát và tổng hợp ý kiến đánh giá qua ki-ốt, mã QR tại các quầy; phân tích các tiêu chí có điểm thấp, đề xuất " +
        "giải pháp cải thiện.",
      deliverable: "Báo cáo kết quả khảo sát (tối thiểu 300 phiếu) và đề xuất cải thiện",
      source: "directive",
      ref: "Kế hoạch số 140/KH-UBND của UBND xã Tứ Kỳ về đo lường sự hài lòng của người dân",
      assigner: GD,
      approver: GD,
      assignee: "tuky.canbo09",
      followers: ["tuky.canbo08"],
      start: -70,
      due: -58,
      steps: [
        { k: "progress", d: -66, p: 40, note: "Đã thu 150 phiếu." },
        { k: "progress", d: -62, p: 80, note: "Đã thu 320 phiếu, đang tổng hợp." },
        { k: "submit", d: -60, text: "Tổng hợp 356 phiếu: 96,1% hài lòng; tiêu chí thời gian chờ có điểm thấp nhất." },
        { k: "approve", d: -59, note: "Đưa đề xuất giảm thời gian chờ vào nội dung giao ban." },
      ],
    },
    {
      title: "Xây dựng tin bài tuyên truyền cải cách hành chính trên Trang thông tin điện tử xã",
      description:
        "Viết 04 tin bài giới thiệu dịch vụ công trực tuyến, thanh toán phí, lệ phí không dùng tiền mặt và kết quả cải cách hành chính " +
        "của Trung tâm; phối hợp đăng tải trên Trang thông tin điện tử và nhóm Zalo các thôn.",
      deliverable: "04 tin bài đã đăng tải, kèm đường dẫn",
      priority: "low",
      source: "meeting",
      ref: (c) => `Kết luận giao ban ngày ${fmt(c.start)}`,
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo07",
      start: -76,
      due: -66,
      steps: [
        { k: "progress", d: -70, p: 50, note: "Đã viết 02/04 tin bài." },
        { k: "submit", d: -63, text: "04 tin bài đã đăng trên Trang thông tin điện tử xã, gửi kèm đường dẫn." },
        { k: "approve", d: -62 },
      ],
    },
    {
      title: (c) => `Rà soát, đối chiếu sổ chứng thực quý ${previousQuarterLabel(c.start)}`,
      description:
        "Đối chiếu sổ chứng thực bản sao từ bản chính, chứng thực chữ ký với số liệu trên hệ thống; khóa sổ và lập báo cáo số liệu " +
        "phục vụ kiểm tra của cơ quan tư pháp cấp trên.",
      deliverable: "Biên bản khóa sổ chứng thực và báo cáo số liệu",
      source: "directive",
      ref: (c) => `Công văn số 31/UBND-VP ngày ${fmt(before(c.start, 1))} của UBND xã Tứ Kỳ`,
      assigner: GD,
      approver: GD,
      assignee: "tuky.canbo01",
      start: -80,
      due: -72,
      steps: [
        { k: "progress", d: -77, p: 50, note: "Đã đối chiếu xong sổ chứng thực bản sao." },
        { k: "submit", d: -74, text: "Đã khóa sổ, số liệu khớp với hệ thống; gửi kèm biên bản." },
        { k: "approve", d: -73 },
      ],
    },
    {
      title: "Trả lời phản ánh của bà Trần Thị Hoa về hướng dẫn hồ sơ đăng ký biến động đất đai",
      description:
        "Bà Trần Thị Hoa (thôn Bắc) phản ánh phải bổ sung hồ sơ nhiều lần. Kiểm tra việc hướng dẫn tại Quầy 2, liên hệ hướng dẫn " +
        "một lần đầy đủ và trả lời công dân bằng văn bản.",
      deliverable: "Văn bản trả lời công dân và phiếu hướng dẫn hoàn thiện hồ sơ",
      priority: "high",
      source: "feedback",
      ref: (c) => `Phản ánh qua đường dây nóng của Trung tâm ngày ${fmt(c.start)}`,
      assigner: GD,
      approver: GD,
      assignee: "tuky.canbo02",
      start: -56,
      due: -49,
      dueTime: "10:00",
      steps: [
        { k: "progress", d: -53, p: 50, note: "Đã liên hệ bà Hoa, hướng dẫn bổ sung giấy tờ một lần." },
        { k: "submit", d: -49, at: "09:30", text: "Văn bản trả lời và phiếu hướng dẫn đã gửi công dân; hồ sơ đã được tiếp nhận." },
        { k: "approve", d: -48 },
      ],
    },
    {
      title: "Trả lời phản ánh của công dân về thời gian chi trả trợ cấp tuất",
      description:
        "Công dân góp ý qua hòm thư về việc chi trả trợ cấp tuất chậm so với thông báo. Phối hợp bộ phận chi trả kiểm tra, trả lời " +
        "công dân và niêm yết lịch chi trả.",
      deliverable: "Văn bản trả lời và lịch chi trả niêm yết tại Quầy 3",
      source: "feedback",
      ref: "Phiếu góp ý số 07 tại hòm thư góp ý của Trung tâm",
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo04",
      start: -66,
      due: -61,
      steps: [
        { k: "progress", d: -65, p: 60, note: "Đã làm việc với bộ phận chi trả." },
        { k: "submit", d: -63, text: "Đã trả lời công dân và niêm yết lịch chi trả tại Quầy 3." },
        { k: "approve", d: -62 },
      ],
    },
    {
      title: (c) => `Báo cáo số liệu đăng ký hộ kinh doanh quý ${previousQuarterLabel(c.start)}`,
      description: "Tổng hợp số hộ kinh doanh đăng ký mới, thay đổi, tạm ngừng, chấm dứt hoạt động trong quý; đối chiếu với cơ quan thuế.",
      deliverable: "Báo cáo số liệu theo mẫu gửi UBND xã",
      source: "directive",
      ref: (c) => `Công văn số 96/UBND-KT ngày ${fmt(before(c.start, 2))} của UBND xã Tứ Kỳ`,
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo10",
      start: -79,
      due: -71,
      steps: [
        { k: "progress", d: -75, p: 40, note: "Đang chờ số liệu đối chiếu của cơ quan thuế." },
        { k: "submit", d: -69, text: "Báo cáo: 64 hộ đăng ký mới, 19 thay đổi, 7 tạm ngừng, 5 chấm dứt hoạt động." },
        { k: "approve", d: -68, note: "Nộp chậm 02 ngày; lần sau chủ động đối chiếu sớm." },
      ],
    },
    {
      title: "Cập nhật hướng dẫn thành phần hồ sơ trên ki-ốt tra cứu",
      description: "Cập nhật thành phần hồ sơ, biểu mẫu và mức phí, lệ phí của 15 thủ tục thường gặp trên ki-ốt tra cứu tại sảnh Trung tâm.",
      deliverable: "Nội dung ki-ốt được cập nhật, danh sách thủ tục đã cập nhật",
      source: "meeting",
      ref: (c) => `Kết luận giao ban ngày ${fmt(c.start)}`,
      assigner: GD,
      approver: GD,
      assignee: "tuky.canbo09",
      start: -85,
      due: -81,
      dueTime: "11:00",
      steps: [
        { k: "submit", d: -81, at: "10:30", text: "Đã cập nhật 15 thủ tục trên ki-ốt." },
        { k: "approve", d: -80 },
      ],
    },

    // ---- open ----
    {
      title: "Cập nhật dữ liệu hộ tịch điện tử từ sổ giấy năm 2017–2018",
      description:
        "Tiếp tục số hóa sổ hộ tịch lưu trữ: quét, nhập dữ liệu sổ đăng ký khai sinh, kết hôn, khai tử các năm 2017–2018 lên " +
        "Hệ thống thông tin đăng ký và quản lý hộ tịch.",
      deliverable: "Dữ liệu hộ tịch 2017–2018 trên hệ thống và biên bản đối chiếu",
      priority: "high",
      source: "plan",
      ref: "KH 15/KH-TTPVHCC, mục II.3",
      plan: [1, 2],
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo01",
      coworkers: ["tuky.canbo09"],
      start: -8,
      due: 14,
      steps: [
        { k: "progress", d: -6, p: 20, note: "Đã quét sổ khai sinh năm 2017." },
        { k: "progress", d: -2, p: 45, note: "Đã nhập liệu 520/1.150 trường hợp." },
      ],
    },
    {
      title: (c) => `Báo cáo tình hình đăng ký khai sinh, khai tử tháng ${monthLabel(before(c.start, 15))}`,
      description: "Tổng hợp số trường hợp đăng ký khai sinh, khai tử, trong đó số hồ sơ liên thông trực tuyến; nêu khó khăn, vướng mắc.",
      deliverable: "Báo cáo số liệu hộ tịch tháng theo mẫu",
      source: "meeting",
      ref: (c) => `Kết luận giao ban ngày ${fmt(c.start)}`,
      assigner: GD,
      approver: GD,
      assignee: "tuky.canbo01",
      start: -5,
      due: 2,
      dueTime: "16:00",
      steps: [
        { k: "progress", d: -3, p: 70, note: "Đã tổng hợp số liệu, đang viết phần đánh giá." },
        { k: "submit", d: -1, text: "Đăng ký khai sinh 58 trường hợp (liên thông trực tuyến 41), khai tử 17 trường hợp." },
      ],
    },
    {
      title: "Rà soát hồ sơ đất đai quá hạn trên Hệ thống thông tin giải quyết TTHC",
      description:
        "Lọc các hồ sơ lĩnh vực đất đai đang quá hạn trên hệ thống; xác định nguyên nhân từng hồ sơ, đơn vị đang giữ hồ sơ; lập văn " +
        "bản xin lỗi công dân và đề xuất thời hạn trả kết quả mới.",
      deliverable: "Danh sách hồ sơ quá hạn, nguyên nhân, văn bản xin lỗi đã gửi công dân",
      priority: "urgent",
      source: "directive",
      ref: (c) => `Công văn số 87/UBND-VP ngày ${fmt(before(c.start, 1))} của UBND xã Tứ Kỳ về chấn chỉnh hồ sơ quá hạn`,
      plan: [0, 3],
      assigner: GD,
      approver: GD,
      assignee: "tuky.canbo02",
      coworkers: ["tuky.canbo03"],
      start: -15,
      due: -4,
      steps: [
        { k: "progress", d: -12, p: 30, note: "Đã lọc được 14 hồ sơ quá hạn trên hệ thống." },
        { k: "progress", d: -7, p: 55, note: "Đã xác định nguyên nhân 8/14 hồ sơ." },
        { k: "comment", d: -2, who: GD, note: "Nhiệm vụ đã quá hạn, đề nghị báo cáo ngay khó khăn, vướng mắc." },
        {
          k: "comment",
          d: -2,
          at: "14:00",
          who: "tuky.canbo02",
          note: "Còn 06 hồ sơ chờ Văn phòng đăng ký đất đai phản hồi, dự kiến hoàn thành trong tuần.",
        },
      ],
    },
    {
      title: "Rà soát hồ sơ hưởng trợ cấp xã hội hằng tháng theo Nghị định 20/2021/NĐ-CP",
      description:
        "Rà soát điều kiện hưởng của các đối tượng đang nhận trợ cấp xã hội hằng tháng; xác minh các trường hợp có biến động về nhân " +
        "khẩu, thu nhập; đề xuất thôi hưởng hoặc điều chỉnh.",
      deliverable: "Báo cáo rà soát và danh sách đề nghị điều chỉnh",
      source: "directive",
      ref: (c) => `Công văn số 233/UBND-VHXH ngày ${fmt(before(c.start, 2))} của UBND xã Tứ Kỳ`,
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo04",
      start: -10,
      due: 3,
      steps: [
        { k: "progress", d: -8, p: 40, note: "Đã rà soát 130/327 hồ sơ." },
        { k: "extend", d: -2, to: 10, reason: "Chờ kết quả xác minh điều kiện hưởng của 04 thôn, dự kiến có trong tuần sau." },
      ],
    },
    {
      title: "Chuẩn hóa dữ liệu đối tượng bảo trợ xã hội trên cơ sở dữ liệu an sinh xã hội",
      description:
        "Đối chiếu, chuẩn hóa số định danh cá nhân, thông tin thường trú của đối tượng bảo trợ xã hội với Cơ sở dữ liệu quốc gia về " +
        "dân cư; cập nhật trên phần mềm quản lý an sinh xã hội.",
      deliverable: "Dữ liệu đã chuẩn hóa và báo cáo số trường hợp sai lệch",
      source: "plan",
      ref: "KH 15/KH-TTPVHCC, mục II.4",
      plan: [1, 3],
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo05",
      start: -1,
      due: 15,
      steps: [],
    },
    {
      title: "Dự thảo quy trình nội bộ giải quyết thủ tục đăng ký hộ kinh doanh",
      description:
        "Xây dựng dự thảo quy trình nội bộ, quy trình điện tử cho 05 thủ tục đăng ký hộ kinh doanh; xác định rõ bước, người thực hiện " +
        "và thời gian từng bước.",
      deliverable: "Dự thảo quy trình nội bộ kèm lưu đồ",
      source: "plan",
      ref: "KH 12/KH-TTPVHCC, mục II.1",
      plan: [0, 0],
      assigner: GD,
      approver: GD,
      assignee: "tuky.canbo06",
      start: -14,
      due: 4,
      steps: [
        { k: "progress", d: -10, p: 60, note: "Đã dự thảo 03/05 quy trình." },
        { k: "progress", d: -6, p: 90, note: "Đã dự thảo đủ 05 quy trình, đang rà soát thời gian." },
        { k: "submit", d: -4, text: "Dự thảo quy trình nội bộ 05 thủ tục đăng ký hộ kinh doanh." },
        {
          k: "return",
          d: -3,
          note: "Quy trình chưa thể hiện bước luân chuyển hồ sơ giấy giữa Quầy 4 và bộ phận chuyên môn; đề nghị bổ sung lưu đồ và thời gian từng bước.",
        },
      ],
    },
    {
      title: "Chuẩn bị nội dung hội nghị đối thoại với người dân về cải cách hành chính",
      description:
        "Tổng hợp các phản ánh, kiến nghị của người dân trong 6 tháng; chuẩn bị báo cáo đề dẫn, danh sách đại biểu, hội trường và " +
        "phân công trả lời theo lĩnh vực.",
      deliverable: "Báo cáo đề dẫn, kịch bản hội nghị và danh sách đại biểu",
      priority: "high",
      source: "meeting",
      ref: (c) => `Kết luận giao ban ngày ${fmt(c.start)}`,
      assigner: GD,
      approver: GD,
      assignee: "tuky.canbo07",
      coworkers: ["tuky.canbo08"],
      followers: ["tuky.kiemtra"],
      start: -9,
      due: 6,
      steps: [
        { k: "progress", d: -6, p: 30, note: "Đã tổng hợp 42 phản ánh, kiến nghị." },
        { k: "edit", d: -5, note: "Bổ sung đồng chí Dũng phối hợp chuẩn bị hội trường." },
        { k: "progress", d: -2, p: 70, note: "Đã có dự thảo báo cáo đề dẫn và danh sách đại biểu." },
      ],
    },
    {
      title: "Kiểm kê, đề xuất sửa chữa trang thiết bị khu vực tiếp nhận",
      description: "Kiểm kê máy tính, máy in, máy quét, ki-ốt và hệ thống xếp hàng tại khu vực tiếp nhận; đề xuất sửa chữa, thay thế.",
      deliverable: "Biên bản kiểm kê và tờ trình đề xuất sửa chữa",
      priority: "low",
      source: "adhoc",
      ref: "",
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo08",
      start: -6,
      due: 1,
      steps: [
        { k: "progress", d: -4, p: 50, note: "Đã kiểm kê Quầy 1 đến Quầy 3." },
        { k: "submit", d: -1, text: "Biên bản kiểm kê 6 quầy; đề xuất thay 02 máy in, sửa 01 máy quét." },
      ],
    },
    {
      title: "Hướng dẫn người dân sử dụng ki-ốt tra cứu và nộp hồ sơ trực tuyến",
      description:
        "Bố trí viên chức hỗ trợ tại sảnh trong giờ cao điểm, hướng dẫn người dân tra cứu tình trạng hồ sơ và nộp hồ sơ trực tuyến " +
        "bằng tài khoản định danh điện tử.",
      deliverable: "Sổ theo dõi số lượt hướng dẫn và báo cáo tuần",
      source: "meeting",
      ref: (c) => `Kết luận giao ban ngày ${fmt(c.start)}`,
      plan: [1, 1],
      assigner: GD,
      approver: GD,
      assignee: "tuky.canbo09",
      draft: true,
      created: { d: -4, at: "15:00" },
      start: -3,
      due: 8,
      steps: [{ k: "assign", d: -3, at: "08:15" }],
    },
    {
      title: "Rà soát hộ kinh doanh ngừng hoạt động trên địa bàn xã",
      description:
        "Phối hợp trưởng thôn rà soát các hộ kinh doanh đã ngừng hoạt động nhưng chưa làm thủ tục; hướng dẫn hộ kinh doanh thực hiện " +
        "thủ tục chấm dứt hoạt động.",
      deliverable: "Danh sách hộ kinh doanh ngừng hoạt động và kết quả hướng dẫn",
      source: "directive",
      ref: (c) => `Công văn số 102/UBND-KT ngày ${fmt(before(c.start, 1))} của UBND xã Tứ Kỳ`,
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo10",
      start: -12,
      due: -2,
      steps: [{ k: "comment", d: -1, who: PGD, note: "Nhiệm vụ đã quá hạn, đề nghị đồng chí Sơn khẩn trương triển khai và báo cáo." }],
    },
    {
      title: "Kiểm tra công vụ đột xuất việc chấp hành thời gian làm việc tại Trung tâm",
      description:
        "Kiểm tra đột xuất đầu giờ sáng, chiều việc có mặt tại quầy, chấm công và thái độ phục vụ; lập biên bản, đề xuất chấn chỉnh.",
      deliverable: "Biên bản kiểm tra và báo cáo kết quả",
      source: "directive",
      ref: "Kế hoạch số 05/KH-TTPVHCC về kiểm tra công vụ",
      assigner: GD,
      approver: GD,
      assignee: "tuky.kiemtra",
      start: -7,
      due: 8,
      steps: [{ k: "progress", d: -3, p: 50, note: "Đã kiểm tra 02 lần, lập 02 biên bản." }],
    },
    {
      title: "Số hóa kết quả giải quyết TTHC lĩnh vực đất đai",
      description:
        "Số hóa kết quả giải quyết thủ tục hành chính lĩnh vực đất đai còn hiệu lực, cập nhật vào kho quản lý dữ liệu điện tử để tái " +
        "sử dụng khi công dân làm thủ tục tiếp theo.",
      deliverable: "Kết quả đã số hóa, có danh mục và báo cáo tỷ lệ hoàn thành",
      priority: "high",
      source: "plan",
      ref: "KH 15/KH-TTPVHCC, mục II.1",
      plan: [1, 0],
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo03",
      coworkers: ["tuky.canbo09"],
      start: -20,
      due: 20,
      steps: [
        { k: "progress", d: -15, p: 20, note: "Đã số hóa 210 kết quả." },
        { k: "progress", d: -5, p: 45, note: "Đã số hóa 480 kết quả." },
      ],
    },
    {
      title: "Báo cáo kết quả thực hiện Đề án 06 tại Trung tâm",
      description:
        "Báo cáo kết quả triển khai Đề án 06 tại Trung tâm: số thủ tục liên thông, số hồ sơ sử dụng dữ liệu dân cư, tài khoản định " +
        "danh điện tử được hỗ trợ kích hoạt; khó khăn, kiến nghị.",
      deliverable: "Báo cáo kết quả theo đề cương của UBND xã",
      priority: "high",
      source: "directive",
      ref: (c) => `Công văn số 150/UBND-CA ngày ${fmt(before(c.start, 2))} của UBND xã Tứ Kỳ`,
      assigner: GD,
      approver: GD,
      assignee: "tuky.canbo07",
      start: -11,
      due: -3,
      dueTime: "16:00",
      steps: [
        { k: "progress", d: -6, p: 60, note: "Đã tổng hợp số liệu từ các quầy." },
        { k: "submit", d: -2, text: "Báo cáo kết quả Đề án 06; nộp chậm do chờ số liệu của Công an xã." },
      ],
    },
    {
      title: (c) => `Phối hợp chi trả trợ cấp ưu đãi người có công tháng ${monthLabel(c.start)}`,
      description: "Phối hợp đơn vị chi trả lập danh sách, thông báo lịch chi trả tới các thôn và theo dõi kết quả chi trả.",
      deliverable: "Danh sách chi trả có ký nhận và báo cáo kết quả",
      source: "directive",
      ref: (c) => `Công văn số 241/UBND-VHXH ngày ${fmt(before(c.start, 1))} của UBND xã Tứ Kỳ`,
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo05",
      coworkers: ["tuky.canbo04"],
      start: -6,
      due: 5,
      steps: [{ k: "progress", d: -3, p: 60, note: "Đã thông báo lịch chi trả tới 12 thôn." }],
    },

    // ---- cancelled ----
    {
      title: "Tổ chức tập huấn sử dụng phần mềm một cửa điện tử phiên bản mới",
      description: "Tổ chức 02 buổi tập huấn cho công chức các quầy về các chức năng mới của phần mềm một cửa điện tử.",
      deliverable: "Tài liệu tập huấn và danh sách học viên",
      source: "directive",
      ref: "Công văn số 55/SKHCN-CĐS của Sở Khoa học và Công nghệ",
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo06",
      start: -25,
      due: -15,
      steps: [
        { k: "progress", d: -22, p: 10, note: "Đã liên hệ đơn vị cung cấp phần mềm." },
        { k: "cancel", d: -20, note: "Sở Khoa học và Công nghệ hoãn nâng cấp phần mềm; nhiệm vụ không còn cần thiết." },
      ],
    },
    {
      title: "Cập nhật danh bạ đường dây nóng tại bảng tin Trung tâm",
      description: "Cập nhật số điện thoại đường dây nóng của lãnh đạo UBND xã và Trung tâm tại bảng tin và các quầy.",
      deliverable: "Bảng tin được cập nhật",
      priority: "low",
      source: "meeting",
      ref: (c) => `Kết luận giao ban ngày ${fmt(c.start)}`,
      assigner: GD,
      approver: GD,
      assignee: "tuky.canbo09",
      start: -44,
      due: -40,
      steps: [{ k: "cancel", d: -43, note: "Trùng với nhiệm vụ cập nhật niêm yết công khai đã giao; gộp vào nhiệm vụ đó." }],
    },

    // ---- drafts (with gaps) ----
    {
      title: "Xây dựng phương án bố trí quầy tiếp nhận giờ cao điểm",
      description: "Phân tích lượng khách theo giờ trong 3 tháng gần nhất, đề xuất bố trí thêm quầy và luân phiên công chức giờ cao điểm.",
      deliverable: "",
      source: "meeting",
      ref: (c) => `Kết luận giao ban ngày ${fmt(before(c.start, 3))}`,
      assigner: GD,
      approver: GD,
      assignee: null,
      draft: true,
      created: { d: -2, at: "17:05" },
      start: 2,
      due: 12,
      steps: [],
    },
    {
      title: "Khảo sát nhu cầu lắp đặt hệ thống xếp hàng tự động",
      description: "Khảo sát lượng khách, thời gian chờ và các giải pháp hệ thống xếp hàng tự động; đề xuất cấu hình và dự toán.",
      deliverable: "Báo cáo khảo sát và dự toán kinh phí",
      priority: "low",
      source: "directive",
      ref: "",
      assigner: PGD,
      approver: PGD,
      assignee: "tuky.canbo08",
      draft: true,
      created: { d: -1, at: "10:20" },
      start: 3,
      due: null,
      steps: [],
    },
  ];
}

/** The monthly centre report: one occurrence per month for the current month and the three before. */
function seriesTasks(today: string, cal: CalendarFn): { series: { id: string; templateTaskId: string }; specs: TaskSpec[] } {
  const seriesId = randomUUID();
  const [y, m] = today.split("-").map(Number) as [number, number];
  const yesterday = addWorkingDays(today, -1, cal);
  const specs: TaskSpec[] = [];
  for (let k = 3; k >= 0; k--) {
    const first = new Date(Date.UTC(y, m - 1 - k, 1)).toISOString().slice(0, 10);
    const period = periodOf(first, "monthly");
    const due = occurrenceDeadline(period.start, period.end, 24);
    // Generated on the last working day before the month starts.
    let assignDay = addWorkingDays(period.start, -1, cal);
    if (k === 0 && assignDay >= yesterday) assignDay = addWorkingDays(today, -2, cal);
    const lastWorkingByDue = cal(due).kind === "working" || cal(due).kind === "makeup" ? due : addWorkingDays(due, -1, cal);
    const min = (a: string, b: string) => (a < b ? a : b);
    let steps: Step[];
    if (k === 0) {
      steps = [{ k: "progress", d: yesterday, at: "15:00", p: 40, note: "Đã tổng hợp số liệu tiếp nhận, giải quyết hồ sơ từ đầu tháng." }];
    } else {
      // The oldest is late, the next early, the last by its deadline.
      const submitDay = k === 3 ? addWorkingDays(due, 2, cal) : k === 2 ? addWorkingDays(due, -2, cal) : lastWorkingByDue;
      steps = [
        { k: "progress", d: addWorkingDays(due, -6, cal), p: 60, note: "Đã có số liệu các quầy, đang viết phần đánh giá." },
        {
          k: "submit",
          d: submitDay,
          at: "10:00",
          text: `Báo cáo tình hình hoạt động tháng ${period.key.slice(5)}/${period.key.slice(0, 4)}, kèm phụ lục số liệu.`,
        },
        { k: "approve", d: min(addWorkingDays(submitDay, 1, cal), yesterday), note: k === 3 ? "Nộp chậm so với thời hạn." : "Đã ký, gửi UBND xã." },
      ];
    }
    specs.push({
      id: randomUUID(),
      title: `Báo cáo tình hình hoạt động của Trung tâm tháng ${period.key.slice(5)}/${period.key.slice(0, 4)}`,
      description:
        "Tổng hợp tình hình tiếp nhận, giải quyết thủ tục hành chính, kỷ luật, kỷ cương và các nhiệm vụ trọng tâm trong tháng; " +
        "đề xuất nhiệm vụ tháng tiếp theo.",
      deliverable: "Báo cáo tháng gửi UBND xã theo mẫu, kèm phụ lục số liệu",
      source: "directive",
      ref: "Công văn số 02/UBND-VP của UBND xã Tứ Kỳ về chế độ báo cáo định kỳ",
      assigner: GD,
      approver: GD,
      assignee: "tuky.canbo09",
      followers: [PGD],
      start: period.start,
      due,
      created: { d: assignDay, at: "16:30" },
      series: { id: seriesId, key: period.key },
      steps,
    });
  }
  return { series: { id: seriesId, templateTaskId: specs[0]!.id! }, specs };
}

function anPhuTasks(): TaskSpec[] {
  return [
    {
      org: "an-phu",
      title: "Báo cáo kết quả giải quyết TTHC của Trung tâm xã An Phú",
      description: "Tổng hợp số hồ sơ tiếp nhận, giải quyết, trả kết quả trong tháng; nêu hồ sơ quá hạn và nguyên nhân.",
      deliverable: "Báo cáo số liệu gửi UBND xã An Phú",
      source: "meeting",
      ref: (c) => `Kết luận giao ban ngày ${fmt(c.start)}`,
      assigner: "anphu.giamdoc",
      approver: "anphu.giamdoc",
      assignee: "anphu.canbo01",
      start: -12,
      due: -8,
      steps: [
        { k: "submit", d: -9, text: "Tiếp nhận 512 hồ sơ, đúng hạn 99,2%." },
        { k: "approve", d: -8 },
      ],
    },
    {
      org: "an-phu",
      title: "Số hóa hồ sơ chứng thực lưu trữ tại Trung tâm xã An Phú",
      description: "Quét, số hóa sổ chứng thực lưu trữ, cập nhật vào kho dữ liệu điện tử.",
      deliverable: "Sổ chứng thực đã số hóa và danh mục",
      source: "adhoc",
      ref: "",
      assigner: "anphu.giamdoc",
      approver: "anphu.giamdoc",
      assignee: "anphu.canbo02",
      coworkers: ["anphu.canbo01"],
      start: -6,
      due: 6,
      steps: [{ k: "progress", d: -3, p: 40, note: "Đã số hóa 4/10 quyển sổ." }],
    },
  ];
}

/**
 * A few finished tasks at each of the two small centres (demo/seed/org.ts SMALL_CENTRES), so the
 * city's oversight group compares real figures: most approved on time, one late at Thanh Hà.
 */
function smallCentreTasks(): TaskSpec[] {
  const jobs: { title: string; deliverable: string }[] = [
    { title: "Niêm yết công khai thủ tục hành chính mới ban hành", deliverable: "Bảng niêm yết và ảnh chụp tại Trung tâm" },
    { title: "Tổng hợp số liệu hồ sơ TTHC tháng", deliverable: "Bảng tổng hợp gửi UBND xã" },
    { title: "Rà soát hồ sơ chứng thực lưu trữ", deliverable: "Danh mục hồ sơ đã rà soát" },
    { title: "Hướng dẫn người dân nộp hồ sơ trực tuyến", deliverable: "Sổ theo dõi lượt hướng dẫn" },
  ];
  const specs: TaskSpec[] = [];
  for (const [org, prefix, place] of [
    ["gia-loc", "gialoc", "Gia Lộc"],
    ["thanh-ha", "thanhha", "Thanh Hà"],
  ] as const) {
    jobs.forEach((j, i) => {
      const start = -40 + i * 8;
      const late = org === "thanh-ha" && i === 1;
      specs.push({
        org,
        title: `${j.title} — Trung tâm xã ${place}`,
        description: `${j.title} theo kế hoạch của Trung tâm.`,
        deliverable: j.deliverable,
        source: "adhoc",
        ref: "",
        assigner: `${prefix}.giamdoc`,
        approver: `${prefix}.giamdoc`,
        assignee: `${prefix}.canbo0${(i % 3) + 1}`,
        start,
        due: start + 5,
        steps: [
          { k: "submit", d: late ? start + 7 : start + 4, text: "Đã hoàn thành, gửi kết quả." },
          { k: "approve", d: late ? start + 8 : start + 5 },
        ],
      });
    });
  }
  return specs;
}

// ---- playing a task's story ----

interface Built {
  task: Selectable<TasksTable>;
  members: TaskMembersTable[];
  events: TaskEventsTable[];
  submissions: TaskSubmissionsTable[];
  extensions: TaskExtensionsTable[];
}

interface Env {
  s: SeedContext;
  now: Date;
  day: (d: Day) => string;
  plans: { id: string; items: string[] }[];
}

function buildTask(spec: TaskSpec, env: Env): Built {
  const { s, day } = env;
  const orgId = s.orgs[spec.org ?? "tu-ky"]!.id;
  const fail = (msg: string): never => {
    throw new Error(`Demo task "${typeof spec.title === "string" ? spec.title : "(dated title)"}": ${msg}`);
  };
  const member = (username: string) => {
    const m = s.members[username];
    if (!m || m.orgId !== orgId) fail(`unknown member ${username}`);
    return m!.membershipId;
  };

  const id = spec.id ?? randomUUID();
  const start = spec.start === null ? null : day(spec.start);
  const due = spec.due === null ? null : day(spec.due);
  const dates: Dates = { start: start ?? due ?? day(0), due: due ?? start ?? day(0) };
  const text = (t: Text) => (typeof t === "string" ? t : t(dates));
  const title = text(spec.title);
  const assignerId = member(spec.assigner);
  const assigneeId = spec.assignee ? member(spec.assignee) : null;
  const approverId = spec.approver ? member(spec.approver) : null;
  const coworkers = (spec.coworkers ?? []).map(member);
  const followers = (spec.followers ?? []).map(member);
  const plan = spec.plan ? env.plans[spec.plan[0]]! : null;
  const deadlineAt = due ? deadlineInstant(due, spec.dueTime ?? null).toISOString() : null;

  const relationOf = (username: string): TaskRelation => {
    const mid = member(username);
    return {
      assignee: mid === assigneeId,
      assigner: mid === assignerId,
      approver: mid === approverId,
      coworker: coworkers.includes(mid),
      follower: followers.includes(mid),
      manager: MANAGERS.has(username),
    };
  };

  const t: Selectable<TasksTable> = {
    id,
    org_id: orgId,
    title,
    title_search: normalizeSearch(title),
    description: text(spec.description),
    status: "draft",
    priority: spec.priority ?? "normal",
    assigner_id: assignerId,
    assignee_id: assigneeId,
    approver_id: approverId,
    source_kind: spec.source,
    source_ref: text(spec.ref),
    deliverable: spec.deliverable,
    start_date: start,
    deadline_date: due,
    deadline_time: due ? (spec.dueTime ?? null) : null,
    deadline_at: deadlineAt,
    original_deadline_date: due,
    original_deadline_time: due ? (spec.dueTime ?? null) : null,
    original_deadline_at: deadlineAt,
    plan_id: plan?.id ?? null,
    plan_item_id: plan && spec.plan ? plan.items[spec.plan[1]]! : null,
    progress: 0,
    series_id: spec.series?.id ?? null,
    occurrence_key: spec.series?.key ?? null,
    assigned_at: null,
    completed_at: null,
    timeliness: null,
    timeliness_original: null,
    return_count: 0,
    extension_count: 0,
    cancel_reason: null,
    version: 1,
    created_at: "",
    updated_at: "",
    submitted_at: null,
    missed_deadline_at: null,
  };

  const events: TaskEventsTable[] = [];
  const submissions: TaskSubmissionsTable[] = [];
  const extensions: TaskExtensionsTable[] = [];
  let last = 0;
  const stamp = (d: Day, hhmm: string): string => {
    let ms = vnAt(day(d), hhmm).getTime();
    if (ms <= last) ms = last + 10 * 60_000; // two events the same day: keep them in order
    if (ms >= env.now.getTime()) fail(`event at ${new Date(ms).toISOString()} is not before now`);
    last = ms;
    return new Date(ms).toISOString();
  };
  const event = (at: string, actor: string, kind: TaskEventKind, extra: { note?: string; progress?: number; data?: Record<string, unknown> } = {}) =>
    events.push({
      id: randomUUID(),
      org_id: orgId,
      task_id: id,
      actor_id: actor,
      kind,
      progress: extra.progress ?? null,
      note: extra.note ?? "",
      data: JSON.stringify(extra.data ?? {}),
      created_at: at,
    });
  const issue = (at: string) => {
    const missing = missingSixClear({
      title: t.title,
      description: t.description,
      assigneeId: t.assignee_id,
      assignerId: t.assigner_id,
      approverId: t.approver_id,
      startDate: t.start_date,
      deadlineDate: t.deadline_date,
      deliverable: t.deliverable,
      sourceKind: t.source_kind,
      sourceRef: t.source_ref,
    });
    if (missing.length) fail(`cannot be assigned, missing ${missing.join(", ")}`);
    t.status = "assigned";
    t.assigned_at = at;
  };

  // Creation: a draft, or issued at once.
  const createdAt = stamp(spec.created?.d ?? start ?? -3, spec.created?.at ?? DEFAULT_TIME.created);
  t.created_at = t.updated_at = createdAt;
  if (spec.draft) {
    event(createdAt, assignerId, "created", { data: { title, recurrence: "none" } });
  } else {
    issue(createdAt);
    event(createdAt, assignerId, "assigned", { data: { title, recurrence: spec.series ? "monthly" : "none" } });
  }

  for (const st of spec.steps) {
    const actor =
      st.k === "comment"
        ? st.who
        : st.k === "progress"
          ? (st.who ?? spec.assignee!)
          : st.k === "submit" || st.k === "extend"
            ? spec.assignee!
            : st.k === "approve" || st.k === "return" || st.k === "grant" || st.k === "refuse"
              ? spec.approver!
              : spec.assigner;
    if (!allowed(ACTION[st.k], t.status as TaskStatus, relationOf(actor))) fail(`${actor} may not ${st.k} when ${t.status}`);
    const actorId = member(actor);
    const at = stamp(st.d, st.at ?? DEFAULT_TIME[st.k]);
    const pending = extensions.find((x) => x.status === "pending");
    if (st.k !== "comment") {
      t.version += 1;
      t.updated_at = at;
    }
    switch (st.k) {
      case "assign":
        issue(at);
        event(at, actorId, "assigned");
        break;
      case "edit":
        event(at, actorId, "edited", { note: st.note });
        break;
      case "progress":
        t.progress = st.p;
        if (t.status !== "returned") t.status = "in_progress";
        event(at, actorId, "progress", { progress: st.p, note: st.note, data: { percent: st.p } });
        break;
      case "submit": {
        const submissionId = randomUUID();
        submissions.push({
          id: submissionId,
          org_id: orgId,
          task_id: id,
          submitted_by: actorId,
          text: st.text,
          submitted_at: at,
          decision: null,
          decided_by: null,
          decided_at: null,
          decision_note: "",
        });
        t.status = "submitted";
        t.submitted_at = at;
        event(at, actorId, "submitted", { note: st.text, data: { submissionId } });
        break;
      }
      case "approve":
      case "return": {
        const sub = submissions.findLast((x) => x.decision === null) ?? fail("no submission to decide");
        Object.assign(sub, { decision: st.k === "approve" ? "accepted" : "returned", decided_by: actorId, decided_at: at, decision_note: st.note ?? "" });
        if (st.k === "approve") {
          const completedAt = new Date(sub.submitted_at);
          const cal = calFor(completedAt.getUTCFullYear());
          t.status = "done";
          t.progress = 100;
          t.completed_at = sub.submitted_at;
          const timing = completionTimeliness(
            completedAt,
            {
              deadline: { date: t.deadline_date!, time: t.deadline_time },
              original: { date: t.original_deadline_date!, time: t.original_deadline_time },
              missedDeadlineAt: t.missed_deadline_at,
            },
            cal,
          );
          t.timeliness = timing.timeliness;
          t.timeliness_original = timing.timelinessOriginal;
          event(at, actorId, "approved", { note: st.note });
        } else {
          t.status = "returned";
          t.return_count += 1;
          event(at, actorId, "returned", { note: st.note });
        }
        break;
      }
      case "extend": {
        if (pending) fail("an extension is already pending");
        const date = day(st.to);
        const time = st.toTime ?? null;
        if (deadlineInstant(date, time) <= deadlineInstant(t.deadline_date!, t.deadline_time)) fail("extension not later than the deadline");
        const extensionId = randomUUID();
        extensions.push({
          id: extensionId,
          org_id: orgId,
          task_id: id,
          requested_by: actorId,
          from_deadline_date: t.deadline_date!,
          from_deadline_time: t.deadline_time,
          requested_date: date,
          requested_time: time,
          reason: st.reason,
          status: "pending",
          decided_by: null,
          decided_at: null,
          decision_note: "",
          created_at: at,
        });
        event(at, actorId, "extensionRequested", { note: st.reason, data: { extensionId, date, time } });
        break;
      }
      case "grant":
      case "refuse": {
        const ext = pending ?? fail("no pending extension");
        Object.assign(ext, { status: st.k === "grant" ? "granted" : "refused", decided_by: actorId, decided_at: at, decision_note: st.note ?? "" });
        if (st.k === "grant") {
          t.deadline_date = ext.requested_date;
          t.deadline_time = ext.requested_time;
          t.deadline_at = deadlineInstant(ext.requested_date, ext.requested_time).toISOString();
          t.extension_count += 1;
          t.missed_deadline_at = missedDeadlineAfterGrant(t.missed_deadline_at, {
            createdAt: ext.created_at,
            fromDate: ext.from_deadline_date,
            fromTime: ext.from_deadline_time,
          });
        }
        event(at, actorId, st.k === "grant" ? "extensionGranted" : "extensionRefused", {
          note: st.note,
          data: { extensionId: ext.id, date: ext.requested_date, time: ext.requested_time },
        });
        break;
      }
      case "comment":
        event(at, actorId, "comment", { note: st.note });
        break;
      case "cancel":
        t.status = "cancelled";
        t.cancel_reason = st.note;
        if (pending) Object.assign(pending, { status: "refused", decided_at: at });
        event(at, actorId, "cancelled", { note: st.note });
        break;
    }
  }

  const members = new Map<string, TaskMembersTable["role"]>();
  for (const m of followers) members.set(m, "follower");
  for (const m of coworkers) members.set(m, "coworker");
  if (assigneeId) members.delete(assigneeId);
  return {
    task: t,
    members: [...members].map(([membership_id, role]) => ({ task_id: id, org_id: orgId, membership_id, role })),
    events,
    submissions,
    extensions,
  };
}

// ---- the step ----

export async function seedTasks(s: SeedContext): Promise<void> {
  const today = vnDateOf(s.now);
  const year = Number(today.slice(0, 4));
  const cal = calFor(year);
  const day = (d: Day) => (typeof d === "string" ? d : d === 0 ? today : addWorkingDays(today, d, cal));

  // Plans of the current year, adopted in early January (or before their first task, if later).
  const tuKy = s.orgs["tu-ky"]!.id;
  const planCreated = vnAt(`${year}-01-06`, "09:00") < s.now ? vnAt(`${year}-01-06`, "09:00") : new Date(s.now.getTime() - 86_400_000);
  const plans: Env["plans"] = [];
  for (const p of PLANS) {
    const planId = randomUUID();
    await s.db
      .insertInto("plans")
      .values({ id: planId, org_id: tuKy, title: p.title(year), year, reference: p.reference, created_at: planCreated.toISOString() })
      .execute();
    const items = p.items.map((it) => ({ id: randomUUID(), org_id: tuKy, plan_id: planId, kind: it.kind, title: it.title, created_at: planCreated.toISOString() }));
    await s.db.insertInto("plan_items").values(items).execute();
    plans.push({ id: planId, items: items.map((i) => i.id) });
  }

  const env: Env = { s, now: s.now, day, plans };
  const monthly = seriesTasks(today, cal);
  const specs = [...tuKyTasks(), ...monthly.specs, ...anPhuTasks(), ...smallCentreTasks()];
  const built = specs.map((spec) => buildTask(spec, env));

  const template = built.find((b) => b.task.id === monthly.series.templateTaskId)!;
  await s.db
    .insertInto("task_series")
    .values({
      id: monthly.series.id,
      org_id: tuKy,
      template_task_id: monthly.series.templateTaskId,
      frequency: "monthly",
      deadline_offset_days: 24,
      active: 1,
      created_at: template.task.created_at,
    })
    .execute();

  for (const b of built) {
    await s.db.insertInto("tasks").values(b.task).execute();
    if (b.members.length) await s.db.insertInto("task_members").values(b.members).execute();
    await s.db.insertInto("task_events").values(b.events).execute();
    if (b.submissions.length) await s.db.insertInto("task_submissions").values(b.submissions).execute();
    if (b.extensions.length) await s.db.insertInto("task_extensions").values(b.extensions).execute();
  }
}
