import { formatNumber, type NumberLocale } from "~/utils/number";
import { errorText } from "../errors";
// UI strings of the leave pages. Vietnamese is the source; English must have the same keys.
const vi = {
  title: "Nghỉ phép",
  intro: "Đăng ký nghỉ phép năm, nghỉ ốm, đi công tác, nghỉ việc riêng; theo dõi đơn và số ngày phép còn lại.",
  kinds: {
    annual: "Nghỉ phép năm",
    sick: "Nghỉ ốm",
    business: "Đi công tác",
    personal_paid: "Nghỉ việc riêng có lương",
    personal_unpaid: "Nghỉ việc riêng không lương",
  },
  parts: {
    full: "Cả ngày",
    morning: "Buổi sáng",
    afternoon: "Buổi chiều",
  },
  status: {
    pending: "Chờ duyệt",
    approved: "Đã duyệt",
    refused: "Không duyệt",
    cancelled: "Đã hủy",
  },
  form: {
    heading: "Đăng ký nghỉ",
    kind: "Loại nghỉ",
    startDate: "Từ ngày",
    endDate: "Đến ngày",
    part: "Thời gian nghỉ",
    partFull: "Nghỉ cả ngày",
    partMorning: "Nửa ngày – buổi sáng",
    partAfternoon: "Nửa ngày – buổi chiều",
    partHint: "Nghỉ nửa ngày chỉ áp dụng khi “Từ ngày” và “Đến ngày” là cùng một ngày.",
    daysHint: "Số ngày nghỉ tính theo ngày làm việc của Trung tâm: không tính thứ Bảy, Chủ nhật, ngày nghỉ lễ, Tết; có tính ngày làm bù.",
    reason: "Lý do",
    reasonHint: "Ví dụ: Việc gia đình; Khám bệnh; Dự tập huấn nghiệp vụ tại UBND tỉnh.",
    submit: "Gửi đơn",
  },
  balance: {
    heading: "Phép năm {year}",
    entitlement: "Được nghỉ",
    taken: "Đã nghỉ",
    pending: "Đang chờ duyệt",
    remaining: "Còn lại",
    days: "{n} ngày",
    basis: "{base} ngày, cộng {extra} ngày thâm niên ({years} năm công tác tính đến 01/01/{year}).",
    basisNoExtra: "{base} ngày; cứ đủ {per} năm công tác được cộng thêm 1 ngày.",
    afterPending: "Nếu các đơn đang chờ được duyệt, còn {n} ngày.",
  },
  mine: {
    heading: "Đơn của tôi",
    empty: "Bạn chưa có đơn nghỉ nào.",
    cancel: "Hủy đơn",
    decidedBy: "{name} – {time}",
    note: "Ý kiến: {note}",
  },
  pending: {
    heading: "Đơn chờ duyệt",
    empty: "Không có đơn nào chờ duyệt.",
    note: "Ý kiến của lãnh đạo",
    noteHint: "Bắt buộc khi không duyệt.",
    approve: "Duyệt",
    refuse: "Không duyệt",
    yours: "Đơn của bạn – cần lãnh đạo khác duyệt.",
    balanceLine: "Phép năm {year}: còn {remaining}/{entitlement} ngày, đang chờ {pending} ngày.",
    sentAt: "Gửi lúc {time}",
  },
  today: {
    heading: "Nghỉ hôm nay ({date})",
    empty: "Hôm nay không ai nghỉ.",
    until: "đến hết {date}",
  },
  range: "{from} – {to}",
  daysCount: "{n} ngày",
  halfDayCount: "nửa ngày",
  errors: {
    leaveReasonRequired: "Vui lòng nêu lý do nghỉ (ít nhất 3 ký tự).",
    leaveEndBeforeStart: "“Đến ngày” không được trước “Từ ngày”.",
    leaveTooLong: "Một đơn nghỉ dài tối đa 90 ngày. Vui lòng tách thành nhiều đơn.",
    halfDaySingleDate: "Chỉ chọn nghỉ nửa ngày khi “Từ ngày” và “Đến ngày” là cùng một ngày.",
    noWorkingDays: "Khoảng thời gian này không có ngày làm việc nào (chỉ gồm ngày nghỉ cuối tuần, nghỉ lễ, Tết).",
    notWorkingDay: "Ngày này không phải ngày làm việc của Trung tâm.",
    leaveOverlap: "Trùng với đơn nghỉ khác của bạn ({value}) đang chờ duyệt hoặc đã được duyệt.",
    overBalance: "Vượt quá số ngày phép năm còn lại: bạn chỉ còn {value} ngày (đã trừ các ngày đang chờ duyệt).",
    overBalanceApprove: "Không đủ ngày phép năm: người đề nghị chỉ còn {value} ngày.",
    annualCrossesYear: "Phép năm tính theo từng năm: vui lòng tách thành hai đơn, một đơn kết thúc ngày 31/12.",
    leaveTooFarBack: "Chỉ đăng ký bổ sung được cho các ngày trong vòng 30 ngày trước.",
    leaveTooFarAhead: "Chỉ đăng ký trước được tối đa một năm.",
    refusalNoteRequired: "Vui lòng nêu lý do không duyệt.",
    notPending: "Đơn này đã được xử lý hoặc đã hủy. Vui lòng tải lại trang.",
    ownRequest: "Bạn không thể tự duyệt đơn của mình; đề nghị lãnh đạo khác duyệt.",
  },
  proRata: {
    line: "Làm việc {months}/12 tháng trong năm {year}: {full} ngày × {months}/12 = {exact} → {days} ngày (làm tròn xuống nửa ngày).",
    basis: "Chưa đủ 12 tháng làm việc trong năm: phép năm tính theo tỷ lệ số tháng làm việc (Bộ luật Lao động 2019, Điều 113 khoản 2; Nghị định 145/2020/NĐ-CP, Điều 66). Một tháng được tính khi làm việc từ một nửa số ngày làm việc của tháng trở lên.",
  },
};

