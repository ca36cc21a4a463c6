// UI strings of a centre's lifecycle as its admin sees it: the log of the service operator's actions
// on the centre (/o/<slug>/settings/operator-log, docs/decisions/0044-centre-lifecycle.md).
// Vietnamese is the source; English must have the same keys.
const vi = {
  title: "Thao tác của đơn vị vận hành",
  intro:
    "Các thao tác mà đơn vị vận hành dịch vụ Rõ Việc đã thực hiện đối với Trung tâm: tạm ngừng, mở lại, đặt và huỷ lịch xoá dữ liệu, cho phép cơ quan giám sát xem số liệu. Đơn vị vận hành không xem được công việc, hồ sơ hay dữ liệu nghiệp vụ của Trung tâm.",
  empty: "Chưa có thao tác nào của đơn vị vận hành đối với Trung tâm.",
  when: "Thời điểm",
  what: "Thao tác",
  detail: "Nội dung",
  via: { console: "Qua trang quản trị dịch vụ", cli: "Qua dòng lệnh trên máy chủ" },
  actions: {
    "centre.created": "Tạo Trung tâm",
    "centre.suspended": "Tạm ngừng sử dụng",
    "centre.resumed": "Mở lại để sử dụng",
    "centre.deletionScheduled": "Đặt lịch xoá dữ liệu",
    "centre.deletionCancelled": "Huỷ lịch xoá dữ liệu",
    "oversight.centreAssigned": "Cho phép cơ quan giám sát xem số liệu",
  },
  reason: "Lý do: {reason}",
  deletion: "Xoá vào ngày {date} (sau {days} ngày)",
  group: "Nhóm giám sát: {group}",
  statusSuspended: "Trung tâm đang tạm ngừng sử dụng từ ngày {date}.",
  statusDeletion: "Dữ liệu của Trung tâm sẽ bị xoá vào ngày {date}. Hãy tải toàn bộ dữ liệu trước ngày đó.",
  download: "Tải toàn bộ dữ liệu",
};

const en: typeof vi = {
  title: "Operator actions",
  intro:
    "What the Rõ Việc service operator has done to the centre: suspending, resuming, scheduling and cancelling the deletion of its data, letting an oversight body read its figures. The operator cannot read the centre's tasks, records or other data.",
  empty: "The operator has taken no action on the centre yet.",
  when: "When",
  what: "Action",
  detail: "Details",
  via: { console: "In the service console", cli: "On the server's command line" },
  actions: {
    "centre.created": "Created the centre",
    "centre.suspended": "Suspended the centre",
    "centre.resumed": "Resumed the centre",
    "centre.deletionScheduled": "Scheduled the deletion of its data",
    "centre.deletionCancelled": "Cancelled the deletion",
    "oversight.centreAssigned": "Let an oversight body read its figures",
  },
  reason: "Reason: {reason}",
  deletion: "Deletion on {date} (in {days} days)",
  group: "Oversight group: {group}",
  statusSuspended: "The centre has been suspended since {date}.",
  statusDeletion: "The centre's data will be deleted on {date}. Download all of it before then.",
  download: "Download all data",
};

export const lifecycleMessages = { vi, en };
