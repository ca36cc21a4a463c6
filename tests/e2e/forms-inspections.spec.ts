import { expect, signIn, storedRow, storedRows, test } from "./fixtures";

// Issue 13, "every form, through the page": an inspection on the full form (results saved as a
// draft, photos added and removed, submitted), a corrective action concluded as not resolved, an
// addendum; a quick-mode draft deleted; the centre's checklists copied, edited, stopped and used
// again. The inspector is Lê Văn Thắng; the members are Quầy 4's (Đặng Văn Toàn, Mai Văn Sơn),
// whom the other inspection specs leave alone. Server clock: Tuesday 10/03/2026 08:00.

/** An 8×8 PNG, as a phone camera would hand over a (much larger) photo. */
const PHOTO = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAPklEQVR4AayNwQkAIAwDQ/fQdRxDR3MMXcdF9JVSfLSfFo5CuBApfV0PQXAqnNlgYU8FBv9PFOrYsHAqnHgAAAD//wid6NoAAAAGSURBVAMACLEdqecsoPYAAAAASUVORK5CYII=",
  "base64",
);

test("a full inspection: results saved, photos added and one removed, submitted; an action not resolved; an addendum", async ({ page }) => {
  await signIn(page, "tuky.kiemtra");
  await page.goto("/o/tu-ky/inspections/new");
  await page.getByRole("combobox", { name: /^Quầy/ }).selectOption({ label: "Quầy 4 – Kinh tế – Hộ kinh doanh" });
  await page.getByLabel("Địa điểm").fill("Khu vực tiếp nhận tầng 1");
  await page.getByRole("checkbox", { name: /Mai Văn Sơn/ }).check();
  await page.getByRole("checkbox", { name: /Đặng Văn Toàn/ }).check();
  await page.getByRole("button", { name: "Tạo biên bản và đánh giá" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã tạo biên bản kiểm tra nháp.");
  await expect(page.getByRole("heading", { name: "Biên bản kiểm tra ngày 10/03/2026" })).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").pop()!;
  expect(await storedRow("select status, mode, counter, place from inspections where id = ?", id)).toEqual({
    status: "draft",
    mode: "full",
    counter: "Quầy 4 – Kinh tế – Hộ kinh doanh",
    place: "Khu vực tiếp nhận tầng 1",
  });

  // Mai Văn Sơn is not at his counter: C05 fails, with a note; saved as a draft.
  const son = page.getByRole("region", { name: /Mai Văn Sơn/ });
  await son.getByRole("group", { name: "Mai Văn Sơn — C05" }).getByText("Không đạt").click();
  await son.getByLabel("Ghi chú C05").fill("Rời vị trí 20 phút khi có công dân chờ.");
  await page.getByLabel("Ghi chú chung").fill("Kiểm tra đột xuất buổi sáng.");
  await page.getByRole("button", { name: "Lưu kết quả" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã lưu nháp biên bản.");
  const result = () =>
    storedRow<{ outcome: string; note: string }>(
      "select r.outcome, r.note from inspection_results r join inspection_template_items i on i.id = r.item_id join memberships m on m.id = r.membership_id join users u on u.id = m.user_id where r.inspection_id = ? and u.username = 'tuky.canbo10' and i.code = 'C05'",
      id,
    );
  expect(await result()).toEqual({ outcome: "fail", note: "Rời vị trí 20 phút khi có công dân chờ." });

  // Two photos: one of him at C05, one of the room; the second is removed again.
  // Each upload starts from a fresh page: the same notice twice in a row would not show that the second arrived.
  const upload = async (about: string, item: string | null, name: string) => {
    await page.reload();
    await page.getByLabel("Ảnh về").selectOption({ label: about });
    if (item) await page.getByLabel("Tiêu chí", { exact: true }).selectOption({ label: item });
    await page.getByLabel("Ảnh minh chứng", { exact: true }).setInputFiles({ name, mimeType: "image/png", buffer: PHOTO });
    await page.getByRole("button", { name: "Tải ảnh lên" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Đã thêm ảnh minh chứng.");
  };
  const c05 = await page.getByLabel("Tiêu chí", { exact: true }).locator("option", { hasText: /^C05 — / }).textContent();
  await upload("Mai Văn Sơn", c05!, "quay-4.png");
  await upload("— Toàn cảnh (không gắn với cán bộ) —", null, "khu-vuc-cho.png");
  await expect(page.getByRole("img", { name: "Ảnh minh chứng: Mai Văn Sơn · C05" })).toBeVisible();
  expect(await storedRows("select file_name from inspection_photos where inspection_id = ? order by file_name", id)).toHaveLength(2);
  await page.getByRole("listitem").filter({ has: page.getByRole("img", { name: "Ảnh minh chứng: khu-vuc-cho.png" }) }).getByRole("button", { name: "Xóa ảnh" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã xóa ảnh minh chứng.");
  expect(await storedRows("select membership_id is not null as about_member from inspection_photos where inspection_id = ?", id)).toEqual([{ about_member: 1 }]);

  await page.getByRole("button", { name: "Nộp biên bản" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã nộp biên bản kiểm tra.");
  expect((await storedRow<{ status: string }>("select status from inspections where id = ?", id))!.status).toBe("submitted");

  // A corrective action; he explains; the inspector finds it not resolved.
  await page.getByLabel("Yêu cầu", { exact: true }).fill("Có mặt tại quầy suốt giờ tiếp nhận; báo lãnh đạo khi cần rời vị trí.");
  await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã gửi yêu cầu chấn chỉnh cho Mai Văn Sơn, hạn khắc phục 17/03/2026.");
  const url = page.url();
  await signIn(page, "tuky.canbo10");
  await page.goto(url);
  await page.getByLabel("Giải trình").fill("Tôi ra bộ phận một cửa liên thông lấy hồ sơ, không báo trước.");
  await page.getByRole("button", { name: "Gửi giải trình" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã gửi giải trình.");
  await signIn(page, "tuky.kiemtra");
  await page.goto(url);
  await page.getByLabel("Nhận xét").fill("Cần báo trước; theo dõi thêm một tuần.");
  await page.getByRole("button", { name: "Chưa khắc phục" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã kết luận: chưa khắc phục.");
  expect(await storedRow("select status, verification_note from inspection_actions where inspection_id = ?", id)).toEqual({
    status: "unresolved",
    verification_note: "Cần báo trước; theo dõi thêm một tuần.",
  });

  // The submitted record is amended only by an addendum.
  await page.getByLabel("Nội dung bổ sung").fill("Bổ sung: Đặng Văn Toàn hỗ trợ công dân thay trong thời gian Mai Văn Sơn vắng mặt.");
  await page.getByLabel("Liên quan đến").selectOption({ label: "Đặng Văn Toàn" });
  await page.getByRole("button", { name: "Ghi bổ sung", exact: true }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã thêm nội dung bổ sung vào biên bản.");
  await expect(page.getByText("Bổ sung: Đặng Văn Toàn hỗ trợ công dân thay")).toBeVisible();
  expect(await storedRows("select text from inspection_addenda where inspection_id = ?", id)).toEqual([
    { text: "Bổ sung: Đặng Văn Toàn hỗ trợ công dân thay trong thời gian Mai Văn Sơn vắng mặt." },
  ]);
});

test("a quick check saved as a draft, then deleted", async ({ page }) => {
  await signIn(page, "tuky.kiemtra");
  await page.goto("/o/tu-ky/inspections/new?quick=1");
  await page.getByLabel("Quầy 4 – Kinh tế – Hộ kinh doanh").check();
  await page.getByRole("button", { name: "Bắt đầu kiểm tra" }).click();
  await page.locator("section", { hasText: "Đặng Văn Toàn" }).getByRole("checkbox", { name: /C02/ }).check();
  await page.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã lưu nháp biên bản.");
  const id = new URL(page.url()).pathname.split("/").pop()!;
  expect(await storedRow("select status, mode from inspections where id = ?", id)).toEqual({ status: "draft", mode: "quick" });

  await page.getByRole("checkbox", { name: /bản nháp và ảnh của nó bị xóa hẳn/ }).check();
  await page.getByRole("button", { name: "Xóa bản nháp" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã xóa biên bản nháp.");
  await expect(page).toHaveURL(/\/o\/tu-ky\/inspections$/);
  expect(await storedRows("select id from inspections where id = ?", id)).toEqual([]);
});

test("the inspector copies the built-in checklist, edits it, stops and reuses it, and copies it again", async ({ page }) => {
  const name = "Kiểm tra công vụ – đợt cao điểm cuối năm";
  const template = (n: string) => storedRow<{ id: string; active: number }>("select id, active from inspection_templates where name = ?", n);
  await signIn(page, "tuky.kiemtra");
  await page.goto("/o/tu-ky/inspections/templates");
  await page.getByRole("button", { name: "Sao chép mẫu chuẩn" }).click();
  await expect(page.getByTestId("notice")).toHaveText(/^Đã tạo bộ tiêu chí “.+” để chỉnh sửa\.$/);
  await expect(page).toHaveURL(/\/inspections\/templates\/[^/]+$/);

  await page.getByLabel("Tên bộ tiêu chí").fill(name);
  const codes = page.getByLabel("Mã", { exact: true });
  const n = await codes.evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).value).length);
  await codes.nth(n).fill("C16");
  await page.getByLabel("Nội dung tiêu chí").nth(n).fill("Hướng dẫn công dân dùng dịch vụ công trực tuyến khi hồ sơ đủ điều kiện.");
  await page.getByRole("button", { name: "Lưu bộ tiêu chí" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã lưu bộ tiêu chí “${name}”.`);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  expect(
    (await storedRow<{ n: number }>(
      "select count(*) as n from inspection_template_items i join inspection_templates t on t.current_version_id = i.version_id where t.name = ? and i.code = 'C16'",
      name,
    ))!.n,
  ).toBe(1);

  await page.getByRole("button", { name: "Ngừng sử dụng" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã ngừng sử dụng bộ tiêu chí “${name}”.`);
  expect((await template(name))!.active).toBe(0);
  await page.getByRole("button", { name: "Sử dụng lại" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã dùng lại bộ tiêu chí “${name}”.`);
  expect((await template(name))!.active).toBe(1);

  await page.getByRole("link", { name: "Bộ tiêu chí kiểm tra" }).first().click();
  await page.getByRole("listitem").filter({ hasText: name }).first().getByRole("button", { name: "Sao chép" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã tạo bộ tiêu chí “${name} (bản sao)” để chỉnh sửa.`);
  expect((await template(`${name} (bản sao)`))!.active).toBe(1);

  // Both stopped again: other tests keep inspecting with the centre's own checklist alone.
  await page.getByRole("button", { name: "Ngừng sử dụng" }).click();
  await expect(page.getByTestId("notice")).toContainText("Đã ngừng sử dụng");
  await page.goto(`/o/tu-ky/inspections/templates/${(await template(name))!.id}`);
  await page.getByRole("button", { name: "Ngừng sử dụng" }).click();
  await expect(page.getByTestId("notice")).toContainText("Đã ngừng sử dụng");
  expect([(await template(name))!.active, (await template(`${name} (bản sao)`))!.active]).toEqual([0, 0]);
});
