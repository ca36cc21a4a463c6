import { expect, signIn, test } from "./fixtures";

// The server's clock starts on Tuesday 10/03/2026 (playwright.config.ts).
test("the director builds the Tết roster in a few clicks; a clerk sees and confirms a shift", async ({ page }) => {
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/rosters/new");
  await page.getByLabel("Tên lịch trực").fill("Lịch trực Tết Nguyên đán Đinh Mùi 2027");
  await page.getByLabel("Từ ngày").fill("2027-02-05");
  await page.getByLabel("Đến ngày").fill("2027-02-14");
  await page.getByRole("button", { name: "Tạo lịch và đề xuất các ngày trực" }).click();
  await expect(page.getByRole("heading", { name: "Lịch trực Tết Nguyên đán Đinh Mùi 2027" })).toBeVisible();
  await expect(page.getByText("Âm lịch: 1/1")).toBeVisible(); // 06/02/2027 is Tết
  await page.getByRole("button", { name: "Tự động phân công công bằng" }).click();
  await expect(page.getByText(/Đã phân công tự động\. Còn 0 vị trí/)).toBeVisible();
  await page.getByRole("button", { name: "Ban hành lịch trực" }).click();
  await expect(page.getByText("Đã ban hành lịch trực.")).toBeVisible();
  await page.getByRole("button", { name: "Đăng xuất" }).last().click();

  await signIn(page, "tuky.canbo01");
  await page.getByRole("link", { name: "Lịch trực" }).first().click();
  await expect(page.getByRole("heading", { name: "Lịch trực của tôi" })).toBeVisible();
  const shift = page.locator("li", { hasText: "Lịch trực Tết Nguyên đán Đinh Mùi 2027" }).first();
  await expect(shift).toBeVisible();
  await shift.getByRole("button", { name: "Xác nhận" }).click();
  await expect(page.locator("li", { hasText: "Lịch trực Tết Nguyên đán Đinh Mùi 2027" }).first().getByText("Đã xác nhận")).toBeVisible();
});
