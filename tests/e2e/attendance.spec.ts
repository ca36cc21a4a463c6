import { expect, signIn, storedRow, test, type Page } from "./fixtures";

test.use({ viewport: { width: 360, height: 780 } });

// On a phone: the clerk checks in with one big button; the director sees her on today's board.
// The server's clock starts on Tuesday 10/03/2026 08:00 (playwright.config.ts), after opening time.
// Issue 17: with JavaScript, one request from the tap to the confirmed state (decision 0037).
test("a clerk checks in on a phone and the director sees her on today's board", async ({ page, baseURL }) => {
  await signIn(page, "tuky.canbo01");
  await page.goto("/o/tu-ky/attendance");
  const button = page.getByRole("button", { name: "Chấm công vào" });
  await expect(button).toBeVisible();
  const box = await button.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(64);
  // A warm page: hydrated, its scripts and route manifest loaded.
  await page.waitForLoadState("networkidle");
  const requests: string[] = [];
  // What the app asks the server for (pages, data, the route manifest); not the browser's own fetch
  // of the tab's icon, which Chromium makes whenever it likes.
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.origin === new URL(baseURL!).origin && ["document", "fetch", "xhr"].includes(r.resourceType())) requests.push(`${r.method()} ${url.pathname}${url.search}`);
  });
  await button.click();
  await expect(page.getByTestId("today-status")).toContainText("Có mặt");
  await expect(page.getByTestId("today-status")).toContainText("Đi muộn");
  await expect(page.getByRole("button", { name: "Chấm công ra" })).toBeVisible();
  await expect(page.getByTestId("notice")).toContainText(/Đã chấm công vào lúc 08:\d\d\./);
  expect(requests).toEqual(["POST /o/tu-ky/attendance.data?index"]);
  // Nothing loads after it either (no revalidation of the layout or the page).
  await page.waitForLoadState("networkidle");
  expect(requests).toHaveLength(1);
  // What is stored: one check-in at the server's time, not checked out.
  const stored = await todayRecord("tuky.canbo01");
  expect(stored).toMatchObject({ check_out_at: null });
  expect(Date.parse(stored!.check_in_at)).toBeGreaterThanOrEqual(Date.parse("2026-03-10T01:00:00Z"));
  await page.getByText("Menu", { exact: true }).click();
  await page.getByRole("button", { name: "Đăng xuất" }).first().click();

  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/attendance");
  const board = page.locator("section", { hasText: "Tình hình đi làm" });
  await expect(board.locator("div", { hasText: /^Đi muộn/ }).first()).toContainText("Hoàng Thị Lan");
});

type Rec = { check_in_at: string; check_out_at: string | null };
const todayRecord = (username: string) =>
  storedRow<Rec>(
    `select r.check_in_at, r.check_out_at from attendance_records r join memberships m on m.id = r.membership_id
       join users u on u.id = m.user_id where u.username = ? and r.date = '2026-03-10'`,
    username,
  );

async function tapCheckOut(page: Page, username: string) {
  await signIn(page, username);
  await page.goto("/o/tu-ky/attendance");
  // Checked in this morning (the demo data): the check-out is offered, not a second check-in.
  await expect(page.getByRole("button", { name: "Chấm công vào" })).toHaveCount(0);
  expect(await todayRecord(username)).toMatchObject({ check_out_at: null });
  // A tap on "Chấm công ra" at 08:00 asks first and records nothing.
  await page.getByRole("button", { name: "Chấm công ra" }).click();
  await expect(page.getByRole("alert")).toContainText(/Bạn đang chấm công ra sớm 8 giờ \d{1,2} phút\. Xác nhận\?/);
  expect(await todayRecord(username)).toMatchObject({ check_out_at: null });
}

// Issue 13, item 3. The clock starts at 08:00 on Tuesday 10/03/2026; the day ends at 16:30.
test("an early check-out is confirmed first, and the member can undo it", async ({ page }) => {
  await tapCheckOut(page, "tuky.canbo05");
  await page.getByRole("link", { name: "Chưa, quay lại" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);
  expect(await todayRecord("tuky.canbo05")).toMatchObject({ check_out_at: null });

  await page.getByRole("button", { name: "Chấm công ra" }).click();
  await page.getByRole("button", { name: "Xác nhận chấm công ra" }).click();
  await expect(page.getByTestId("today-status")).toContainText(/Về sớm 8 giờ \d{1,2} phút/);
  expect((await todayRecord("tuky.canbo05"))!.check_out_at).not.toBeNull();
  // No button that would do nothing: the day is over, and the check-out can be undone for 10 minutes.
  await expect(page.getByRole("button", { name: "Chấm công vào" })).toHaveCount(0);
  await expect(page.getByText("Bạn đã chấm công ra.")).toBeVisible();
  await expect(page.getByText(/Bấm nhầm\? Bạn có thể hủy lần chấm công ra này đến 08:1\d\./)).toBeVisible();

  await page.getByRole("button", { name: "Hủy chấm công ra" }).click();
  await expect(page.getByRole("button", { name: "Chấm công ra" })).toBeVisible();
  await expect(page.getByTestId("today-status")).not.toContainText("Về sớm");
  expect(await todayRecord("tuky.canbo05")).toMatchObject({ check_out_at: null });
  const audit = await storedRow<{ n: number }>(`select count(*) as n from audit_log where action = 'attendance.checkOutUndone'`);
  expect(audit!.n).toBe(1);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the early check-out confirmation works from plain HTML forms", async ({ page }) => {
    await tapCheckOut(page, "tuky.canbo06");
    await page.getByRole("button", { name: "Xác nhận chấm công ra" }).click();
    await expect(page.getByTestId("today-status")).toContainText(/Về sớm 8 giờ \d{1,2} phút/);
    expect((await todayRecord("tuky.canbo06"))!.check_out_at).not.toBeNull();
  });
});
