import { expect, signIn, storedRow, storedRows, test } from "./fixtures";

// Issue 13, "every form, through the page": the admin's and director's settings — a calendar
// decision added and removed, an annual day off added and removed, seasonal hours changed from a
// later date and withdrawn, the evaluation weights, and the centre's notification channels with a
// member's choice of them. Each test puts back what it changed (other specs read the calendar, the
// schedule and the weights). Server clock: Tuesday 10/03/2026 08:00.

test("the admin adds an official day off for 2027 and removes it again", async ({ page }) => {
  const decision = () => storedRow("select kind, name, source from calendar_days where date = '2027-05-03'");
  await signIn(page, "tuky.admin");
  await page.goto("/o/tu-ky/calendar?month=2027-05");
  const decisions = page.getByRole("region", { name: "Quyết định chính thức" });
  await decisions.getByLabel("Ngày", { exact: true }).fill("03/05/2027");
  await decisions.getByLabel("Loại ngày").selectOption({ label: "Ngày nghỉ" });
  await decisions.getByLabel("Tên ngày").fill("Nghỉ bù Ngày Quốc tế Lao động");
  await decisions.getByLabel("Căn cứ").fill("Thông báo số 15/TB-UBND ngày 20/4/2027 của UBND tỉnh");
  await decisions.getByRole("button", { name: "Thêm quyết định" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã thêm ngày 03/05/2027: Nghỉ bù Ngày Quốc tế Lao động.");
  await expect(page.locator('li[data-date="2027-05-03"]').first()).toContainText("Nghỉ bù Ngày Quốc tế Lao động");
  expect(await decision()).toEqual({ kind: "off", name: "Nghỉ bù Ngày Quốc tế Lao động", source: "Thông báo số 15/TB-UBND ngày 20/4/2027 của UBND tỉnh" });

  await page.getByRole("button", { name: "Xóa quyết định ngày 03/05/2027" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã xóa quyết định ngày 03/05/2027; ngày này trở lại theo lịch mặc định.");
  expect(await decision()).toBeUndefined();
});

test("the admin adds the centre's own annual day off from 2030, then removes it", async ({ page }) => {
  const name = "Ngày thành lập Trung tâm";
  await signIn(page, "tuky.admin");
  await page.goto("/o/tu-ky/calendar?month=2030-07");
  const rules = page.getByRole("region", { name: "Ngày nghỉ hằng năm" });
  const add = rules.locator("form").last();
  await add.getByLabel("Ngày/tháng").fill("01/07");
  await add.getByLabel("Tên ngày nghỉ").fill(name);
  await add.getByLabel("Từ năm").fill("2030");
  await add.getByLabel("Căn cứ").fill("Quyết định số 88/QĐ-UBND ngày 01/7/2025");
  await add.getByRole("button", { name: "Thêm", exact: true }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã lưu ngày nghỉ hằng năm 01/07: ${name}.`);
  expect(await storedRow("select month, day, from_year, enabled from holiday_rules where name = ?", name)).toEqual({ month: 7, day: 1, from_year: 2030, enabled: 1 });
  await expect(page.locator('li[data-date="2030-07-01"]').first()).toContainText(name);

  const added = rules.getByRole("listitem").filter({ hasText: `01/07 — ${name}` });
  await added.getByRole("button", { name: "Xóa" }).click();
  await expect(page.getByTestId("notice")).toHaveText(`Đã xóa ngày nghỉ hằng năm “${name}”.`);
  expect(await storedRows("select id from holiday_rules where name = ?", name)).toEqual([]);
});

test("the admin moves the summer afternoon's end from 2027, then withdraws the change", async ({ page }) => {
  await signIn(page, "tuky.admin");
  await page.goto("/o/tu-ky/settings/schedule");
  const form = page.locator("form", { has: page.locator('input[name="intent"][value="seasons"]') });
  const summer = form.getByRole("group", { name: "Mùa 1" });
  await expect(summer.getByLabel("Tên mùa")).toHaveValue("Mùa hè");
  await summer.getByLabel("Chiều kết thúc").fill("17:30");
  await form.getByLabel("Áp dụng từ ngày").fill("01/01/2027");
  await form.getByRole("button", { name: "Lưu giờ theo mùa" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã lưu giờ làm việc theo mùa, áp dụng từ ngày 01/01/2027.");
  await expect(page.locator('li[data-version="2027-01-01"]')).toContainText("Sắp áp dụng");
  const seasons = JSON.parse((await storedRow<{ seasons: string }>("select v.seasons from schedule_versions v join organizations o on o.id = v.org_id where o.slug = 'tu-ky' and v.effective_from = '2027-01-01'"))!.seasons) as { name: string; afternoonEnd: string }[];
  expect(seasons.find((s) => s.name === "Mùa hè")!.afternoonEnd).toBe("17:30");

  await page.getByRole("button", { name: "Xóa thay đổi áp dụng từ 01/01/2027" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã xóa thay đổi giờ làm việc dự kiến áp dụng từ ngày 01/01/2027.");
  await expect(page.locator('li[data-version="2027-01-01"]')).toHaveCount(0);
});

test("the director weighs quality more, then puts the weights back", async ({ page }) => {
  const weights = () =>
    storedRow<{ weight_quantity: number; weight_quality: number; weight_timeliness: number }>(
      "select w.weight_quantity, w.weight_quality, w.weight_timeliness from evaluation_weight_versions w join organizations o on o.id = w.org_id where o.slug = 'tu-ky' order by w.effective_from desc limit 1",
    );
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/evaluations");
  const form = page.getByRole("region", { name: "Trọng số ba thành phần kết quả nhiệm vụ" });
  const was = await Promise.all(["Số lượng", "Chất lượng", "Tiến độ"].map((l) => form.getByLabel(l, { exact: true }).inputValue()));
  await form.getByLabel("Số lượng", { exact: true }).fill("30");
  await form.getByLabel("Chất lượng", { exact: true }).fill("40");
  await form.getByLabel("Tiến độ", { exact: true }).fill("30");
  await form.getByRole("button", { name: "Lưu trọng số" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã lưu trọng số: số lượng 30%, chất lượng 40%, tiến độ 30%.");
  expect(await weights()).toEqual({ weight_quantity: 30, weight_quality: 40, weight_timeliness: 30 });

  // A fresh page, so that the same notice seen next is the second save's.
  await page.reload();
  await form.getByLabel("Số lượng", { exact: true }).fill(was[0]!);
  await form.getByLabel("Chất lượng", { exact: true }).fill(was[1]!);
  await form.getByLabel("Tiến độ", { exact: true }).fill(was[2]!);
  await form.getByRole("button", { name: "Lưu trọng số" }).click();
  await expect(page.getByTestId("notice")).toContainText("Đã lưu trọng số: số lượng");
  expect(await weights()).toEqual({ weight_quantity: Number(was[0]), weight_quality: Number(was[1]), weight_timeliness: Number(was[2]) });
});

test("the admin sets up the e-mail API; a clerk chooses to get her notifications by e-mail", async ({ page, newPage }) => {
  const channels = () => storedRow<{ email_endpoint: string; email_from: string; digest_hour: number }>("select c.email_endpoint, c.email_from, c.digest_hour from org_channels c join organizations o on o.id = c.org_id where o.slug = 'tu-ky'");
  await signIn(page, "tuky.admin");
  await page.goto("/o/tu-ky/settings/notifications");
  const before = await channels();
  await page.getByLabel("Địa chỉ API gửi thư").fill("https://mail.tuky.example.vn/api/send");
  await page.getByLabel("Khóa API gửi thư").fill("khoa-bi-mat-thu-nghiem");
  await page.getByLabel("Địa chỉ người gửi").fill("tiepnhan@tuky.example.vn");
  await page.getByLabel("Giờ gửi tóm tắt hằng ngày cho lãnh đạo").fill("7");
  await page.getByRole("button", { name: "Lưu cấu hình" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã lưu cấu hình gửi thông báo của Trung tâm.");
  expect(await channels()).toEqual({ email_endpoint: "https://mail.tuky.example.vn/api/send", email_from: "tiepnhan@tuky.example.vn", digest_hour: 7 });

  const clerk = await newPage();
  await signIn(clerk, "tuky.canbo09");
  await clerk.goto("/o/tu-ky/notifications");
  const mine = clerk.locator("section", { has: clerk.getByRole("heading", { name: "Kênh nhận thông báo của tôi" }) });
  await mine.getByLabel("Nhận qua thư điện tử").check();
  await mine.getByRole("button", { name: "Lưu" }).click();
  await expect(clerk.getByTestId("notice")).toHaveText("Đã lưu cách bạn nhận thông báo.");
  await expect(mine.getByLabel("Nhận qua thư điện tử")).toBeChecked();
  expect(
    await storedRow("select c.email from member_channels c join memberships m on m.id = c.membership_id join users u on u.id = m.user_id where u.username = 'tuky.canbo09'"),
  ).toEqual({ email: 1 });

  // Back as it was: no e-mail API (nothing is sent out from the tests). A fresh page, so that the
  // same notice seen next is the second save's.
  await page.reload();
  await page.getByLabel("Địa chỉ API gửi thư").fill(before?.email_endpoint ?? "");
  await page.getByLabel("Địa chỉ người gửi").fill(before?.email_from ?? "");
  await page.getByLabel("Giờ gửi tóm tắt hằng ngày cho lãnh đạo").fill(String(before?.digest_hour ?? 7));
  await page.getByRole("button", { name: "Lưu cấu hình" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã lưu cấu hình gửi thông báo của Trung tâm.");
  expect((await channels())!.email_endpoint).toBe(before?.email_endpoint ?? "");
});
