import { formatNumber, formatShare, type NumberLocale } from "~/utils/number";
import { errorText } from "../errors";
// UI strings of the evaluation pages (NĐ 335/2025/NĐ-CP). Vietnamese is the source; English must
// have the same keys.
const vi = {
  title: "Đánh giá, xếp loại",
  memberTitle: "Đánh giá, xếp loại – {name}",
  intro:
    "Chấm điểm công chức theo Nghị định 335/2025/NĐ-CP, thang điểm 100: 70 điểm kết quả thực hiện nhiệm vụ, tính tự động từ các công việc đến hạn trong kỳ; 30 điểm tiêu chí chung do lãnh đạo chấm, có nhận xét.",
  introOwn: "Kết quả đánh giá, xếp loại của bạn theo Nghị định 335/2025/NĐ-CP. Bạn có thể viết tự đánh giá trước khi lãnh đạo chốt kết quả.",
  period: {
    label: "Kỳ đánh giá",
    month: "Tháng {m}/{y}",
    quarter: "Quý {q}/{y}",
    year: "Năm {y}",
    show: "Xem",
    previous: "Kỳ trước",
    next: "Kỳ sau",
    months: "Theo tháng",
    quarters: "Theo quý",
    years: "Cả năm",
  },
  bands: {
    excellent: "Hoàn thành xuất sắc nhiệm vụ",
    good: "Hoàn thành tốt nhiệm vụ",
    completed: "Hoàn thành nhiệm vụ",
    failed: "Không hoàn thành nhiệm vụ",
  },
  noBand: "Chưa xếp loại",
  status: {
    none: "Chưa đánh giá",
    draft: "Đang đánh giá",
    finalised: "Đã chốt",
  },
  cols: {
    name: "Họ và tên",
    tasks: "Công việc",
    taskPoints: "Nhiệm vụ /70",
    general: "Tiêu chí chung /30",
    total: "Tổng /100",
    band: "Xếp loại",
    status: "Trạng thái",
  },
  tasksCount: "{n} việc",
  tasksPending: "{n} chưa tính",
  manualMark: "lãnh đạo chấm",
  notApplicable: "không có việc đến hạn",
  open: "Xem, chấm điểm",
  openOwn: "Xem chi tiết",
  noMembers: "Không có cán bộ nào trong kỳ này.",
  countsHeading: "Tổng hợp xếp loại",
  countsHeadingProvisional: "Tổng hợp xếp loại (tạm tính, kỳ chưa kết thúc)",
  provisionalBand: "Tạm tính: {band}",
  countsUnrated: "Chưa xếp loại: {n}",
  countsFinalised: "Đã chốt {n}/{total}",
  capWarning:
    "Số người xếp loại “Hoàn thành xuất sắc nhiệm vụ” ({excellent}) vượt quá 20% số người “Hoàn thành tốt nhiệm vụ” ({good}): tối đa {allowed} người. Đề nghị lãnh đạo xem xét lại; đây là cảnh báo, việc chốt kết quả không bị chặn.",
  method: {
    heading: "Cách tính điểm",
    general: "Tiêu chí chung (30 điểm): tư tưởng chính trị; đạo đức, lối sống; tác phong, lề lối làm việc; ý thức tổ chức kỷ luật — mỗi tiêu chí tối đa {max} điểm, lãnh đạo chấm và nêu nhận xét khi trừ điểm.",
    tasks:
      "Kết quả thực hiện nhiệm vụ (70 điểm): tính trên các công việc được giao có hạn trong kỳ (hạn hiện tại sau gia hạn; gia hạn xin sau khi đã quá hạn thì vẫn tính theo hạn đã lỡ), không tính bản nháp và việc đã hủy. Số lượng = tỷ lệ việc hoàn thành trong kỳ; chất lượng = tỷ lệ việc được chấp nhận, mỗi lần bị trả lại trừ 25% điểm của việc đó; tiến độ = tỷ lệ việc hoàn thành đúng hạn, mỗi lần chậm trừ 25% điểm của việc đó. Việc quá hạn chưa hoàn thành được 0 điểm cả ba thành phần.",
    weights: "Trọng số của Trung tâm: số lượng {quantity}, chất lượng {quality}, tiến độ {timeliness}.",
    empty:
      "Kỳ không có công việc nào đến hạn: phần 70 điểm không tính tự động — không mặc nhiên được đủ 70 điểm, cũng không bị 0 điểm. Lãnh đạo chấm phần này căn cứ nhiệm vụ thường xuyên của vị trí việc làm (tiếp nhận, trả kết quả hồ sơ…) và nêu căn cứ.",
    bands:
      "Xếp loại: từ 90 điểm Hoàn thành xuất sắc; từ 70 đến dưới 90 Hoàn thành tốt; từ 50 đến dưới 70 Hoàn thành; dưới 50 Không hoàn thành. Bị kỷ luật từ khiển trách trở lên trong năm: Không hoàn thành nhiệm vụ. Số người xuất sắc không quá 20% số người hoàn thành tốt.",
    pending: "Công việc chưa đến hạn hoặc đã nộp, đang chờ duyệt chưa được tính: điểm của kỳ đang diễn ra là tạm tính.",
  },
  components: {
    quantity: "Số lượng",
    quality: "Chất lượng",
    timeliness: "Tiến độ",
  },
  summary: {
    total: "Tổng điểm",
    taskPart: "Kết quả thực hiện nhiệm vụ",
    generalPart: "Tiêu chí chung",
    outOf: "/{max}",
    notYet: "Chưa đủ căn cứ",
    provisional: "Tạm tính: còn {n} công việc chưa đến hạn hoặc đang chờ duyệt kết quả, chưa được tính.",
    running: "Kỳ đánh giá chưa kết thúc (đến hết {date}): điểm là tạm tính, công việc được giao thêm có hạn trong kỳ sẽ được tính.",
    overridden: "Bị kỷ luật từ khiển trách trở lên trong năm: xếp loại “Không hoàn thành nhiệm vụ”.",
    overriddenScore: "Theo điểm số: {band}.",
    overriddenIn: "Kỷ luật được ghi nhận trong đánh giá kỳ {period}.",
    finalised: "Đã chốt lúc {time} bởi {name}. Kết quả được giữ nguyên, không thay đổi khi công việc được cập nhật sau đó.",
    manualTask: "Phần kết quả nhiệm vụ do lãnh đạo chấm (kỳ không có công việc đến hạn): {note}",
  },
  tasks: {
    heading: "Kết quả thực hiện nhiệm vụ (70 điểm)",
    intro: "Mỗi công việc đến hạn trong kỳ có trọng số như nhau. Mỗi việc ghi rõ cách tính từng thành phần để ai cũng kiểm tra được.",
    empty: "Không có công việc nào đến hạn trong kỳ.",
    componentLine: "{name}: {value} × {share} × 70 = {points} điểm",
    totalLine: "Cộng: {points}/70 điểm",
    averageOf: "Trung bình trên {n} việc được tính:",
    originalView: "Theo hạn ban đầu (trước gia hạn), tiến độ là {value} và điểm nhiệm vụ là {points}/70 — chỉ để tham khảo, không dùng để xếp loại.",
    deadline: "Hạn {date}",
    extended: "Gia hạn {n} lần, hạn ban đầu {date}",
    outcome: {
      done: "Hoàn thành",
      doneAfterPeriod: "Hoàn thành sau khi hết kỳ",
      overdue: "Quá hạn, chưa hoàn thành",
      awaitingApproval: "Đã nộp, chờ duyệt — chưa tính",
      notYetDue: "Chưa đến hạn — chưa tính",
    },
    quantity: { yes: "Hoàn thành trong kỳ: 100%", no: "Không hoàn thành trong kỳ: 0%" },
    quality: {
      clean: "Được chấp nhận, không bị trả lại: 100%",
      returned: "Bị trả lại {n} lần: 100% − {n} × 25% = {value}",
      no: "Chưa được chấp nhận: 0%",
    },
    timeliness: {
      early: "Hoàn thành sớm hạn: 100%",
      on_time: "Hoàn thành đúng hạn: 100%",
      late: "Chậm hạn 1 lần: 100% − 25% = 75%",
      no: "Không hoàn thành, chậm tiến độ: 0%",
    },
    originalTiming: "Theo hạn ban đầu: {timing}",
    timing: { early: "sớm hạn", on_time: "đúng hạn", late: "chậm hạn" },
    notCounted: "Chưa tính vào điểm",
  },
  criteria: {
    political: "Tư tưởng chính trị",
    ethics: "Đạo đức, lối sống",
    style: "Tác phong, lề lối làm việc",
    discipline: "Ý thức tổ chức kỷ luật",
  },
  general: {
    heading: "Tiêu chí chung (30 điểm)",
    max: "tối đa {max} điểm",
    points: "Điểm",
    note: "Nhận xét",
    noteHint: "Bắt buộc khi trừ điểm.",
    noNote: "Không có nhận xét.",
    notEntered: "Lãnh đạo chưa chấm tiêu chí chung.",
    disciplined: "Bị kỷ luật từ khiển trách trở lên trong năm {year}",
    disciplinedHint: "Khi đánh dấu, xếp loại là “Không hoàn thành nhiệm vụ” dù tổng điểm bao nhiêu, và áp dụng cho các kỳ sau trong năm.",
    disciplinedNote: "Quyết định kỷ luật",
    disciplinedNoteHint: "Số, ngày quyết định và hình thức kỷ luật.",
    disciplinedShown: "Kỷ luật: {note}",
    manualTaskPoints: "Điểm kết quả thực hiện nhiệm vụ (tối đa 70)",
    manualTaskHint: "Chỉ dùng khi kỳ không có công việc nào đến hạn: chấm căn cứ nhiệm vụ thường xuyên của vị trí việc làm.",
    manualTaskNote: "Căn cứ chấm điểm",
    manualTaskNoteHint: "Ví dụ: tiếp nhận 152 hồ sơ, trả kết quả đúng hạn 100%, không có phản ánh.",
    save: "Lưu điểm",
    evaluatedBy: "Chấm lúc {time} bởi {name}",
    own: "Đánh giá của chính bạn do lãnh đạo khác chấm điểm và chốt.",
  },
  self: {
    heading: "Tự đánh giá",
    hint: "Tự nhận xét về kết quả công việc, ưu điểm, hạn chế và hướng khắc phục trong kỳ.",
    save: "Lưu tự đánh giá",
    empty: "Chưa có tự đánh giá.",
    writtenAt: "Cập nhật lúc {time}",
  },
  finalise: {
    heading: "Chốt kết quả",
    hint: "Sau khi chốt, điểm và tự đánh giá không sửa được nữa; kết quả không thay đổi khi công việc được cập nhật sau đó.",
    button: "Chốt kết quả đánh giá",
    confirm: "Tôi đã rà soát: chốt thì không sửa được nữa.",
    missing: {
      general: "Chưa chấm đủ bốn tiêu chí chung.",
      taskPoints: "Kỳ không có công việc đến hạn: cần chấm điểm kết quả thực hiện nhiệm vụ.",
      pendingTasks: "Còn công việc chưa đến hạn hoặc đang chờ duyệt kết quả.",
      periodOpen: "Kỳ đánh giá chưa kết thúc: chốt được từ ngày {date}.",
    },
  },
  weights: {
    heading: "Trọng số ba thành phần kết quả nhiệm vụ",
    hint: "Các số được quy đổi theo tỷ lệ: 1 – 1 – 1 là chia đều ba phần; 40 – 30 – 30 là 40%, 30%, 30%. Kết quả đã chốt giữ nguyên trọng số lúc chốt.",
    current: "Hiện tại: số lượng {quantity}, chất lượng {quality}, tiến độ {timeliness} của 70 điểm.",
    save: "Lưu trọng số",
  },
  errors: {
    evaluationFinalised: "Kết quả đánh giá kỳ này đã được chốt, không thể thay đổi.",
    evaluationStale: "Đánh giá vừa được người khác cập nhật. Vui lòng tải lại trang rồi thao tác lại.",
    ownEvaluation: "Bạn không thể tự chấm điểm hoặc tự chốt kết quả đánh giá của mình; đề nghị lãnh đạo khác thực hiện.",
    evaluationIncomplete: "Chưa chấm đủ bốn tiêu chí chung, chưa thể chốt.",
    evaluationNoTaskPoints: "Kỳ này không có công việc đến hạn: vui lòng chấm điểm kết quả thực hiện nhiệm vụ trước khi chốt.",
    evaluationPendingTasks: "Còn {value} công việc của kỳ chưa đến hạn hoặc đang chờ duyệt kết quả; chưa thể chốt.",
    evaluationPeriodOpen: "Kỳ đánh giá chưa kết thúc: chỉ chốt được từ ngày cuối kỳ ({value}).",
    pointsRange: "Nhập số điểm từ 0 đến {value} (có thể dùng dấu phẩy, ví dụ 7,5).",
    justificationRequired: "Vui lòng nêu lý do trừ điểm (ít nhất 3 ký tự).",
    disciplinedNoteRequired: "Vui lòng ghi quyết định kỷ luật.",
    manualTaskNoteRequired: "Vui lòng nêu căn cứ chấm điểm.",
    selfAssessmentRequired: "Vui lòng viết nội dung tự đánh giá (ít nhất 3 ký tự).",
    weightFormat: "Trọng số là số nguyên từ 0 đến 100.",
    weightsAllZero: "Ít nhất một thành phần phải có trọng số lớn hơn 0.",
  },
  lateExtensions: {
    heading: "Gia hạn khi công việc đã quá hạn",
    hint: "Đề nghị gia hạn gửi sau khi đã quá hạn không xóa việc trễ hạn: công việc vẫn tính trễ hạn theo hạn đã lỡ, cả khi đánh giá tiến độ lẫn xếp loại.",
    keepLate: "Nhận đề nghị, công việc vẫn tính trễ hạn (mặc định)",
    refuse: "Không nhận đề nghị gia hạn khi công việc đã quá hạn",
    save: "Lưu quy định",
  },
  awaiting: {
    onTime: "Chờ duyệt — nộp đúng hạn, chưa tính",
    late: "Chờ duyệt — nộp trễ hạn, chưa tính",
  },
  lateExtensionLine: "Gia hạn khi đã quá hạn: vẫn tính trễ hạn theo hạn {date}",
  roundingNote:
    "Điểm được tính đủ chữ số và xếp loại theo điểm chính xác; số hiển thị làm tròn xuống 2 chữ số thập phân (89,9967 hiển thị 89,99 — Hoàn thành tốt), các phần cộng lại đúng bằng tổng.",
  weightsFromToday: "Trọng số mới áp dụng từ hôm nay cho kỳ đang diễn ra và các kỳ sau; các kỳ đã kết thúc giữ trọng số của kỳ đó.",
};

