// UI strings of /o/<slug>/settings/export: a centre downloads all its data (issue 18, "leaving
// cleanly"; docs/decisions/0045). Vietnamese is the source; English must have the same keys.
const vi = {
  title: "Tải toàn bộ dữ liệu của Trung tâm",
  intro:
    "Trung tâm có thể tải về toàn bộ dữ liệu của mình bất cứ lúc nào — để lưu trữ, để đối chiếu, hoặc để chuyển sang hệ thống khác. Dữ liệu được đóng thành một tệp nén .zip.",
  contains: "Tệp nén gồm",
  files: "Thư mục files/ chứa mọi tệp đã tải lên (tệp đính kèm của công việc, ảnh minh chứng kiểm tra), đặt tên dễ đọc.",
  readme: "Tệp README.txt mô tả từng trang tính, từng cột và thời điểm xuất.",
  notIncluded: "Không có trong tệp: mật khẩu, mã bí mật của kênh thông báo và của liên kết mời, phiên đăng nhập.",
  duration:
    "Với Trung tâm có nhiều dữ liệu, việc đóng gói có thể mất vài phút; tệp được tải về dần trong lúc đóng gói. Mỗi lần tải được ghi vào nhật ký thao tác (người tải, thời điểm, dung lượng).",
  download: "Tải tệp nén (.zip)",
  busyCentre: "Trung tâm đang có một lượt tải toàn bộ dữ liệu chưa xong. Hãy đợi lượt đó xong rồi thử lại.",
  busyServer: "Máy chủ đang đóng gói dữ liệu cho các Trung tâm khác. Hãy thử lại sau ít phút.",
};

const en: typeof vi = {
  title: "Download all the centre's data",
  intro:
    "The centre can download all its data at any time — to keep, to check, or to move to another system. The data comes as one .zip file.",
  contains: "The archive holds",
  files: "A files/ folder with every uploaded file (task attachments, inspection photos) under readable names.",
  readme: "A README.txt describing each sheet, each column and the time of the export.",
  notIncluded: "Not included: passwords, the secrets of notification channels and invitation links, sign-in sessions.",
  duration:
    "For a centre with much data, packing may take a few minutes; the file downloads while it is packed. Each download is recorded in the audit log (who, when, how big).",
  download: "Download the archive (.zip)",
  busyCentre: "An export of this centre is still running. Wait until it finishes, then try again.",
  busyServer: "The server is packing data for other centres. Try again in a few minutes.",
};

export const centreExportMessages = { vi, en };
