import { expect, signIn, storedRow, test } from "./fixtures";

// The annual evaluation through its pages. The server's clock starts on Tuesday 10/03/2026 08:00
// (playwright.config.ts), so 2026 rests on February, finalised for most of tu-ky; Hoàng Thị Lan
// (tuky.canbo01) had 70 task points + 29.5 that month.


/** What the server stored (read beside the running server). */
function storedYear(name: string) {
  return storedRow(
    `select a.* from annual_evaluations a join memberships m on m.id = a.membership_id join users u on u.id = m.user_id where u.full_name = ? and a.year = 2026`,
    name,
  );
}

test("a member writes their self-assessment; the director assesses the year, lowers the band for the 20% rule and finalises it", async ({ page }) => {
  // The member: her own year, and the self-assessment with a proposed band.
  await signIn(page, "tuky.canbo01");
  await page.goto("/o/tu-ky/evaluations?period=2026");
  await expect(page.getByRole("heading", { name: "Đánh giá, xếp loại chất lượng năm 2026" })).toBeVisible();
  await expect(page.getByTestId("excellence-rule")).toHaveCount(0); // staff see no counts
  await page.locator("table").first().getByRole("link", { name: "Hoàng Thị Lan" }).click();
  await expect(page).toHaveURL(/period=2026$/);
  await page.getByLabel("Tự nhận xét", { exact: true }).fill("Hoàn thành sớm việc rà soát, cải chính hộ tịch; tiếp nhận hồ sơ đúng quy trình. Sẽ hướng dẫn người dân nộp trực tuyến nhiều hơn.");
  await page.getByLabel("Tự xếp loại", { exact: true }).selectOption({ label: "Hoàn thành xuất sắc nhiệm vụ" });
  await page.getByRole("button", { name: "Lưu tự đánh giá" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu tự đánh giá năm 2026 của bạn." })).toBeVisible();
  // She cannot assess or finalise her own year.
  await expect(page.getByRole("button", { name: "Lưu đánh giá năm" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Chốt xếp loại năm/ })).toHaveCount(0);

  // The director: the year page with the 20% rule and its counts.
  await page.context().clearCookies();
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/evaluations");
  await page.getByLabel("Kỳ đánh giá").selectOption({ label: "Năm 2026" });
  await page.getByRole("button", { name: "Xem" }).click();
  await expect(page).toHaveURL(/period=2026$/);
  await expect(page.getByTestId("excellence-rule")).toContainText("Vượt tỷ lệ 20%: 6 người xuất sắc, trong khi 20% của 6 người hoàn thành tốt chỉ cho phép 1 người.");
  await page.locator("table").first().getByRole("link", { name: "Hoàng Thị Lan" }).click();
  await expect(page.getByTestId("year-total")).toHaveText("99,5");
  await expect(page.getByText("Tự xếp loại: Hoàn thành xuất sắc nhiệm vụ")).toBeVisible();

  const criterion = (name: string) => page.getByRole("group", { name: new RegExp(name) });
  await criterion("Tư tưởng chính trị").getByLabel("Điểm").fill("7,5");
  await criterion("Đạo đức, lối sống").getByLabel("Điểm").fill("7,5");
  await criterion("Tác phong, lề lối làm việc").getByLabel("Điểm").fill("7");
  await criterion("Ý thức tổ chức kỷ luật").getByLabel("Điểm").fill("7,5");
  await page.getByLabel("Xếp loại cuối cùng").selectOption({ label: "Hoàn thành tốt nhiệm vụ" });
  await page.getByRole("button", { name: "Lưu đánh giá năm" }).click();
  // Points taken off and a lower band need their reasons, beside the fields.
  await expect(criterion("Tác phong, lề lối làm việc").getByText("Vui lòng nêu lý do trừ điểm")).toBeVisible();
  await expect(page.getByText("Vui lòng nêu lý do xếp loại thấp hơn mức theo điểm.")).toBeVisible();
  expect((await storedYear("Hoàng Thị Lan"))?.political_points ?? null).toBeNull();

  await criterion("Tác phong, lề lối làm việc").getByLabel("Nhận xét").fill("Cần chủ động hướng dẫn người dân nộp hồ sơ trực tuyến nhiều hơn.");
  await page.getByLabel("Lý do xếp loại thấp hơn").fill("Bảo đảm số xuất sắc không quá 20% số hoàn thành tốt.");
  await page.getByLabel("Nhận xét ưu điểm, hạn chế").fill("Ưu điểm: tận tụy, không để hồ sơ quá hạn. Hạn chế: chưa chủ động hướng dẫn nộp trực tuyến.");
  await page.getByRole("button", { name: "Lưu đánh giá năm" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu đánh giá năm 2026 của Hoàng Thị Lan." })).toBeVisible();
  // 70 + 29.5 = 99.5 by points (xuất sắc), lowered to tốt with the reason shown.
  await expect(page.getByTestId("year-total")).toHaveText("99,5");
  await expect(page.getByTestId("year-band")).toContainText("Hoàn thành tốt nhiệm vụ");
  await expect(page.getByText("Lãnh đạo xếp loại thấp hơn mức theo điểm (Hoàn thành xuất sắc nhiệm vụ): Bảo đảm số xuất sắc")).toBeVisible();
  await page.reload();
  await expect(criterion("Tác phong, lề lối làm việc").getByLabel("Điểm")).toHaveValue("7");
  await expect(page.getByLabel("Xếp loại cuối cùng")).toHaveValue("good");
  expect(await storedYear("Hoàng Thị Lan")).toMatchObject({ status: "draft", political_points: 7.5, style_points: 7, chosen_band: "good", self_band: "excellent" });

  // Finalising in March is early: it needs the reason.
  await page.getByRole("button", { name: "Chốt xếp loại năm 2026" }).click();
  await expect(page.getByText("Chốt trước tháng 12: vui lòng ghi lý do (ít nhất 3 ký tự).")).toBeVisible();
  await page.getByLabel("Lý do chốt sớm").fill("Chuyển công tác về Văn phòng HĐND và UBND xã từ 01/4/2026.");
  await page.getByRole("button", { name: "Chốt xếp loại năm 2026" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã chốt xếp loại năm 2026 của Hoàng Thị Lan; kết quả được giữ nguyên." })).toBeVisible();
  await expect(page.getByText(/Đã chốt lúc 10\/03\/2026 \d\d:\d\d bởi Nguyễn Văn Hùng/)).toBeVisible();
  await expect(page.getByText("Chốt trước tháng 12, lý do: Chuyển công tác về Văn phòng HĐND và UBND xã từ 01/4/2026.")).toBeVisible();
  // Locked: no form any more, the assessment is shown as stored.
  await expect(page.getByRole("button", { name: "Lưu đánh giá năm" })).toHaveCount(0);
  await expect(page.getByText("Cần chủ động hướng dẫn người dân nộp hồ sơ trực tuyến nhiều hơn.")).toBeVisible();
  const stored = (await storedYear("Hoàng Thị Lan"))!;
  expect(stored).toMatchObject({ status: "finalised", band: "good", total: 99.5, early_reason: "Chuyển công tác về Văn phòng HĐND và UBND xã từ 01/4/2026." });
  expect(JSON.parse(String(stored.figures))).toMatchObject({ v: 1, result: { counted: ["2026-02"], scoreBand: "excellent", band: "good" } });

  // The year page counts her as tốt now: 5 xuất sắc against 7 tốt still exceeds 20%.
  await page.getByRole("link", { name: "← Đánh giá, xếp loại chất lượng năm 2026" }).click();
  await expect(page.getByTestId("excellence-rule")).toContainText("5 người xuất sắc, trong khi 20% của 7 người hoàn thành tốt chỉ cho phép 1 người.");
  const row = page.locator("tr", { has: page.getByRole("link", { name: "Hoàng Thị Lan" }) });
  await expect(row).toContainText("Đã chốt");
  await expect(row).not.toContainText("dự kiến");
});
