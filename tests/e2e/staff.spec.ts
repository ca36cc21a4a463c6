import { expect, test } from "./fixtures";

test("the director signs in, opens the staff list, creates a member and signs out", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Tên đăng nhập").fill("tuky.giamdoc");
  await page.getByLabel("Mật khẩu").fill("RoViec@2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/o\/tu-ky$/);
  await expect(page.getByRole("heading", { name: "Xin chào, Nguyễn Văn Hùng" })).toBeVisible();

  await page.getByRole("link", { name: "Cán bộ", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "Danh sách cán bộ" })).toBeVisible();
  await expect(page.getByRole("cell", { name: /Hoàng Thị Lan/ })).toBeVisible();

  await page.getByRole("link", { name: "Thêm cán bộ" }).click();
  await page.getByLabel("Họ và tên").fill("Đinh Thị Thanh Tâm");
  await page.getByLabel("Tên đăng nhập").fill("tuky.canbo11");
  await page.getByLabel("Chức vụ").fill("Công chức");
  await page.getByLabel("Vị trí việc làm").selectOption({ label: "Công chức Văn hóa – Xã hội — Quầy 5 – Văn hóa – Xã hội" });
  await page.getByLabel("Mật khẩu tạm thời").fill("một ngày mới tốt lành");
  await page.getByRole("button", { name: "Lưu" }).click();

  await expect(page).toHaveURL(/\/o\/tu-ky\/staff/);
  await expect(page.getByRole("cell", { name: /Đinh Thị Thanh Tâm/ })).toBeVisible();

  await page.getByRole("button", { name: "Đăng xuất" }).last().click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/o/tu-ky/staff");
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
});

test("a wrong password shows one generic message in Vietnamese", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill("tuky.giamdoc");
  await page.getByLabel("Mật khẩu").fill("sai mật khẩu");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("alert")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
});
