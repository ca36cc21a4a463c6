import { expect, test } from "./fixtures";

// The director opens the dashboard, follows a person from the comparison table into their person
// view and sees the same on-time rate (server clock: 10/03/2026).
test("dashboard comparison and person view agree", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill("tuky.giamdoc");
  await page.getByLabel("Mật khẩu").fill("RoViec@2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { name: /So sánh theo cán bộ/ })).toBeVisible();
  const row = page.locator("tr", { has: page.getByRole("link", { name: "Hoàng Thị Lan" }) });
  const rate = (await row.locator("td").nth(2).textContent())!.trim();
  await row.getByRole("link", { name: "Hoàng Thị Lan" }).click();
  await expect(page.getByRole("heading", { name: "Hoàng Thị Lan" })).toBeVisible();
  await expect(page.getByTestId("on-time-rate")).toHaveText(rate);
});
