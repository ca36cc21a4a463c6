import { expect, signIn, test, type Page } from "./fixtures";

async function signedIn(newPage: () => Promise<Page>, username: string): Promise<Page> {
  const page = await newPage();
  await signIn(page, username);
  return page;
}

// The director assigns a task; the clerk sees the bell count rise and follows it to the task.
test("a new assignment rings the clerk's bell and leads to the task", async ({ newPage }) => {
  const clerk = await signedIn(newPage, "tuky.canbo01");
  const bell = clerk.getByTestId("bell").last();
  const before = Number((await clerk.getByTestId("bell-count").last().textContent().catch(() => "0")) || 0);

  const director = await signedIn(newPage, "tuky.giamdoc");
  await director.goto("/o/tu-ky/tasks/new");
  await director.getByLabel("Tên công việc").fill("Rà soát niêm yết phí, lệ phí tại Quầy 1");
  await director.getByLabel("Nội dung, yêu cầu").fill("Đối chiếu bảng niêm yết với Nghị quyết mới của HĐND tỉnh.");
  await director.getByLabel("Người chủ trì").selectOption({ label: "Hoàng Thị Lan — Quầy 1 – Tư pháp – Hộ tịch" });
  await director.getByLabel("Hạn hoàn thành").fill("2026-03-13");
  await director.getByLabel("Sản phẩm phải nộp").fill("Bảng niêm yết đã cập nhật");
  await director.getByLabel("Căn cứ giao việc").selectOption({ label: "Đột xuất" });
  await director.getByRole("button", { name: "Giao việc" }).click();
  await expect(director.getByRole("heading", { name: "Rà soát niêm yết phí, lệ phí tại Quầy 1" })).toBeVisible();

  await clerk.reload();
  await expect(clerk.getByTestId("bell-count").last()).toHaveText(String(before + 1));
  await bell.click();
  await expect(clerk.getByRole("heading", { name: "Thông báo", exact: true })).toBeVisible();
  const item = clerk.locator("li", { hasText: "Rà soát niêm yết phí, lệ phí tại Quầy 1" }).first();
  await item.getByRole("button", { name: "Mở" }).click();
  await expect(clerk.getByRole("heading", { name: "Rà soát niêm yết phí, lệ phí tại Quầy 1" })).toBeVisible();
  await expect(clerk.getByTestId("bell-count").last()).toHaveText(String(before));
});
