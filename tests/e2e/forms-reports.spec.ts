import { expect, signIn, storedRow, storedRows, test } from "./fixtures";

// Issue 13, "every form, through the page": a periodic report drafted from the figures, edited,
// one section written again from the figures, finalised; another draft deleted. The deputy writes
// them (for quarter IV/2025 and a custom range no other spec reports on). Clock: 10/03/2026.

test("the deputy drafts the report of quarter IV/2025, edits it, regenerates a section and finalises it", async ({ page }) => {
  await signIn(page, "tuky.phogiamdoc");
  await page.goto("/o/tu-ky/reports/new");
  await page.getByRole("radio", { name: "Quý", exact: true }).check();
  await page.getByRole("combobox", { name: "Năm", exact: true }).selectOption("2025");
  await page.getByRole("combobox", { name: "Quý" }).selectOption({ label: "IV" });
  await page.getByRole("button", { name: "Tạo dự thảo" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã tạo dự thảo báo cáo từ số liệu; hãy rà soát từng mục.");
  const id = new URL(page.url()).pathname.split("/").pop()!;
  const report = async () =>
    (await storedRow<{ period_key: string; number: string; report_date: string; section_conclusion: string; section_assessment: string; status: string }>(
      "select period_key, number, report_date, section_conclusion, section_assessment, status from reports where id = ?",
      id,
    ))!;
  expect((await report()).period_key).toBe("2025-Q4");
  const generated = (await report()).section_assessment;

  await page.getByLabel("Số, ký hiệu").fill("4/BC-TTPVHCC");
  await page.getByLabel("Ngày ban hành").fill("12/03/2026");
  await page.getByLabel("VI. KẾT LUẬN").fill("Trung tâm hoàn thành các nhiệm vụ quý IV/2025; đề nghị UBND xã tiếp tục quan tâm bố trí kinh phí số hóa hồ sơ.");
  await page.getByLabel("IV. ĐÁNH GIÁ CHUNG").fill("Nội dung tạm, sẽ soạn lại.");
  await page.getByRole("button", { name: "Lưu báo cáo" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã lưu báo cáo.");
  expect(await report()).toMatchObject({
    number: "04/BC-TTPVHCC",
    report_date: "2026-03-12",
    section_conclusion: "Trung tâm hoàn thành các nhiệm vụ quý IV/2025; đề nghị UBND xã tiếp tục quan tâm bố trí kinh phí số hóa hồ sơ.",
    section_assessment: "Nội dung tạm, sẽ soạn lại.",
  });

  // "Soạn lại mục này từ số liệu" under IV: that section only is written again.
  await page.getByLabel("IV. ĐÁNH GIÁ CHUNG").locator("xpath=..").getByRole("button", { name: "Soạn lại mục này từ số liệu" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã soạn lại mục “IV. ĐÁNH GIÁ CHUNG” từ số liệu.");
  await expect(page.getByLabel("IV. ĐÁNH GIÁ CHUNG")).not.toHaveValue("Nội dung tạm, sẽ soạn lại.");
  expect((await report()).section_assessment).toBe(generated);
  expect((await report()).section_conclusion).toContain("hoàn thành các nhiệm vụ quý IV/2025");

  await page.getByRole("checkbox", { name: /Khi chốt, số liệu được cố định/ }).check();
  await page.getByRole("button", { name: "Chốt báo cáo" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã chốt báo cáo; số liệu được giữ nguyên.");
  await expect(page.getByRole("button", { name: "Lưu báo cáo" })).toHaveCount(0);
  expect((await report()).status).toBe("finalised");
});

test("the deputy drafts a report for a custom range and deletes the draft", async ({ page }) => {
  await signIn(page, "tuky.phogiamdoc");
  await page.goto("/o/tu-ky/reports/new");
  await page.getByRole("radio", { name: "Tùy chọn khoảng thời gian" }).check();
  await page.getByLabel("Từ ngày").fill("01/01/2026");
  await page.getByLabel("Đến ngày").fill("15/01/2026");
  await page.getByRole("button", { name: "Tạo dự thảo" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã tạo dự thảo báo cáo từ số liệu; hãy rà soát từng mục.");
  const id = new URL(page.url()).pathname.split("/").pop()!;
  expect(await storedRow("select period_kind, period_from, period_to from reports where id = ?", id)).toEqual({
    period_kind: "custom",
    period_from: "2026-01-01",
    period_to: "2026-01-15",
  });

  await page.getByRole("checkbox", { name: "Tôi muốn xóa dự thảo này." }).check();
  await page.getByRole("button", { name: "Xóa dự thảo" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã xóa dự thảo báo cáo.");
  await expect(page).toHaveURL(/\/o\/tu-ky\/reports$/);
  expect(await storedRows("select id from reports where id = ?", id)).toEqual([]);
});
