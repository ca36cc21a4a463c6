import { staffWorkbook, type StaffRow } from "../helpers/staff-xlsx";
import { expect, signIn, storedRow, storedRows, test, type Page } from "./fixtures";

// Issue 18 part 3, "bringing people in" (decision 0041), through the pages as a person would:
// the admin invites a member by link, the member opens it, sets a password and signs in; the admin
// sends a new link and revokes it; the admin imports staff from a spreadsheet (choose the file,
// preview, confirm) and the links of the new members are shown. The people here are created by
// this file and stopped at its end, so that no later spec puts them on duty.

async function deactivate(page: Page, fullName: string) {
  await page.goto("/o/tu-ky/staff");
  await page.getByRole("row", { name: new RegExp(fullName) }).getByRole("link", { name: "Sửa" }).click();
  await page.getByRole("button", { name: "Ngừng hoạt động tài khoản" }).click();
  await expect(page.getByTestId("notice")).toContainText(`Đã ngừng hoạt động tài khoản của ${fullName}`);
}

test("the admin invites a member by link; she sets her password and signs in; a new link replaces it and is revoked", async ({ page, newPage }) => {
  const fullName = "Trịnh Thị Thu Hà";
  const username = "tuky.moi.thuha";
  await signIn(page, "tuky.admin");
  await page.goto("/o/tu-ky/staff/new");
  await page.getByLabel("Họ và tên").fill(fullName);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Tạo liên kết mời").check();
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  const notice = page.getByTestId("notice");
  await expect(notice).toContainText(`Đã thêm ${fullName} (tên đăng nhập ${username}). Gửi riêng cho họ liên kết mời`);
  const link = /(http\S+\/invite\/[a-z2-7]{52})/.exec((await notice.textContent()) ?? "")![1]!;
  await expect(page.getByText("Đang chờ cán bộ đặt mật khẩu")).toBeVisible();
  expect(await storedRow("select u.password_hash from users u where u.username = ?", username)).toEqual({ password_hash: "!invited" });

  // She opens the link on her own device, with no session.
  const ha = await newPage();
  await ha.goto(link);
  await expect(ha.getByRole("heading", { name: "Nhận lời mời vào Rõ Việc" })).toBeVisible();
  await expect(ha.getByText(`${fullName}, bạn được mời tham gia Trung tâm Phục vụ hành chính công xã Tứ Kỳ`)).toBeVisible();
  await ha.getByLabel("Mật khẩu", { exact: true }).fill("matkhau123");
  await ha.getByLabel("Nhập lại mật khẩu").fill("matkhau123");
  await ha.getByRole("button", { name: "Đặt mật khẩu" }).click();
  await expect(ha.getByText("Mật khẩu này quá phổ biến")).toBeVisible();
  await ha.getByLabel("Mật khẩu", { exact: true }).fill("sông Hồng chảy về biển");
  await ha.getByLabel("Nhập lại mật khẩu").fill("sông Hồng chảy về biển");
  await ha.getByRole("button", { name: "Đặt mật khẩu" }).click();
  await expect(ha).toHaveURL(/\/login$/);
  await expect(ha.getByTestId("notice")).toHaveText(`Đã đặt mật khẩu. Hãy đăng nhập bằng tên đăng nhập ${username}.`);
  await ha.getByLabel("Tên đăng nhập").fill(username);
  await ha.getByLabel("Mật khẩu").fill("sông Hồng chảy về biển");
  await ha.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(ha).toHaveURL(/\/o\/tu-ky$/);

  // The link is spent.
  const again = await newPage();
  await again.goto(link);
  await expect(again.getByRole("heading", { name: "Liên kết mời không còn dùng được" })).toBeVisible();

  // The admin sends a new link (e.g. she forgot her password), then revokes it.
  await page.reload();
  await page.getByRole("button", { name: "Tạo liên kết mời mới" }).click();
  await expect(notice).toContainText(`Đã tạo liên kết mời mới cho ${fullName}`);
  const second = /(http\S+\/invite\/[a-z2-7]{52})/.exec((await notice.textContent()) ?? "")![1]!;
  expect(second).not.toBe(link);
  await page.getByRole("button", { name: "Thu hồi liên kết" }).click();
  await expect(notice).toHaveText(`Đã thu hồi liên kết mời của ${fullName}.`);
  await again.goto(second);
  await expect(again.getByRole("heading", { name: "Liên kết mời không còn dùng được" })).toBeVisible();
  const audit = await storedRows<{ action: string }>(
    "select a.action from audit_log a join memberships m on m.id = a.entity_id join users u on u.id = m.user_id where u.username = ? order by a.created_at",
    username,
  );
  expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["member.created", "member.invited", "member.invitationAccepted", "member.invitationRevoked"]));

  await deactivate(page, fullName);
});