const en: typeof vi = {
  title: "Leave",
  intro: "Request annual leave, sick leave, business trips and personal leave; follow your requests and the annual leave you have left.",
  kinds: {
    annual: "Annual leave",
    sick: "Sick leave",
    business: "Business trip",
    personal_paid: "Personal leave (paid)",
    personal_unpaid: "Personal leave (unpaid)",
  },
  parts: {
    full: "Whole day",
    morning: "Morning",
    afternoon: "Afternoon",
  },
  status: {
    pending: "Pending",
    approved: "Approved",
    refused: "Refused",
    cancelled: "Cancelled",
  },
  form: {
    heading: "Request leave",
    kind: "Kind of leave",
    startDate: "From",
    endDate: "To",
    part: "Length",
    partFull: "Whole days",
    partMorning: "Half day – morning",
    partAfternoon: "Half day – afternoon",
    partHint: "A half day is only possible when “From” and “To” are the same date.",
    daysHint: "Days are counted in the centre's working days: Saturdays, Sundays and public holidays do not count; make-up working days do.",
    reason: "Reason",
    reasonHint: "For example: family matters; medical appointment; training at the provincial People's Committee.",
    submit: "Send request",
  },
  balance: {
    heading: "Annual leave {year}",
    entitlement: "Entitled",
    taken: "Taken",
    pending: "Pending",
    remaining: "Left",
    days: "{n} days",
    basis: "{base} days plus {extra} for seniority ({years} years of service at 01/01/{year}).",
    basisNoExtra: "{base} days; one more day for every {per} full years of service.",
    afterPending: "If the pending requests are approved, {n} days will be left.",
  },
  mine: {
    heading: "My requests",
    empty: "You have no leave requests yet.",
    cancel: "Cancel request",
    decidedBy: "{name} – {time}",
    note: "Note: {note}",
  },
  pending: {
    heading: "Requests to decide",
    empty: "No requests are waiting for a decision.",
    note: "Leader's note",
    noteHint: "Required to refuse.",
    approve: "Approve",
    refuse: "Refuse",
    yours: "Your own request – another leader must decide it.",
    balanceLine: "Annual leave {year}: {remaining} of {entitlement} days left, {pending} pending.",
    sentAt: "Sent {time}",
  },
  today: {
    heading: "On leave today ({date})",
    empty: "Nobody is on leave today.",
    until: "until {date}",
  },
  range: "{from} – {to}",
  daysCount: "{n} days",
  halfDayCount: "half a day",
  errors: {
    leaveReasonRequired: "Please give a reason (at least 3 characters).",
    leaveEndBeforeStart: "“To” cannot be before “From”.",
    leaveTooLong: "A request covers at most 90 days. Please split it into several requests.",
    halfDaySingleDate: "A half day is only possible when “From” and “To” are the same date.",
    noWorkingDays: "There is no working day in this period (only weekends and public holidays).",
    notWorkingDay: "This date is not a working day of the centre.",
    leaveOverlap: "This overlaps another of your requests ({value}) that is pending or approved.",
    overBalance: "More than your annual leave left: you have only {value} days (pending requests included).",
    overBalanceApprove: "Not enough annual leave: the requester has only {value} days left.",
    annualCrossesYear: "Annual leave is counted per year: please make two requests, one ending on 31/12.",
    leaveTooFarBack: "Requests can be entered afterwards only for the last 30 days.",
    leaveTooFarAhead: "Requests can be made at most one year ahead.",
    refusalNoteRequired: "Please give the reason for refusing.",
    notPending: "This request has already been decided or cancelled. Please reload the page.",
    ownRequest: "You cannot decide your own request; another leader must.",
  },
  proRata: {
    line: "Worked {months}/12 months in {year}: {full} days × {months}/12 = {exact} → {days} days (rounded down to a half day).",
    basis: "Fewer than 12 months with the centre this year: annual leave is pro rata to the months worked (Labour Code 2019, Article 113(2); Decree 145/2020/ND-CP, Article 66). A month counts when at least half its working days were worked.",
  },
};

export const leaveMessages = { vi, en };

/** A number of days as the language writes it (2,5 in Vietnamese). */
export function leaveDaysText(t: { locale: NumberLocale }, n: number): string {
  return formatNumber(n, t.locale, { maxDecimals: 1 });
}

/**
 * The message of an error key from the leave forms: the leave section's own first, then the common
 * ones. A key may carry one value after a '|' (e.g. 'overBalance|2.5'), filled in for {value}.
 */
export function leaveErrorText(t: { locale: NumberLocale; leave: typeof vi; errors: Record<string, string> }, key: string | undefined): string | undefined {
  return errorText(t, key, t.leave.errors as Record<string, string>, (raw) => (/^\d+(\.\d+)?$/.test(raw) ? leaveDaysText(t, Number(raw)) : raw));
}
