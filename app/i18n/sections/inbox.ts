// "Chờ tôi xử lý" — what waits for the member's decision. Vietnamese is the source; English must match.
const vi = {
  title: "Chờ tôi xử lý",
  intro: "Những việc đang chờ bạn quyết định. Mở từng mục để xử lý ở đúng nơi quyết định.",
  empty: "Không có việc nào đang chờ bạn.",
  headerLink: "Chờ tôi xử lý, {n} mục",
  open: "Mở danh sách chờ xử lý",
  count: "{n} mục",
  more: "Còn nữa: danh sách chỉ hiện {n} mục đầu.",
  kinds: {
    tasks: "Kết quả công việc chờ duyệt",
    extensions: "Đề nghị gia hạn công việc",
    leave: "Đơn nghỉ phép chờ duyệt",
    corrections: "Đề nghị điều chỉnh chấm công",
    swapAnswers: "Đồng nghiệp nhờ trực thay",
    swapApprovals: "Đổi ca trực chờ duyệt",
    explanations: "Giải trình chờ kết luận",
  },
  lines: {
    submitted: "{who} đã nộp kết quả lúc {time}",
    deadline: "Hạn {date}",
    extension: "{who} xin gia hạn đến {date}",
    leave: "{who}: {kind} từ {from} đến {to}",
    correction: "{who}: chấm công ngày {date} ({session})",
    swapAnswer: "{who} nhờ bạn trực thay ngày {date}",
    swapApproval: "{target} nhận trực thay {who} ngày {date}",
    explained: "{who} đã giải trình lúc {time}",
    due: "Hạn khắc phục {date}",
    sent: "Gửi lúc {time}",
  },
};

const en: typeof vi = {
  title: "Waiting for me",
  intro: "What is waiting for your decision. Open an item to decide it where it is decided.",
  empty: "Nothing is waiting for you.",
  headerLink: "Waiting for me, {n} items",
  open: "Open the list",
  count: "{n} items",
  more: "More: the list shows the first {n} items only.",
  kinds: {
    tasks: "Task results to approve",
    extensions: "Extension requests",
    leave: "Leave requests",
    corrections: "Attendance corrections",
    swapAnswers: "Colleagues asking you to take a shift",
    swapApprovals: "Shift swaps to approve",
    explanations: "Explanations to conclude",
  },
  lines: {
    submitted: "{who} submitted the result at {time}",
    deadline: "Due {date}",
    extension: "{who} asks to extend it to {date}",
    leave: "{who}: {kind} from {from} to {to}",
    correction: "{who}: attendance of {date} ({session})",
    swapAnswer: "{who} asks you to take over the shift of {date}",
    swapApproval: "{target} takes over the shift of {who} on {date}",
    explained: "{who} explained at {time}",
    due: "Correct by {date}",
    sent: "Sent at {time}",
  },
};

export const inboxMessages = { vi, en };
