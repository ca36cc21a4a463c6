import { expect, test } from "./fixtures";

// The city's overseer signs in, lands on the comparison of the four demo centres (server clock:
// 10/03/2026, so last month by default), chooses the quarter by typing it, opens a centre read-only
// and downloads the consolidated report.
test("an overseer compares the centres, changes the period, drills into one and downloads the report", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill("haiphong.giamsat");
  await page.getByLabel("Mật khẩu").fill("RoViec@2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/g\/hai-phong$/);
  await expect(page.getByRole("heading", { name: "So sánh các Trung tâm — Tháng 02/2026" })).toBeVisible();
  const table = page.getByTestId("group-comparison");
  for (const name of ["xã Tứ Kỳ", "xã An Phú", "xã Gia Lộc", "xã Thanh Hà"]) await expect(table.getByRole("link", { name })).toBeVisible();
  // Nothing to change here: no form posts anywhere on the page.
  await expect(page.locator('form[method="post"]:not([action="/logout"])')).toHaveCount(0);

  await page.getByLabel("Kỳ", { exact: true }).fill("Quý 1/2026");
  await page.getByRole("button", { name: "Xem" }).click();
  await expect(page.getByRole("heading", { name: "So sánh các Trung tâm — Quý I/2026" })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải báo cáo tổng hợp (DOCX)" }).click();
  expect((await download).suggestedFilename()).toBe("bao-cao-tong-hop-hai-phong-2026-Q1.docx");

  await table.getByRole("link", { name: "xã Tứ Kỳ" }).click();
  await expect(page.getByRole("heading", { name: "Trung tâm Phục vụ hành chính công xã Tứ Kỳ" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Báo cáo định kỳ đã ban hành" })).toBeVisible();
  const report = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải DOCX" }).first().click();
  expect((await report).suggestedFilename()).toMatch(/^bao-cao-2026-\d\d\.docx$/);
  // A centre page for members is not the overseer's: 404.
  const res = await page.goto("/o/tu-ky");
  expect(res?.status()).toBe(404);
});