const en: typeof vi = {
  title: "Evaluation",
  memberTitle: "Evaluation – {name}",
  intro:
    "Civil servants scored under Decree 335/2025/ND-CP on a 100-point scale: 70 points for task results, computed from the tasks due in the period; 30 points for the general criteria, entered by a leader with comments.",
  introOwn: "Your evaluation under Decree 335/2025/ND-CP. You can write a self-assessment until a leader finalises it.",
  period: {
    label: "Period",
    month: "{m}/{y}",
    quarter: "Q{q} {y}",
    year: "Year {y}",
    show: "Show",
    previous: "Previous period",
    next: "Next period",
    months: "Months",
    quarters: "Quarters",
    years: "Whole year",
  },
  bands: {
    excellent: "Excellent",
    good: "Good",
    completed: "Completed",
    failed: "Not completed",
  },
  noBand: "Not rated",
  status: {
    none: "Not started",
    draft: "In progress",
    finalised: "Finalised",
  },
  cols: {
    name: "Name",
    tasks: "Tasks",
    taskPoints: "Tasks /70",
    general: "General /30",
    total: "Total /100",
    band: "Rating",
    status: "Status",
  },
  tasksCount: "{n} tasks",
  tasksPending: "{n} not counted",
  manualMark: "entered by a leader",
  notApplicable: "no task due",
  open: "View, score",
  openOwn: "View details",
  noMembers: "Nobody to evaluate in this period.",
  countsHeading: "Ratings",
  countsHeadingProvisional: "Ratings (provisional, the period is still running)",
  provisionalBand: "Provisional: {band}",
  countsUnrated: "Not rated: {n}",
  countsFinalised: "Finalised {n}/{total}",
  capWarning:
    "More members are rated “Excellent” ({excellent}) than 20% of those rated “Good” ({good}) allows: at most {allowed}. Please review; this is a warning, finalising is not blocked.",
  method: {
    heading: "How the score is computed",
    general: "General criteria (30 points): political attitude; ethics and lifestyle; work style; discipline — at most {max} points each, entered by a leader, with a comment wherever points are taken off.",
    tasks:
      "Task results (70 points): over the tasks whose deadline falls in the period (the current one after extensions; after an extension asked once overdue, the deadline missed); drafts and cancelled tasks do not count. Quantity = share completed in the period; quality = share accepted, each return costs 25% of that task's points; timeliness = share completed on time, each delay costs 25% of that task's points. An overdue task not completed scores 0 on all three.",
    weights: "This centre's weights: quantity {quantity}, quality {quality}, timeliness {timeliness}.",
    empty:
      "A period with no task due: the 70 points are not computed — neither a free 70 nor a 0. A leader scores this part from the member's regular duties of their position (receiving and returning applications…) and gives the basis.",
    bands:
      "Ratings: 90 and above Excellent; 70 to under 90 Good; 50 to under 70 Completed; under 50 Not completed. Disciplined (reprimand or heavier) in the year: Not completed. The excellent may not exceed 20% of the good.",
    pending: "Tasks not yet due, or submitted and waiting for approval, are not counted yet: a running period's score is provisional.",
  },
  components: {
    quantity: "Quantity",
    quality: "Quality",
    timeliness: "Timeliness",
  },
  summary: {
    total: "Total",
    taskPart: "Task results",
    generalPart: "General criteria",
    outOf: "/{max}",
    notYet: "Not enough to score yet",
    provisional: "Provisional: {n} tasks are not yet due or waiting for approval and are not counted.",
    running: "The period runs until {date}: the score is provisional, and tasks still to be set with a deadline in it will count.",
    overridden: "Disciplined (reprimand or heavier) in the year: rated “Not completed”.",
    overriddenScore: "By points: {band}.",
    overriddenIn: "The discipline was recorded in the evaluation of {period}.",
    finalised: "Finalised on {time} by {name}. The figures are kept as they were; later task changes do not alter them.",
    manualTask: "Task points entered by a leader (no task due in the period): {note}",
  },
  tasks: {
    heading: "Task results (70 points)",
    intro: "Every task due in the period weighs the same. Each task shows how every component is scored, so anyone can check the arithmetic.",
    empty: "No task was due in this period.",
    componentLine: "{name}: {value} × {share} × 70 = {points} points",
    totalLine: "Sum: {points}/70 points",
    averageOf: "Average over {n} counted tasks:",
    originalView: "Against the original deadlines (before extensions), timeliness is {value} and the task points {points}/70 — for information only, not used for the rating.",
    deadline: "Due {date}",
    extended: "Extended {n} times, originally due {date}",
    outcome: {
      done: "Completed",
      doneAfterPeriod: "Completed after the period ended",
      overdue: "Overdue, not completed",
      awaitingApproval: "Submitted, awaiting approval — not counted yet",
      notYetDue: "Not yet due — not counted yet",
    },
    quantity: { yes: "Completed in the period: 100%", no: "Not completed in the period: 0%" },
    quality: {
      clean: "Accepted without return: 100%",
      returned: "Returned {n} times: 100% − {n} × 25% = {value}",
      no: "Not accepted: 0%",
    },
    timeliness: {
      early: "Completed early: 100%",
      on_time: "Completed on time: 100%",
      late: "One delay: 100% − 25% = 75%",
      no: "Not completed, delayed: 0%",
    },
    originalTiming: "Against the original deadline: {timing}",
    timing: { early: "early", on_time: "on time", late: "late" },
    notCounted: "Not counted yet",
  },
  criteria: {
    political: "Political attitude",
    ethics: "Ethics and lifestyle",
    style: "Work style",
    discipline: "Discipline",
  },
  general: {
    heading: "General criteria (30 points)",
    max: "at most {max} points",
    points: "Points",
    note: "Comment",
    noteHint: "Required when points are taken off.",
    noNote: "No comment.",
    notEntered: "A leader has not scored the general criteria yet.",
    disciplined: "Disciplined (reprimand or heavier) in {year}",
    disciplinedHint: "When ticked, the rating is “Not completed” whatever the points, also for the later periods of the year.",
    disciplinedNote: "Disciplinary decision",
    disciplinedNoteHint: "Number, date and kind of the decision.",
    disciplinedShown: "Discipline: {note}",
    manualTaskPoints: "Task result points (at most 70)",
    manualTaskHint: "Only for a period with no task due: score from the regular duties of the member's position.",
    manualTaskNote: "Basis",
    manualTaskNoteHint: "For example: received 152 applications, all results returned on time, no complaints.",
    save: "Save points",
    evaluatedBy: "Scored on {time} by {name}",
    own: "Another leader scores and finalises your own evaluation.",
  },
  self: {
    heading: "Self-assessment",
    hint: "Your own view of the period's work: strengths, shortcomings and how you will address them.",
    save: "Save self-assessment",
    empty: "No self-assessment yet.",
    writtenAt: "Updated {time}",
  },
  finalise: {
    heading: "Finalise",
    hint: "Once finalised, the points and the self-assessment can no longer be changed, and later task changes do not alter the figures.",
    button: "Finalise the evaluation",
    confirm: "I have reviewed it: once finalised it cannot be changed.",
    missing: {
      general: "The four general criteria are not all scored.",
      taskPoints: "No task was due: the task result points must be entered.",
      pendingTasks: "Some tasks are not yet due or are waiting for approval.",
      periodOpen: "The period is not over: it can be finalised from {date}.",
    },
  },
  weights: {
    heading: "Weights of the three task components",
    hint: "The numbers are taken as proportions: 1 – 1 – 1 is equal thirds; 40 – 30 – 30 is 40%, 30%, 30%. Finalised evaluations keep the weights they were finalised with.",
    current: "Now: quantity {quantity}, quality {quality}, timeliness {timeliness} of the 70 points.",
    save: "Save weights",
  },
  errors: {
    evaluationFinalised: "This period's evaluation has been finalised and can no longer be changed.",
    evaluationStale: "Someone else has just updated this evaluation. Please reload the page and try again.",
    ownEvaluation: "You cannot score or finalise your own evaluation; another leader must.",
    evaluationIncomplete: "The four general criteria are not all scored yet.",
    evaluationNoTaskPoints: "No task was due in this period: please enter the task result points before finalising.",
    evaluationPendingTasks: "{value} tasks of the period are not yet due or are waiting for approval; it cannot be finalised yet.",
    evaluationPeriodOpen: "The period is not over: it can be finalised from its last day ({value}).",
    pointsRange: "Enter points from 0 to {value} (a comma works too, e.g. 7,5).",
    justificationRequired: "Please say why points are taken off (at least 3 characters).",
    disciplinedNoteRequired: "Please give the disciplinary decision.",
    manualTaskNoteRequired: "Please give the basis of the points.",
    selfAssessmentRequired: "Please write your self-assessment (at least 3 characters).",
    weightFormat: "A weight is a whole number from 0 to 100.",
    weightsAllZero: "At least one component needs a weight above 0.",
  },
  lateExtensions: {
    heading: "Extensions asked once a task is overdue",
    hint: "An extension asked after the deadline does not erase the lateness: the task stays late against the deadline it missed, for timeliness and for the rating.",
    keepLate: "Accept such requests; the task still counts as late (default)",
    refuse: "Refuse extension requests once a task is overdue",
    save: "Save the rule",
  },
  awaiting: {
    onTime: "Awaiting approval — submitted on time, not counted yet",
    late: "Awaiting approval — submitted late, not counted yet",
  },
  lateExtensionLine: "Extended after the deadline: still judged late against {date}",
  roundingNote:
    "Points are computed at full precision and the rating uses the exact total; shown figures are rounded down to 2 decimals (89.9967 shows as 89.99 — Good), and the shown parts add up to the shown total.",
  weightsFromToday: "New weights apply from today to the running period and later ones; periods already over keep their weights.",
};

