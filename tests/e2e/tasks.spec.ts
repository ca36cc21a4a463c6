import { expect, signIn, signOut, test } from "./fixtures";

// The server's clock starts on Tuesday 10/03/2026 08:00 (playwright.config.ts).
test("the director assigns, the clerk works and submits, the director approves: done on time", async ({ page }) => {
  const title = "Cập nhật niêm yết công khai TTHC tại Quầy 1";
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/tasks/new");
  await page.getByLabel("Tên công việc").fill(title);
  await page.getByLabel("Nội dung, yêu cầu").fill("Thay bảng niêm yết theo Quyết định công bố TTHC mới của tỉnh.");
  await expect(page.getByText("Còn 5 mục chưa rõ — chỉ có thể lưu nháp.")).toBeVisible();
  await page.getByLabel("Người chủ trì").selectOption({ label: "Hoàng Thị Lan — Quầy 1 – Tư pháp – Hộ tịch" });
  await page.getByLabel("Hạn hoàn thành").fill("2026-03-10");
  await page.getByLabel("Sản phẩm phải nộp").fill("Ảnh chụp bảng niêm yết mới");
  await page.getByLabel("Căn cứ giao việc").selectOption({ label: "Văn bản chỉ đạo" });
  await page.getByLabel("Số, ký hiệu văn bản / nội dung căn cứ").fill("Công văn số 215/UBND-VP");
  await expect(page.getByText("Đã đủ 6 rõ — có thể giao việc.")).toBeVisible();
  await page.getByRole("button", { name: "Giao việc" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByTestId("task-status")).toHaveText("Đã giao");
  const taskUrl = page.url();
  await signOut(page);

  await signIn(page, "tuky.canbo01");
  await page.getByRole("link", { name: "Công việc" }).first().click();
  await page.getByRole("link", { name: title }).click();
  await page.getByLabel("Tiến độ (%)").fill("60");
  await page.getByRole("button", { name: "Cập nhật", exact: true }).click();
  await expect(page.getByTestId("task-status")).toHaveText("Đang thực hiện");
  await page.getByLabel("Kết quả, sản phẩm đã hoàn thành").fill("Đã thay toàn bộ bảng niêm yết tại Quầy 1.");
  await page.getByRole("button", { name: "Nộp kết quả" }).click();
  await expect(page.getByTestId("task-status")).toHaveText("Chờ duyệt — nộp đúng hạn");
  await signOut(page);

  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/tasks?tab=approval");
  await page.getByRole("link", { name: title }).click();
  await page.getByRole("button", { name: "Chấp nhận — hoàn thành" }).click();
  await expect(page.getByTestId("task-status")).toHaveText("Hoàn thành");
  await expect(page.getByTestId("task-timeliness")).toHaveText("Đúng hạn");
  await signOut(page);

  await signIn(page, "tuky.canbo01");
  await page.goto(taskUrl);
  await expect(page.getByTestId("task-status")).toHaveText("Hoàn thành");
  await expect(page.getByTestId("task-timeliness")).toHaveText("Đúng hạn");
});

// Issue 13: staff saw the tabs "Tôi đã giao" and "Chờ tôi duyệt", always empty for them.
test("staff see only the task tabs that can hold their tasks; leaders see all five", async ({ page }) => {
  const tabs = () => page.getByRole("navigation", { name: "Việc của tôi" }).getByRole("link");
  await signIn(page, "tuky.canbo01");
  await page.goto("/o/tu-ky/tasks");
  await expect(tabs()).toHaveText(["Được giao cho tôi", "Phối hợp, theo dõi"]);
  await signIn(page, "tuky.phogiamdoc");
  await page.goto("/o/tu-ky/tasks");
  await expect(tabs()).toHaveText(["Được giao cho tôi", "Phối hợp, theo dõi", "Tôi đã giao", "Chờ tôi duyệt", "Toàn Trung tâm"]);
});
