import { expect, signIn, storedRow, test } from "./fixtures";

// Issue 13, "every form, through the page": a member's self-assessment for the running month, and
// a leader finalising a past month after scoring the task part by hand. Phan Thị Ngọc Ánh
// (tuky.canbo07) is the one member whose February is still open in the demo data (no task was due:
// the director scores her regular duties). Server clock: Tuesday 10/03/2026.

const evaluation = (period: string) =>
  storedRow<{ id: string; status: string; self_assessment: string; manual_task_points: number | null }>(
    "select e.id, e.status, e.self_assessment, e.manual_task_points from evaluations e join memberships m on m.id = e.membership_id join users u on u.id = m.user_id where u.username = 'tuky.canbo07' and e.period = ?",
    period,
  );

test("a member writes her self-assessment for March", async ({ page }) => {
  const text = "Tiếp nhận đủ hồ sơ văn hóa – xã hội đúng quy trình; đang chuẩn bị tuyên truyền dịch vụ công trực tuyến.";
  await signIn(page, "tuky.canbo07");
  await page.goto("/o/tu-ky/evaluations?period=2026-03");
  await page.getByRole("link", { name: "Phan Thị Ngọc Ánh", exact: true }).click();
  await page.getByRole("textbox", { name: "Tự đánh giá" }).fill(text);
  await page.getByRole("button", { name: "Lưu tự đánh giá" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã lưu tự đánh giá của bạn.");
  await expect(page.getByRole("textbox", { name: "Tự đánh giá" })).toHaveValue(text);
  expect(await evaluation("2026-03")).toMatchObject({ status: "draft", self_assessment: text });
});

test("the director scores February's task part by hand and finalises it", async ({ page }) => {
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/evaluations?period=2026-02");
  await page.getByRole("link", { name: "Phan Thị Ngọc Ánh", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Phan Thị Ngọc Ánh", level: 1 })).toBeVisible();
  const finalise = page.getByRole("region", { name: "Chốt kết quả" });
  await expect(finalise.getByRole("button", { name: "Chốt kết quả đánh giá" })).toBeDisabled();

  await page.getByLabel("Điểm kết quả thực hiện nhiệm vụ (tối đa 70)").fill("62,5");
  await page.getByLabel("Căn cứ chấm điểm").fill("Tiếp nhận 85 hồ sơ văn hóa – xã hội, trả kết quả đúng hạn 100%, không có phản ánh.");
  await page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã lưu điểm tiêu chí chung của Phan Thị Ngọc Ánh.");
  expect((await evaluation("2026-02"))!.manual_task_points).toBe(62.5);

  await finalise.getByRole("checkbox", { name: "Tôi đã rà soát: chốt thì không sửa được nữa." }).check();
  await finalise.getByRole("button", { name: "Chốt kết quả đánh giá" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã chốt kết quả đánh giá của Phan Thị Ngọc Ánh; các số liệu được giữ nguyên.");
  await expect(page.getByRole("button", { name: "Lưu điểm" })).toHaveCount(0);
  expect((await evaluation("2026-02"))!.status).toBe("finalised");
});