export const evaluationsMessages = { vi, en };

type EvaluationsT = { locale: NumberLocale; evaluations: typeof vi; errors: Record<string, string> };

/** Points as the language writes them: two decimals at most, "64,17" in Vietnamese. */
export function pointsText(t: { locale: NumberLocale }, n: number): string {
  return formatNumber(n, t.locale);
}

/** A share 0..1 as a percentage with at most two decimals: "91,67%". */
export function percentText(t: { locale: NumberLocale }, share: number): string {
  return formatShare(share, t.locale);
}

/** A period key in words: "Tháng 02/2026", "Quý 1/2026", "Năm 2026". */
export function periodText(t: { evaluations: typeof vi }, key: string): string {
  if (/^\d{4}$/.test(key)) return t.evaluations.period.year.replace("{y}", key);
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return t.evaluations.period.quarter.replace("{q}", q[2]!).replace("{y}", q[1]!);
  return t.evaluations.period.month.replace("{m}", key.slice(5, 7)).replace("{y}", key.slice(0, 4));
}

/**
 * The message of an error key from the evaluation forms: the section's own first, then the common
 * ones. A key may carry one value after a '|' (e.g. 'pointsRange|7.5'), filled in for {value}.
 */
export function evaluationErrorText(t: EvaluationsT, key: string | undefined): string | undefined {
  return errorText(t, key, t.evaluations.errors as Record<string, string>, (raw) => (/^\d+(\.\d+)?$/.test(raw) ? pointsText(t, Number(raw)) : raw));
}
