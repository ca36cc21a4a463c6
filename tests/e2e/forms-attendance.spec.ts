import { expect, signIn, storedRow, storedRows, test } from "./fixtures";

// Issue 13, "every form, through the page": attendance corrections (asked, accepted, refused) and
// the office networks. Server clock: Tuesday 10/03/2026 08:00. Đỗ Thị Hương (tuky.canbo03) asks;
// no other spec touches her attendance.

test("a clerk asks for two corrections; the deputy accepts one and refuses the other", async ({ page, newPage }) => {
  const corrections = () =>
    storedRows<{ date: string; check_in_time: string | null; status: string }>(
      "select c.date, c.check_in_time, c.status from attendance_corrections c join memberships m on m.id = c.membership_id join users u on u.id = m.user_id where u.username = 'tuky.canbo03' and c.date >= '2026-03-01' order by c.date",
    );
  await signIn(page, "tuky.canbo03");
  await page.goto("/o/tu-ky/attendance");
  const ask = page.locator("section", { has: page.getByRole("heading", { name: "Đề nghị điều chỉnh chấm công" }) });
  // Without a reason it is refused beside the field (which says it is invalid and is described by
  // the message), what was typed stays, and nothing is stored.
  await ask.getByLabel("Ngày").fill("09/03/2026");
  await ask.getByLabel("Giờ vào").fill("07:25");
  await ask.getByRole("button", { name: "Gửi đề nghị" }).click();
  await expect(ask.getByLabel("Lý do")).toHaveAttribute("aria-invalid", "true");
  await expect(ask.getByLabel("Lý do")).toHaveAccessibleDescription("Vui lòng nêu lý do.");
  await expect(ask.getByLabel("Giờ vào")).toHaveValue("07:25");
  await expect(ask.getByLabel("Ngày")).toHaveValue("09/03/2026");
  expect(await corrections()).toEqual([]);
  await ask.getByLabel("Ngày").fill("09/03/2026");
  await ask.getByLabel("Buổi").selectOption({ label: "Cả ngày" });
  await ask.getByLabel("Giờ vào").fill("07:25");
  await ask.getByLabel("Giờ ra").fill("17:05");
  await ask.getByLabel("Lý do").fill("Máy chấm công mất kết nối buổi sáng.");
  await ask.getByRole("button", { name: "Gửi đề nghị" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã gửi đề nghị điều chỉnh chấm công ngày 09/03/2026; lãnh đạo sẽ xem xét.");
  await ask.getByLabel("Ngày").fill("06/03/2026");
  await ask.getByLabel("Giờ vào").fill("07:20");
  await ask.getByLabel("Lý do").fill("Quên bấm chấm công khi đến.");
  await ask.getByRole("button", { name: "Gửi đề nghị" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã gửi đề nghị điều chỉnh chấm công ngày 06/03/2026; lãnh đạo sẽ xem xét.");
  await expect(ask.getByRole("listitem").filter({ hasText: "06/03/2026" })).toContainText("Chờ duyệt");
  expect(await corrections()).toEqual([
    { date: "2026-03-06", check_in_time: "07:20", status: "pending" },
    { date: "2026-03-09", check_in_time: "07:25", status: "pending" },
  ]);

  const deputy = await newPage();
  await signIn(deputy, "tuky.phogiamdoc");
  await deputy.goto("/o/tu-ky/attendance");
  const waiting = deputy.locator("section", { has: deputy.getByRole("heading", { name: "Đề nghị điều chỉnh chờ duyệt" }) });
  await waiting.getByRole("listitem").filter({ hasText: "Đỗ Thị Hương · 09/03/2026" }).getByRole("button", { name: "Chấp nhận", exact: true }).click();
  await expect(deputy.getByTestId("notice")).toHaveText("Đã chấp nhận đề nghị điều chỉnh chấm công ngày 09/03/2026 của Đỗ Thị Hương.");
  await waiting.getByRole("listitem").filter({ hasText: "Đỗ Thị Hương · 06/03/2026" }).getByRole("button", { name: "Không chấp nhận" }).click();
  await expect(deputy.getByTestId("notice")).toHaveText("Đã không chấp nhận đề nghị điều chỉnh chấm công ngày 06/03/2026 của Đỗ Thị Hương.");
  await expect(waiting.getByRole("listitem").filter({ hasText: "Đỗ Thị Hương" })).toHaveCount(0);
  expect((await corrections()).map((c) => [c.date, c.status])).toEqual([
    ["2026-03-06", "refused"],
    ["2026-03-09", "approved"],
  ]);

  await page.reload();
  await expect(ask.getByRole("listitem").filter({ hasText: "09/03/2026" })).toContainText("Đã chấp nhận");
  await expect(ask.getByRole("listitem").filter({ hasText: "06/03/2026" })).toContainText("Không chấp nhận");
});

test("the admin limits check-in to the office networks, then lifts the limit", async ({ page }) => {
  const networks = async () => (await storedRow<{ allowed_networks: string }>("select s.allowed_networks from org_settings s join organizations o on o.id = s.org_id where o.slug = 'tu-ky'"))!.allowed_networks;
  await signIn(page, "tuky.admin");
  await page.goto("/o/tu-ky/attendance");
  const field = page.getByLabel("Mạng văn phòng được phép chấm công");
  const form = page.locator("form", { has: field });
  // A typo is refused beside the field and stores nothing.
  await field.fill("203.162.10.0/33");
  await form.getByRole("button", { name: "Lưu" }).click();
  await expect(form.getByRole("alert")).toHaveText("Dải địa chỉ không hợp lệ.");
  expect(await networks()).toBe("");

  await field.fill("127.0.0.0/8\n::1/128");
  await form.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã lưu 2 dải địa chỉ mạng văn phòng; chỉ chấm công được từ các mạng này.");
  expect((await networks()).split(/\s+/)).toEqual(["127.0.0.0/8", "::1/128"]);

  // Lifted again, so that the other tests check in from anywhere.
  await page.getByLabel("Mạng văn phòng được phép chấm công").fill("");
  await form.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã bỏ giới hạn mạng: chấm công được ở bất kỳ đâu.");
  expect(await networks()).toBe("");
});