test("the admin imports staff from a spreadsheet: preview with the errors per row, confirm, links for the new members", async ({ page, newPage }) => {
  const rows: StaffRow[] = [
    ["Lý Văn Nam", "tuky.nhap.nam", "Công chức Kinh tế", "Cán bộ", "0912 111 222", "nam@tuky.gov.vn", "01/02/2025"],
    ["Hà Thị Thanh", "tuky.nhap.thanh", "Công chức Văn hóa – Xã hội", "Cán bộ; Kiểm tra viên", "", "", "15/03/2024"],
    ["Tạ Quang Vinh", "tuky.nhap.vinh", "", "", "", "", ""],
    ["Mạc Thị Lụa", "Tuky Nhap Lua", "Công chức Kinh tế", "Cán bộ", "", "", ""],
    ["Đàm Văn Sơn", "tuky.nhap.son", "Kế toán", "Cán bộ", "", "", "31/02/2025"],
  ];
  await signIn(page, "tuky.admin");
  await page.goto("/o/tu-ky/staff");
  await page.getByRole("link", { name: "Nhập từ tệp Excel" }).click();
  await expect(page.getByRole("heading", { name: "Nhập danh sách cán bộ từ tệp Excel" })).toBeVisible();
  await page.getByLabel("Tệp danh sách (.xlsx)").setInputFiles({
    name: "danh-sach-can-bo.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: await staffWorkbook(rows),
  });
  await page.getByRole("button", { name: "Xem trước" }).click();
  await expect(page).toHaveURL(/\/o\/tu-ky\/staff\/import\?upload=[0-9a-z]{6,12}-[a-z2-7]{26}$/);
  await expect(page.getByTestId("import-summary")).toHaveText("3 thêm mới · 0 cập nhật · 0 không đổi · 2 dòng lỗi");
  const preview = page.getByTestId("import-preview");
  await expect(preview.locator("tr[data-line='5']")).toContainText("Tên đăng nhập “Tuky Nhap Lua” không hợp lệ");
  await expect(preview.locator("tr[data-line='6']")).toContainText("Trung tâm không có vị trí việc làm “Kế toán”.");
  await expect(preview.locator("tr[data-line='6']")).toContainText("Ngày bắt đầu công tác “31/02/2025” không đúng dạng dd/mm/yyyy.");
  await expect(preview.locator("tr[data-line='2']")).toContainText("Thêm mới");
  expect(await storedRow("select count(*) as n from users where username like 'tuky.nhap.%'")).toEqual({ n: 0 });

  await page.getByRole("button", { name: "Xác nhận nhập" }).click();
  await expect(page.getByRole("heading", { name: "Đã nhập danh sách cán bộ" })).toBeVisible();
  await expect(page.getByTestId("import-done")).toHaveText("Đã thêm 3, cập nhật 0, giữ nguyên 0; bỏ qua 2 dòng lỗi.");
  const links = (await page.getByLabel("Danh sách liên kết (sao chép)").inputValue()).split("\n");
  expect(links).toHaveLength(3);
  expect(links[0]).toMatch(/^Lý Văn Nam \(tuky\.nhap\.nam\): http\S+\/invite\/[a-z2-7]{52}$/);
  await expect(page.getByRole("link", { name: "Tải danh sách liên kết (.csv)" })).toHaveAttribute("download", "lien-ket-moi.csv");
  const stored = await storedRows<{ username: string; full_name: string; phone: string | null; roles: string; joined_on: string }>(
    "select u.username, u.full_name, u.phone, m.roles, m.joined_on from users u join memberships m on m.user_id = u.id where u.username like 'tuky.nhap.%' order by u.username",
  );
  expect(stored).toEqual([
    { username: "tuky.nhap.nam", full_name: "Lý Văn Nam", phone: "0912 111 222", roles: "staff", joined_on: "2025-02-01" },
    { username: "tuky.nhap.thanh", full_name: "Hà Thị Thanh", phone: null, roles: "inspector,staff", joined_on: "2024-03-15" },
    { username: "tuky.nhap.vinh", full_name: "Tạ Quang Vinh", phone: null, roles: "staff", joined_on: "2026-03-10" },
  ]);

  // A new member's link opens the page to set a password.
  const nam = await newPage();
  await nam.goto(/(http\S+)$/.exec(links[0]!)![1]!);
  await expect(nam.getByText("Lý Văn Nam, bạn được mời tham gia")).toBeVisible();

  // The same file again: nothing new.
  await page.goto("/o/tu-ky/staff/import");
  await page.getByLabel("Tệp danh sách (.xlsx)").setInputFiles({ name: "danh-sach-can-bo.xlsx", mimeType: "application/octet-stream", buffer: await staffWorkbook(rows) });
  await page.getByRole("button", { name: "Xem trước" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("0 thêm mới · 0 cập nhật · 3 không đổi · 2 dòng lỗi");
  await expect(page.getByText("Không có gì để nhập")).toBeVisible();

  for (const name of ["Lý Văn Nam", "Hà Thị Thanh", "Tạ Quang Vinh"]) await deactivate(page, name);
});
