import { expect, signIn, storedRows as stored, test } from "./fixtures";
import JSZip from "jszip";
import { readFile } from "node:fs/promises";

// Quick mode on a phone keeps what was seen and the photo with the failed item; the inspection
// record (biên bản) prints in the official layout and downloads as a Word document.
// Server clock: Tuesday 10/03/2026 08:00 (playwright.config.ts).
test.use({ viewport: { width: 360, height: 780 } });

const PHOTO = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAPklEQVR4AayNwQkAIAwDQ/fQdRxDR3MMXcdF9JVSfLSfFo5CuBApfV0PQXAqnNlgYU8FBv9PFOrYsHAqnHgAAAD//wid6NoAAAAGSURBVAMACLEdqecsoPYAAAAASUVORK5CYII=",
  "base64",
);

const SEEN = "Xem mạng xã hội trên điện thoại khi có công dân chờ";

test("a failed item keeps its note and photo in quick mode; the record prints and downloads for signatures", async ({ page }) => {
  await signIn(page, "tuky.kiemtra");
  await page.goto("/o/tu-ky/inspections/new?quick=1");
  await page.getByLabel("Quầy 3 – Lao động – Thương binh – Xã hội").check();
  await page.getByRole("button", { name: "Bắt đầu kiểm tra" }).click();

  // Tapping C11 as failing opens what was seen and a photo for that item.
  const nam = page.locator("section", { hasText: "Bùi Văn Nam" });
  await expect(nam.getByLabel("Ghi nhận về C11")).toBeHidden();
  await nam.getByRole("checkbox", { name: /C11/ }).check();
  await nam.getByLabel("Ghi nhận về C11").fill(SEEN);
  await nam.getByLabel("Ảnh minh chứng cho C11").setInputFiles({ name: "camera.png", mimeType: "image/png", buffer: PHOTO });
  await page.getByRole("button", { name: "Nộp biên bản" }).click();
  await expect(page.getByRole("heading", { name: "Biên bản kiểm tra ngày 10/03/2026" })).toBeVisible();

  // On the inspection page the note and the photo are under the failed item.
  const finding = page.locator("li", { hasText: "C11" }).filter({ hasText: SEEN });
  await expect(finding).toHaveCount(1);
  await expect(finding.getByRole("img", { name: "Ảnh minh chứng: Bùi Văn Nam · C11" })).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").pop()!;
  expect(
    await stored(
      "select r.outcome, r.note, (select count(*) from inspection_photos p where p.inspection_id = r.inspection_id and p.membership_id = r.membership_id and p.item_id = r.item_id) as photos from inspection_results r join inspection_template_items it on it.id = r.item_id join memberships m on m.id = r.membership_id join users u on u.id = m.user_id where r.inspection_id = ? and u.username = 'tuky.canbo04' and it.code = 'C11'",
      id,
    ),
  ).toEqual([{ outcome: "fail", note: SEEN, photos: 1 }]);

  // From the failed item, a corrective action due in a week (17/03).
  await page.getByLabel("Yêu cầu", { exact: true }).fill("Không sử dụng điện thoại việc riêng khi có công dân chờ.");
  await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
  await expect(page.getByText("Chờ giải trình")).toBeVisible();

  // The record, A4 in the official layout, fits the phone screen too.
  await page.getByRole("link", { name: "In biên bản" }).click();
  await expect(page.getByRole("heading", { name: "BIÊN BẢN", level: 1 })).toBeVisible();
  for (const text of [
    "ỦY BAN NHÂN DÂN XÃ TỨ KỲ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: /BB-TTPVHCC",
    "Tứ Kỳ, ngày 10 tháng 3 năm 2026",
    "Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính, văn hóa công vụ",
  ]) {
    await expect(page.getByText(text, { exact: true }), text).toBeVisible();
  }
  const body = page.getByTestId("record-body");
  await expect(body).toContainText(/Hôm nay, vào hồi 08 giờ \d\d phút, ngày 10 tháng 3 năm 2026, tại Quầy 3 – Lao động – Thương binh – Xã hội, Trung tâm Phục vụ hành chính công xã Tứ Kỳ/);
  await expect(body).toContainText("Ông (bà) Lê Văn Thắng");
  await expect(body).toContainText(`a) C11 – Không làm việc riêng, chơi trò chơi hoặc dùng điện thoại việc riêng kéo dài tại quầy: ${SEEN} (01 ảnh minh chứng).`);
  await expect(body).toContainText("2. Ngô Thị Thu: đạt");
  await expect(body).toContainText("- Bùi Văn Nam (C11): Không sử dụng điện thoại việc riêng khi có công dân chờ; hạn khắc phục 17/03/2026; chờ giải trình.");
  await expect(page.getByText("NGƯỜI ĐƯỢC KIỂM TRA", { exact: true })).toBeVisible();
  await expect(page.getByText("NGƯỜI KIỂM TRA", { exact: true })).toBeVisible();
  await expect(page.getByText("XÁC NHẬN CỦA LÃNH ĐẠO TRUNG TÂM")).toBeVisible();
  await expect(page.getByText("Nguyễn Văn Hùng", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The same as a Word document.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tải biên bản (.docx)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^bien-ban-kiem-tra-2026-03-10-08\d\d\.docx$/);
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  const xml = await zip.file("word/document.xml")!.async("string");
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("\n");
  for (const s of ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số:        /BB-TTPVHCC", "Tứ Kỳ, ngày 10 tháng 3 năm 2026", "BIÊN BẢN", `${SEEN} (01 ảnh minh chứng).`, "NGƯỜI KIỂM TRA", "Lê Văn Thắng", "Bùi Văn Nam", "Nguyễn Văn Hùng"]) {
    expect(text, s).toContain(s);
  }
  expect(xml).toMatch(/<w:rFonts w:ascii="Times New Roman"/);
  expect(xml).toContain('w:w="11906" w:h="16838"');

  // The member inspected is told, in the page's words: "Hạn khắc phục".
  await signIn(page, "tuky.canbo04");
  await page.goto("/o/tu-ky/notifications");
  await expect(page.getByText(/Yêu cầu chấn chỉnh: C11 .*\. Hạn khắc phục 17\/03\/2026\.$/)).toBeVisible();

  // He sees his result but not the record of everyone: no link, and 403.
  await page.goto(`/o/tu-ky/inspections/${id}`);
  await expect(page.getByRole("heading", { name: "Kết quả của bạn" })).toBeVisible();
  await expect(page.getByRole("link", { name: "In biên bản" })).toHaveCount(0);
  const res = await page.goto(`/o/tu-ky/inspections/${id}/print`);
  expect(res!.status()).toBe(403);
});
