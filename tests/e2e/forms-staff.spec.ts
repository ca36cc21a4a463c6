import { expect, signIn, storedRow, test, type Page } from "./fixtures";

// Issue 13, "every form, through the page": positions, a member's edit page (save, reset password,
// deactivate, reactivate) and the password change a new member must make. The people and positions
// here are created by this file; no other spec uses them.

test("the admin adds a position and then edits its duties", async ({ page }) => {
  const name = "Viên chức Một cửa liên thông";
  await signIn(page, "tuky.admin");
  await page.goto("/o/tu-ky/positions");
  const form = page.locator("section", { has: page.getByRole("heading", { name: "Thêm vị trí" }) });
  await form.getByLabel("Tên vị trí").fill(name);
  await form.getByLabel("Quầy / bộ phận").fill("Quầy 7 – Một cửa liên thông");
  await form.getByLabel("Chức năng, nhiệm vụ").fill("Tiếp nhận hồ sơ liên thông khai sinh – thường trú – BHYT.");
  await form.getByRole("button", { name: "Thêm vị trí" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã thêm vị trí việc làm “${name}”.`);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

  await page.getByLabel("Chức năng, nhiệm vụ").fill("Tiếp nhận, trả kết quả hồ sơ liên thông khai sinh – thường trú – BHYT cho trẻ dưới 6 tuổi.");
  await page.getByLabel("Thứ tự hiển thị").fill("75");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã lưu vị trí việc làm “${name}”.`);
  expect(await storedRow("select counter, duties, sort_order from positions where name = ?", name)).toEqual({
    counter: "Quầy 7 – Một cửa liên thông",
    duties: "Tiếp nhận, trả kết quả hồ sơ liên thông khai sinh – thường trú – BHYT cho trẻ dưới 6 tuổi.",
    sort_order: 75,
  });
});

async function signInWith(page: Page, username: string, password: string) {
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

test("the director edits a new member, resets her password; she must change it; her account is stopped and reopened", async ({ page, newPage }) => {
  const fullName = "Cao Thị Hồng Nhung";
  const username = "tuky.hopdong01";
  const member = () =>
    storedRow<{ phone: string | null; title: string; active: number; must_change_password: number }>(
      "select u.phone, m.title, m.active, u.must_change_password from users u join memberships m on m.user_id = u.id where u.username = ?",
      username,
    );
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/staff/new");
  await page.getByLabel("Họ và tên").fill(fullName);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Chức vụ").fill("Nhân viên hợp đồng");
  await page.getByLabel("Mật khẩu tạm thời").fill("mùa xuân trên quê hương");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByTestId("notice")).toContainText(`Đã thêm ${fullName} (tên đăng nhập ${username}).`);

  // Her edit page, from the list.
  await page.getByRole("row", { name: new RegExp(fullName) }).getByRole("link", { name: "Sửa" }).click();
  await expect(page.getByRole("heading", { name: "Sửa thông tin cán bộ" })).toBeVisible();
  await page.getByLabel("Chức vụ").fill("Nhân viên hợp đồng – Quầy 6");
  await page.getByLabel("Điện thoại").fill("0912 345 699");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã lưu thông tin của ${fullName}.`);
  expect(await member()).toMatchObject({ title: "Nhân viên hợp đồng – Quầy 6", phone: "0912 345 699", active: 1 });

  // A new temporary password, shown once in the notice.
  await page.getByRole("button", { name: "Đặt lại mật khẩu" }).click();
  const notice = page.getByTestId("notice");
  await expect(notice).toContainText(`Đã đặt lại mật khẩu của ${fullName}. Mật khẩu tạm thời: `);
  const temporary = /Mật khẩu tạm thời: (\S+) —/.exec((await notice.textContent()) ?? "")![1]!;

  // She signs in with it and is asked for a password of her own.
  const nhung = await newPage();
  await signInWith(nhung, username, temporary);
  await expect(nhung).toHaveURL(/\/account\/password$/);
  await expect(nhung.getByText("Bạn đang dùng mật khẩu tạm thời.")).toBeVisible();
  await nhung.getByLabel("Mật khẩu hiện tại").fill(temporary);
  await nhung.getByLabel("Mật khẩu mới", { exact: true }).fill("hoa sen nở giữa đầm lầy");
  await nhung.getByLabel("Nhập lại mật khẩu mới").fill("hoa sen nở giữa đầm lầy");
  await nhung.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(nhung).toHaveURL(/\/o\/tu-ky$/);
  await expect(nhung.getByTestId("notice")).toHaveText("Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất.");
  expect((await member())!.must_change_password).toBe(0);

  // The director stops her account: she is signed out at once. Then opens it again.
  await page.getByRole("button", { name: "Ngừng hoạt động tài khoản" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã ngừng hoạt động tài khoản của ${fullName}; các phiên đăng nhập của họ đã bị đăng xuất.`);
  expect((await member())!.active).toBe(0);
  await nhung.reload();
  await expect(nhung).toHaveURL(/\/login/);
  await page.getByRole("button", { name: "Kích hoạt lại" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã mở lại tài khoản của ${fullName}.`);
  expect((await member())!.active).toBe(1);
  await signInWith(nhung, username, "hoa sen nở giữa đầm lầy");
  await expect(nhung).toHaveURL(/\/o\/tu-ky$/);

  // Her contract ends: stopped for good, so that no roster auto-assigned by a later spec puts her on
  // duty (those specs sign in as whoever is on duty, with the demo password).
  await page.getByRole("button", { name: "Ngừng hoạt động tài khoản" }).click();
  await expect(page.getByTestId("notice")).toContainText(`Đã ngừng hoạt động tài khoản của ${fullName}`);
  expect((await member())!.active).toBe(0);
});
