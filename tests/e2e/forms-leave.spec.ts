import { expect, signIn, storedRow, storedRows, test } from "./fixtures";

// Issue 13, "every form, through the page": a leave request cancelled by its author, one refused
// with a reason, and the director's notifications about them marked read one by one and all at
// once. Trịnh Thị Hà (tuky.canbo09) asks; no other spec sends leave for her. Clock: 10/03/2026.

test("a clerk cancels one leave request; the director reads the notifications and refuses the other", async ({ page, newPage }) => {
  const requests = () =>
    storedRows<{ start_date: string; status: string; decision_note: string }>(
      "select l.start_date, l.status, l.decision_note from leave_requests l join memberships m on m.id = l.membership_id join users u on u.id = m.user_id where u.username = 'tuky.canbo09' and l.start_date >= '2026-04-01' order by l.start_date",
    );
  await signIn(page, "tuky.canbo09");
  await page.goto("/o/tu-ky/leave");
  const ask = async (from: string, to: string, reason: string) => {
    await page.getByLabel("Loại nghỉ").selectOption({ label: "Nghỉ phép năm" });
    await page.getByLabel("Từ ngày").fill(from);
    await page.getByLabel("Đến ngày").fill(to);
    await page.getByLabel("Lý do").fill(reason);
    await page.getByRole("button", { name: "Gửi đơn" }).click();
    await expect(page.getByTestId("notice")).toHaveText(`Đã gửi đơn nghỉ phép năm từ ${from} đến ${to}; chờ lãnh đạo duyệt.`);
  };
  await ask("23/04/2026", "24/04/2026", "Đưa con đi khám mắt ở Hà Nội");
  await ask("11/05/2026", "12/05/2026", "Về quê giỗ ông nội");

  // She changes her mind about April.
  await page.getByRole("listitem").filter({ hasText: "Đưa con đi khám mắt ở Hà Nội" }).getByRole("button", { name: "Hủy đơn" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Đã hủy đơn nghỉ phép năm từ 23/04/2026 đến 24/04/2026.");
  await expect(page.getByRole("listitem").filter({ hasText: "Đưa con đi khám mắt ở Hà Nội" })).toContainText("Đã hủy");
  expect((await requests()).map((r) => [r.start_date, r.status])).toEqual([
    ["2026-04-23", "cancelled"],
    ["2026-05-11", "pending"],
  ]);

  // The director's bell: one notification marked read, then all of them.
  const director = await newPage();
  await signIn(director, "tuky.giamdoc");
  await director.goto("/o/tu-ky/notifications");
  const about = (from: string) => director.getByRole("listitem").filter({ hasText: `Trịnh Thị Hà xin nghỉ phép năm từ ${from}` });
  await about("11/05/2026").getByRole("button", { name: "Đã đọc" }).click();
  await expect(director.getByTestId("notice")).toHaveText("Đã đánh dấu thông báo là đã đọc.");
  await expect(about("11/05/2026").getByRole("button", { name: "Đã đọc" })).toHaveCount(0);
  await expect(about("23/04/2026").getByRole("button", { name: "Đã đọc" })).toBeVisible();
  const unread = async () =>
    (await storedRow<{ n: number }>(
      "select count(*) as n from notifications n join memberships m on m.id = n.membership_id join users u on u.id = m.user_id where u.username = 'tuky.giamdoc' and n.read_at is null",
    ))!.n;
  expect(await unread()).toBeGreaterThan(0);
  await director.getByRole("button", { name: "Đánh dấu tất cả đã đọc" }).click();
  await expect(director.getByTestId("notice")).toHaveText("Đã đánh dấu tất cả thông báo là đã đọc.");
  await expect(director.getByRole("button", { name: "Đã đọc" })).toHaveCount(0);
  expect(await unread()).toBe(0);

  // Refusing needs a reason, given beside the request.
  await director.goto("/o/tu-ky/leave");
  const pending = director.getByRole("listitem").filter({ hasText: "Về quê giỗ ông nội" });
  await pending.getByRole("button", { name: "Không duyệt" }).click();
  await expect(pending.getByRole("alert")).toBeVisible();
  expect((await requests())[1]!.status).toBe("pending");
  await pending.getByLabel("Ý kiến của lãnh đạo").fill("Trùng đợt tiếp nhận hồ sơ cao điểm; đề nghị chọn tuần sau.");
  await pending.getByRole("button", { name: "Không duyệt" }).click();
  await expect(director.getByTestId("notice")).toHaveText("Đã không duyệt đơn nghỉ phép năm của Trịnh Thị Hà (11/05/2026 – 12/05/2026).");
  expect((await requests())[1]).toEqual({ start_date: "2026-05-11", status: "refused", decision_note: "Trùng đợt tiếp nhận hồ sơ cao điểm; đề nghị chọn tuần sau." });

  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: "Về quê giỗ ông nội" })).toContainText("Ý kiến: Trùng đợt tiếp nhận hồ sơ cao điểm");
});
