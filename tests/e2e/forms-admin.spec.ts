import { enrolTotpOnPage, nextTotpCode, typePassword } from "../helpers/two-factor-e2e";
import { expect, signIn, signOut, storedRow, test } from "./fixtures";

// Issue 18: the operator console and two-step sign-in (docs/decisions/0043), through the pages as a
// person would. The operator signs in for the first time, is made to turn on TOTP (the test reads the
// secret from the page and acts as the phone), lands on the console, reads the centres' usage, creates
// a centre whose first admin is invited by a link; the admin opens it and sets a password. A director
// turns TOTP on, signs out, signs in with password and code, and turns it off again.

test("an operator enrols TOTP, sees the centres' usage and creates a centre whose admin sets a password by link", async ({ page, newPage }) => {
  await typePassword(page, "rv.vanhanh");
  // The console requires TOTP: the first sign-in leads to the enrolment page.
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  await expect(page.getByRole("heading", { name: "Xác thực hai lớp" })).toBeVisible();
  await expect(page.getByText("Tài khoản vận hành phải bật xác thực hai lớp")).toBeVisible();
  await expect(page.getByRole("img", { name: "Mã QR để thêm tài khoản vào ứng dụng xác thực" })).toBeVisible();
  await expect(page.getByTestId("totp-uri")).toContainText("otpauth://totp/R%C3%B5%20Vi%E1%BB%87c%3Arv.vanhanh?secret=");
  // A mistyped code first.
  await page.getByLabel("Mã xác thực").fill("12345");
  await page.getByRole("button", { name: "Bật xác thực hai lớp" }).click();
  await expect(page.getByRole("alert")).toHaveText("Mã xác thực không đúng hoặc đã được dùng. Hãy nhập mã đang hiện.");
  await enrolTotpOnPage(page, "rv.vanhanh");
  await expect(page).toHaveURL(/\/admin$/);
  expect(await storedRow("select t.confirmed_at is not null as confirmed from user_totp t join users u on u.id = t.user_id where u.username = ?", "rv.vanhanh")).toEqual({ confirmed: 1 });

  // The console: the centres with their usage, counts only.
  await expect(page.getByRole("heading", { name: "Các trung tâm" })).toBeVisible();
  const tuky = page.getByRole("row", { name: /Trung tâm Phục vụ hành chính công xã Tứ Kỳ/ });
  await expect(tuky.getByRole("cell").nth(0)).toHaveText("tu-ky");
  const members = Number(await tuky.getByRole("cell").nth(3).textContent());
  const stored = await storedRow<{ n: number }>("select count(*) as n from memberships m join organizations o on o.id = m.org_id where o.slug = ? and m.active = 1", "tu-ky");
  expect(members).toBe(Number(stored!.n));
  await expect(page.getByText("“Hoạt động 30 ngày”: số cán bộ đã chấm công ít nhất một lần từ")).toBeVisible();
  await page.getByLabel("Tìm theo tên hoặc mã trung tâm").fill("an-phu");
  await page.getByRole("button", { name: "Tìm kiếm" }).click();
  await expect(page).toHaveURL(/\/admin\?q=an-phu/);
  await expect(page.getByRole("row", { name: /xã An Phú/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /xã Tứ Kỳ/ })).toHaveCount(0);

  // A new centre and its first admin, invited by link.
  await page.getByRole("link", { name: "Tạo trung tâm mới" }).click();
  await expect(page.getByRole("heading", { name: "Tạo trung tâm mới" })).toBeVisible();
  await page.getByLabel("Tên trung tâm").fill("Trung tâm Phục vụ hành chính công xã Thanh Miện");
  await page.getByLabel("Mã trung tâm").fill("Thanh Miện");
  await page.getByLabel("Cơ quan chủ quản").fill("Ủy ban nhân dân xã Thanh Miện");
  await page.getByLabel("Tỉnh, thành phố").fill("Hải Phòng");
  await page.getByLabel("Địa danh ghi trên văn bản").fill("Thanh Miện");
  await page.getByLabel("Họ và tên").fill("Bùi Thị Hằng");
  await page.getByLabel("Tên đăng nhập").fill("thanhmien.admin");
  await page.getByRole("button", { name: "Tạo trung tâm và liên kết mời" }).click();
  await expect(page.getByText("Mã gồm 2–40 ký tự: chữ thường không dấu, số và gạch ngang")).toBeVisible();
  await page.getByLabel("Mã trung tâm").fill("thanh-mien");
  await page.getByRole("button", { name: "Tạo trung tâm và liên kết mời" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  const notice = page.getByTestId("notice");
  await expect(notice).toContainText("Đã tạo Trung tâm Phục vụ hành chính công xã Thanh Miện. Gửi riêng cho quản trị viên thanhmien.admin liên kết mời này");
  const link = /(http\S+\/invite\/[a-z2-7]{52})/.exec((await notice.textContent()) ?? "")![1]!;
  await expect(page.getByRole("row", { name: /xã Thanh Miện/ })).toBeVisible();
  expect(
    await storedRow(
      "select o.name, m.roles, u.password_hash, a.action from organizations o join memberships m on m.org_id = o.id join users u on u.id = m.user_id join audit_log a on a.org_id = o.id and a.action = 'centre.created' join users op on op.id = a.actor_user_id where o.slug = ? and op.username = ?",
      "thanh-mien",
      "rv.vanhanh",
    ),
  ).toEqual({ name: "Trung tâm Phục vụ hành chính công xã Thanh Miện", roles: "admin", password_hash: "!invited", action: "centre.created" });

  // The admin opens the link on her own device and sets her password, then signs in to her centre.
  const hang = await newPage();
  await hang.goto(link);
  await expect(hang.getByText("Bùi Thị Hằng, bạn được mời tham gia Trung tâm Phục vụ hành chính công xã Thanh Miện")).toBeVisible();
  await hang.getByLabel("Mật khẩu", { exact: true }).fill("đồng lúa Thanh Miện xanh");
  await hang.getByLabel("Nhập lại mật khẩu").fill("đồng lúa Thanh Miện xanh");
  await hang.getByRole("button", { name: "Đặt mật khẩu" }).click();
  await expect(hang).toHaveURL(/\/login$/);
  await hang.getByLabel("Tên đăng nhập").fill("thanhmien.admin");
  await hang.getByLabel("Mật khẩu").fill("đồng lúa Thanh Miện xanh");
  await hang.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(hang).toHaveURL(/\/o\/thanh-mien$/);

  // The operator suspends the new centre (a reason too short first), and its admin sees why.
  await page.goto("/admin?q=thanh-mien");
  await page.getByRole("link", { name: "Trung tâm Phục vụ hành chính công xã Thanh Miện" }).click();
  await expect(page).toHaveURL(/\/admin\/centres\/thanh-mien$/);
  await expect(page.getByTestId("centre-status")).toContainText("Trung tâm đang hoạt động.");
  await page.getByLabel("Lý do (cán bộ của trung tâm sẽ đọc)").fill("ab");
  await page.getByRole("button", { name: "Tạm ngừng trung tâm" }).click();
  await expect(page.getByText("Lý do cần ít nhất 3 ký tự")).toBeVisible();
  await page.getByLabel("Lý do (cán bộ của trung tâm sẽ đọc)").fill("Chưa gia hạn hợp đồng dịch vụ");
  await page.getByRole("button", { name: "Tạm ngừng trung tâm" }).click();
  await expect(page.getByTestId("notice")).toContainText("Đã tạm ngừng Trung tâm Phục vụ hành chính công xã Thanh Miện.");
  await expect(page.getByTestId("centre-status")).toContainText("Lý do: Chưa gia hạn hợp đồng dịch vụ");
  expect(await storedRow("select status, suspension_reason from organizations where slug = ?", "thanh-mien")).toEqual({ status: "suspended", suspension_reason: "Chưa gia hạn hợp đồng dịch vụ" });
  await hang.reload();
  await expect(hang.getByRole("heading", { name: "Trung tâm đang tạm ngừng sử dụng" })).toBeVisible();
  await expect(hang.getByText("Chưa gia hạn hợp đồng dịch vụ")).toBeVisible();

  // A deletion: a grace period out of range is refused beside the field; 14 days is scheduled, then cancelled.
  await page.getByLabel("Thời gian chờ (ngày, từ 7 đến 90)").fill("5");
  await page.getByRole("button", { name: "Đặt lịch xoá" }).click();
  await expect(page.getByText("Thời gian chờ trước khi xoá phải là số ngày nguyên từ 7 đến 90.")).toBeVisible();
  await page.getByLabel("Thời gian chờ (ngày, từ 7 đến 90)").fill("14");
  await page.getByRole("button", { name: "Đặt lịch xoá" }).click();
  await expect(page.getByTestId("notice")).toContainText("Đã đặt lịch xoá dữ liệu của Trung tâm Phục vụ hành chính công xã Thanh Miện vào");
  await expect(page.getByTestId("centre-status")).toContainText("Dữ liệu sẽ bị xoá vào");
  expect(await storedRow("select deletion_due_at is not null as due from organizations where slug = ?", "thanh-mien")).toEqual({ due: 1 });
  await page.getByRole("button", { name: "Huỷ lịch xoá dữ liệu" }).click();
  await expect(page.getByTestId("notice")).toContainText("Đã huỷ lịch xoá dữ liệu");
  await page.getByRole("button", { name: "Mở lại trung tâm" }).click();
  await expect(page.getByTestId("notice")).toContainText("Đã mở lại Trung tâm Phục vụ hành chính công xã Thanh Miện.");
  await expect(page.getByTestId("centre-status")).toContainText("Trung tâm đang hoạt động.");
  // Every decision is on the log, which the centre's admin reads too.
  await expect(page.getByTestId("operator-log").getByRole("listitem")).toHaveCount(5);
  await hang.reload();
  await expect(hang).toHaveURL(/\/o\/thanh-mien$/);
  await hang.goto("/o/thanh-mien/settings/operator-log");
  await expect(hang.getByText("Tạm ngừng sử dụng", { exact: true })).toBeVisible();
  await expect(hang.getByText("Huỷ lịch xoá dữ liệu", { exact: true })).toBeVisible();

  // The operator opens no centre page.
  const res = await page.goto("/o/tu-ky");
  expect(res?.status()).toBe(404);
});

test("a director turns on TOTP, signs out, signs in with password and code, and turns it off", async ({ page }) => {
  await signIn(page, "tuky.giamdoc");
  await page.goto("/account");
  await page.getByRole("link", { name: "Xác thực hai lớp (mã từ điện thoại)" }).click();
  const secret = await enrolTotpOnPage(page, "tuky.giamdoc");
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/o/tu-ky");
  await signOut(page);

  // Password first, then the code; a wrong code is refused with a message.
  await typePassword(page, "tuky.giamdoc");
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await expect(page.getByRole("heading", { name: "Xác thực hai lớp" })).toBeVisible();
  const code = await nextTotpCode("tuky.giamdoc", secret);
  await page.getByLabel("Mã xác thực").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Xác nhận" }).click();
  await expect(page.getByRole("alert")).toHaveText("Mã xác thực không đúng hoặc đã được dùng. Hãy nhập mã đang hiện.");
  await page.getByLabel("Mã xác thực").fill(code);
  await page.getByRole("button", { name: "Xác nhận" }).click();
  await expect(page).toHaveURL(/\/o\/tu-ky$/);
  expect(await storedRow("select count(*) as n from audit_log a join users u on u.id = a.actor_user_id where u.username = ? and a.action = 'auth.secondFactorPassed'", "tuky.giamdoc")).toEqual({ n: 1 });

  // Turned off again with a current code (the other specs sign the director in with the password alone).
  await page.goto("/account/two-factor");
  await expect(page.getByText(/Đang bật từ/)).toBeVisible();
  await page.getByLabel("Mã xác thực").fill(await nextTotpCode("tuky.giamdoc", secret));
  await page.getByRole("button", { name: "Tắt xác thực hai lớp" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã tắt xác thực hai lớp.");
  expect(await storedRow("select count(*) as n from user_totp t join users u on u.id = t.user_id where u.username = ?", "tuky.giamdoc")).toEqual({ n: 0 });
  await page.goto("/o/tu-ky");
  await signOut(page);
  await signIn(page, "tuky.giamdoc");
});
