import { expect, signIn, test } from "./fixtures";

// Issue 14's forms, filled and submitted through the pages. The server's clock starts on Tuesday
// 10/03/2026 08:00 (playwright.config.ts).


test("the admin confirms 24/11 on the calendar, and opens Saturdays from a later date with a rota", async ({ page }) => {
  await signIn(page, "tuky.admin");
  await page.goto("/o/tu-ky/calendar?month=2026-11");
  const day = () => page.locator('li[data-date="2026-11-24"]').first();
  await expect(day()).toContainText("(chưa xác nhận)");
  const rule = page.locator('li[data-rule="culture-day"]');
  await rule.locator("summary").click();
  await rule.getByLabel("Đã xác nhận theo văn bản chính thức").check();
  await rule.getByLabel("Căn cứ").fill("Luật số 01/2026/QH16");
  await rule.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu ngày nghỉ hằng năm 24/11: " })).toBeVisible();
  await page.reload();
  await expect(day()).toContainText("Ngày Văn hóa Việt Nam");
  await expect(day()).not.toContainText("chưa xác nhận");

  await page.goto("/o/tu-ky/settings/schedule");
  const form = page.locator("form", { has: page.locator('input[name="intent"][value="settings"]') });
  await form.getByLabel("Mở cửa sáng thứ Bảy").check();
  await form.getByLabel(/Hoàng Thị Lan/).check();
  await form.getByLabel("Áp dụng từ ngày").fill("2026-03-14");
  await form.getByRole("button", { name: "Lưu thiết lập" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã lưu thiết lập giờ làm việc, áp dụng từ ngày 14/03/2026.");
  await expect(page.locator('li[data-version="2026-03-14"]')).toContainText("Sắp áp dụng");
  await expect(page.locator('li[data-version="2026-03-14"]')).toContainText("1 người làm sáng thứ Bảy");

  // From 14/03 on, Saturdays are open; the Saturday before keeps the rules it had.
  await page.goto("/o/tu-ky/calendar?month=2026-03");
  await expect(page.locator('li[data-date="2026-03-14"]').first()).toContainText("Mở cửa sáng thứ Bảy");
  await expect(page.locator('li[data-date="2026-03-07"]').first()).toHaveAttribute("data-kind", "weekend");

  // A date in the past is refused beside the field.
  await page.goto("/o/tu-ky/settings/schedule");
  await form.getByLabel("Áp dụng từ ngày").fill("2026-03-01");
  await form.getByRole("button", { name: "Lưu thiết lập" }).click();
  await expect(form).toContainText("Chỉ áp dụng được từ hôm nay trở đi");

  // The upcoming change can still be withdrawn.
  await page.goto("/o/tu-ky/settings/schedule");
  await page.getByRole("button", { name: "Xóa thay đổi áp dụng từ 14/03/2026" }).click();
  await expect(page.locator('li[data-version="2026-03-14"]')).toHaveCount(0);
});

test("the director refuses extensions asked once overdue, and the clerk is told so", async ({ page }) => {
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/evaluations");
  await page.getByLabel("Không nhận đề nghị gia hạn khi công việc đã quá hạn").check();
  await page.getByRole("button", { name: "Lưu quy định" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu quy định gia hạn khi công việc đã quá hạn." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Không nhận đề nghị gia hạn khi công việc đã quá hạn")).toBeChecked();

  // Vũ Đức Minh's task due 04/03 is overdue: his request is refused.
  await page.context().clearCookies();
  await signIn(page, "tuky.canbo02");
  await page.goto("/o/tu-ky/tasks?tab=mine&overdue=1");
  await page.getByRole("link", { name: /Rà soát hồ sơ đất đai quá hạn/ }).click();
  const ext = page.locator("form", { has: page.locator('input[name="intent"][value="requestExtension"]') });
  await ext.getByLabel("Hạn mới đề nghị").fill("2026-03-20");
  await ext.getByLabel("Lý do").fill("Chờ Văn phòng đăng ký đất đai phản hồi");
  await ext.getByRole("button", { name: "Gửi đề nghị gia hạn" }).click();
  await expect(page.getByText("Trung tâm không nhận đề nghị gia hạn khi công việc đã quá hạn.")).toBeVisible();

  // Back to the default for the other tests of this run.
  await page.context().clearCookies();
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/evaluations");
  await page.getByLabel("Nhận đề nghị, công việc vẫn tính trễ hạn (mặc định)").check();
  await page.getByRole("button", { name: "Lưu quy định" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu quy định gia hạn khi công việc đã quá hạn." })).toBeVisible();
});
