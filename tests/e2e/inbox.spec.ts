import { expect, storedRows as stored, test, type Browser, type Page } from "./fixtures";

// "Chờ tôi xử lý": approvers are told that something waits for them and find it in one list that
// leads to where it is decided. Server clock: Tuesday 10/03/2026 08:00 (playwright.config.ts).

async function signedIn(browser: Browser, username: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill("RoViec@2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/o\/tu-ky$/);
  return page;
}

const count = async (page: Page, testId: string) => Number((await page.getByTestId(testId).last().textContent({ timeout: 1000 }).catch(() => "0")) || 0);

test("a leave request waits in the deputy's list, which leads to the decision", async ({ browser }) => {
  const deputy = await signedIn(browser, "tuky.phogiamdoc");
  const waitingBefore = await count(deputy, "inbox-count");
  const leaveBefore = await count(deputy, "dash-inbox-leave");

  // Lý Văn Dũng asks for two days of annual leave on the leave page.
  const clerk = await signedIn(browser, "tuky.canbo08");
  await clerk.goto("/o/tu-ky/leave");
  await clerk.getByLabel("Loại nghỉ").selectOption({ label: "Nghỉ phép năm" });
  await clerk.getByLabel("Từ ngày").fill("2026-04-06");
  await clerk.getByLabel("Đến ngày").fill("2026-04-07");
  await clerk.getByLabel("Lý do").fill("Về quê dự đám cưới em gái");
  await clerk.getByRole("button", { name: "Gửi đơn" }).click();
  // Wait for this request's own notice: the reason alone is already on her page (feedback.spec.ts
  // sends one with the same reason), and on PostgreSQL the deputy's reload can otherwise be answered
  // before the request is stored.
  await expect(clerk.getByTestId("notice")).toHaveText("Đã gửi đơn nghỉ phép năm từ 06/04/2026 đến 07/04/2026; chờ lãnh đạo duyệt.");

  // The deputy's header and dashboard count it; the bell says what it is.
  await deputy.reload();
  await expect(deputy.getByTestId("inbox-count").last()).toHaveText(String(waitingBefore + 1));
  await expect(deputy.getByTestId("dash-inbox-leave")).toHaveText(String(leaveBefore + 1));
  await deputy.getByTestId("bell").last().click();
  await expect(deputy.getByText("Lý Văn Dũng xin nghỉ phép năm từ 06/04/2026 đến 07/04/2026, chờ bạn duyệt.")).toBeVisible();

  // The list names it and leads to the leave page, where the deputy approves it.
  await deputy.getByTestId("inbox-link").last().click();
  await expect(deputy.getByRole("heading", { name: "Chờ tôi xử lý", level: 1 })).toBeVisible();
  const leave = deputy.getByTestId("inbox-leave");
  await expect(leave.getByRole("heading", { name: "Đơn nghỉ phép chờ duyệt" })).toBeVisible();
  await leave.getByRole("link", { name: "Lý Văn Dũng: nghỉ phép năm từ 06/04/2026 đến 07/04/2026" }).click();
  await expect(deputy).toHaveURL(/\/o\/tu-ky\/leave#leave-pending$/);
  // Other specs send leave with the same reason: this one is Lý Văn Dũng's from 06/04.
  const request = deputy.locator("li", { hasText: "Về quê dự đám cưới em gái" }).filter({ hasText: "06/04/2026" });
  await request.getByLabel("Ý kiến của lãnh đạo").fill("Đồng ý, bàn giao hồ sơ cho Quầy 3.");
  await request.getByRole("button", { name: "Duyệt", exact: true }).click();
  await expect(request).toHaveCount(0);

  // Stored: approved by the deputy; gone from her list and her count.
  const rows = await stored<{ status: string; decided_by: string; decision_note: string }>(
    "select l.status, l.decided_by, l.decision_note from leave_requests l join memberships m on m.id = l.membership_id join users u on u.id = m.user_id where u.username = ? and l.start_date = ?",
    "tuky.canbo08",
    "2026-04-06",
  );
  const deputyId = (await stored<{ id: string }>("select m.id from memberships m join users u on u.id = m.user_id where u.username = ?", "tuky.phogiamdoc"))[0]!.id;
  expect(rows).toEqual([{ status: "approved", decided_by: deputyId, decision_note: "Đồng ý, bàn giao hồ sơ cho Quầy 3." }]);
  await deputy.goto("/o/tu-ky/inbox");
  await expect(deputy.getByRole("link", { name: /Lý Văn Dũng: nghỉ phép năm từ 06\/04\/2026/ })).toHaveCount(0);
  expect(await count(deputy, "inbox-count")).toBe(waitingBefore);
});

test("an explanation waits for the inspector, and the member is told the conclusion", async ({ browser }) => {
  // Hoàng Thị Lan explains the open corrective action about her badge (demo data, C03).
  const clerk = await signedIn(browser, "tuky.canbo01", { width: 360, height: 780 });
  await clerk.goto("/o/tu-ky/inspections");
  await clerk.getByRole("link", { name: "Xem biên bản" }).first().click();
  await clerk.getByLabel("Giải trình").fill("Tôi đã đeo thẻ công chức trên ngực áo từ hôm sau, có ảnh tại quầy.");
  await clerk.getByRole("button", { name: "Gửi giải trình" }).click();
  await expect(clerk.getByText("Đã giải trình, chờ kết luận")).toBeVisible();

  // The inspector is told, and finds it in "Chờ tôi xử lý" with a link to the action itself.
  const inspector = await signedIn(browser, "tuky.kiemtra", { width: 360, height: 780 });
  await inspector.getByTestId("bell").first().click();
  await expect(inspector.getByText(/Hoàng Thị Lan đã giải trình yêu cầu chấn chỉnh “C03 .*”, chờ bạn kết luận\./)).toBeVisible();
  await inspector.goto("/o/tu-ky/inbox");
  const section = inspector.getByTestId("inbox-explanations");
  const item = section.locator("li", { hasText: "Hoàng Thị Lan đã giải trình" });
  await expect(item).toHaveCount(1);
  await item.getByRole("link").click();
  await expect(inspector).toHaveURL(/\/o\/tu-ky\/inspections\/[^/]+#action-/);
  const actionId = new URL(inspector.url()).hash.slice("#action-".length);
  const card = inspector.locator(`#action-${actionId}`);
  await expect(card.getByText("Tôi đã đeo thẻ công chức trên ngực áo từ hôm sau")).toBeVisible();
  await card.getByLabel("Nhận xét").fill("Đã kiểm tra lại tại Quầy 1: đeo thẻ đúng quy định.");
  await card.getByRole("button", { name: "Đã khắc phục" }).click();
  await expect(inspector.locator(`#action-${actionId}`).getByText("Đã kiểm tra lại tại Quầy 1: đeo thẻ đúng quy định.")).toBeVisible();

  expect(await stored<{ status: string; verification_note: string }>("select status, verification_note from inspection_actions where id = ?", actionId)).toEqual([
    { status: "resolved", verification_note: "Đã kiểm tra lại tại Quầy 1: đeo thẻ đúng quy định." },
  ]);
  await inspector.goto("/o/tu-ky/inbox");
  await expect(inspector.locator("li", { hasText: "Hoàng Thị Lan đã giải trình" })).toHaveCount(0);

  // The member learns the conclusion from the bell.
  await clerk.goto("/o/tu-ky/notifications");
  await expect(clerk.getByText(/Kết luận yêu cầu chấn chỉnh “C03 .*”: đã khắc phục\./)).toBeVisible();
});
