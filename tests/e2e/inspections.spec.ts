import { expect, signIn, test } from "./fixtures";

// A 360 px phone. The server's clock starts on Tuesday 10/03/2026 08:00 (playwright.config.ts).
test.use({ viewport: { width: 360, height: 780 } });

/** An 8×8 PNG, as a phone camera would hand over a (much larger) photo. */
const PHOTO = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAPklEQVR4AayNwQkAIAwDQ/fQdRxDR3MMXcdF9JVSfLSfFo5CuBApfV0PQXAqnNlgYU8FBv9PFOrYsHAqnHgAAAD//wid6NoAAAAGSURBVAMACLEdqecsoPYAAAAASUVORK5CYII=",
  "base64",
);

test("a spot check on a phone: one failure with a photo, the member explains, the inspector closes it", async ({ page }) => {
  await signIn(page, "tuky.kiemtra");
  await page.goto("/o/tu-ky/inspections");
  await page.getByRole("link", { name: "Kiểm tra nhanh" }).click();
  await page.getByLabel("Quầy 6 – Tiếp nhận và trả kết quả").check();
  await page.getByRole("button", { name: "Bắt đầu kiểm tra" }).click();

  // The counter's members are preselected; everything passes until tapped.
  const ha = page.locator("section", { hasText: "Trịnh Thị Hà" });
  await expect(ha.getByRole("checkbox", { name: /Trịnh Thị Hà/ })).toBeChecked();
  await expect(page.locator("section", { hasText: "Lý Văn Dũng" }).getByRole("checkbox", { name: /Lý Văn Dũng/ })).toBeChecked();
  await ha.getByRole("checkbox", { name: /C03/ }).check();
  await ha.getByLabel("Ảnh minh chứng cho C03").setInputFiles({ name: "camera.png", mimeType: "image/png", buffer: PHOTO });
  await page.getByRole("button", { name: "Nộp biên bản" }).click();

  await expect(page.getByRole("heading", { name: "Biên bản kiểm tra ngày 10/03/2026" })).toBeVisible();
  await expect(page.getByText("Đã nộp", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("img", { name: "Ảnh minh chứng: Trịnh Thị Hà · C03" }).first()).toBeVisible();
  const url = page.url();

  // From the failed item, a corrective action with a due date (a week by default).
  await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
  await expect(page.getByText("Chờ giải trình")).toBeVisible();
  await expect(page.getByText("Hạn khắc phục: 17/03/2026")).toBeVisible();

  // The member sees it, explains.
  await signIn(page, "tuky.canbo09");
  await page.goto("/o/tu-ky/inspections");
  await expect(page.getByRole("heading", { name: "Yêu cầu chấn chỉnh của tôi" })).toBeVisible();
  await page.getByRole("link", { name: "Xem biên bản" }).first().click();
  await expect(page.getByRole("heading", { name: "Kết quả của bạn" })).toBeVisible();
  await expect(page.getByText("Lý Văn Dũng")).toHaveCount(0);
  await page.getByLabel("Giải trình").fill("Sáng nay tôi để quên thẻ trong túi áo khoác; đã đeo lại ngay.");
  await page.getByRole("button", { name: "Gửi giải trình" }).click();
  await expect(page.getByText("Đã giải trình, chờ kết luận")).toBeVisible();

  // The inspector closes it.
  await signIn(page, "tuky.kiemtra");
  await page.goto(url);
  await expect(page.getByText("Sáng nay tôi để quên thẻ trong túi áo khoác")).toBeVisible();
  await page.getByRole("button", { name: "Đã khắc phục" }).click();
  await expect(page.getByRole("button", { name: "Đã khắc phục" })).toHaveCount(0);
  await expect(page.getByText("Đã khắc phục", { exact: true })).toBeVisible();
  await expect(page.getByText(/Lê Văn Thắng kết luận lúc 10\/03\/2026/)).toBeVisible();
});
