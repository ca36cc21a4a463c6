import { expect, signIn, test } from "./fixtures";

test.use({ viewport: { width: 360, height: 780 } });

// On a phone: the clerk checks in with one big button; the director sees her on today's board.
// The server's clock starts on Tuesday 10/03/2026 08:00 (playwright.config.ts), after opening time.
test("a clerk checks in on a phone and the director sees her on today's board", async ({ page }) => {
  await signIn(page, "tuky.canbo01");
  await page.goto("/o/tu-ky/attendance");
  const button = page.getByRole("button", { name: "Chấm công vào" });
  await expect(button).toBeVisible();
  const box = await button.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(64);
  await button.click();
  await expect(page.getByTestId("today-status")).toContainText("Có mặt");
  await expect(page.getByTestId("today-status")).toContainText("Đi muộn");
  await expect(page.getByRole("button", { name: "Chấm công ra" })).toBeVisible();
  await page.getByText("Menu", { exact: true }).click();
  await page.getByRole("button", { name: "Đăng xuất" }).first().click();

  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/attendance");
  const board = page.locator("section", { hasText: "Tình hình đi làm" });
  await expect(board.locator("div", { hasText: /^Đi muộn/ }).first()).toContainText("Hoàng Thị Lan");
});
