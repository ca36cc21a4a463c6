import { expect, signIn, storedRows as stored, test } from "./fixtures";

// Issue 13, item 13: the small things a user meets. Server clock: Tuesday 10/03/2026 08:00.

test("the printed roster has its number, says its title once and never breaks a name", async ({ page }) => {
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/rosters");
  await page.getByRole("link", { name: "Lịch trực Tết Nguyên đán Bính Ngọ 2026" }).click();
  await page.getByRole("link", { name: "Bản in" }).click();
  await expect(page.getByRole("heading", { name: "LỊCH TRỰC", level: 1 })).toBeVisible();
  await expect(page.getByText("Tết Nguyên đán Bính Ngọ 2026", { exact: true })).toBeVisible();
  await expect(page.getByText("Lịch trực Tết Nguyên đán Bính Ngọ 2026", { exact: true })).toHaveCount(0);
  await expect(page.getByText(/^Số:\s+\/LT-TTPVHCC$/)).toBeVisible();
  const name = page.getByText("Nguyễn Văn Hùng", { exact: true }).first();
  expect(await name.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe("nowrap");
});

test("the leaders' morning digest does not count people not yet in as absent", async ({ page }) => {
  // The digest of 10/03 was made when the server started at 08:00, during the morning session.
  await signIn(page, "tuky.phogiamdoc");
  await page.goto("/o/tu-ky/notifications");
  await expect(page.getByText(/Tóm tắt ngày 10\/03\/2026: 0 vắng, \d+ việc quá hạn, \d+ yêu cầu chấn chỉnh đang mở\.$/)).toBeVisible();
});

test("a task's basis is said once: the reference when it already names its kind", async ({ page }) => {
  const [task] = await stored<{ id: string; source_ref: string }>(
    "select t.id, t.source_ref from tasks t join memberships m on m.id = t.assignee_id join users u on u.id = m.user_id where u.username = 'tuky.canbo01' and t.source_kind = 'meeting' and t.source_ref like 'Kết luận giao ban%' and t.status <> 'draft' limit 1",
  );
  expect(task).toBeTruthy();
  await signIn(page, "tuky.canbo01");
  await page.goto(`/o/tu-ky/tasks/${task!.id}`);
  await expect(page.getByText(task!.source_ref, { exact: true })).toBeVisible();
  await expect(page.getByText(/Kết luận giao ban\W+Kết luận giao ban/)).toHaveCount(0);
});

test("an empty extension request says what is missing, beside each field", async ({ page }) => {
  const [task] = await stored<{ id: string }>(
    "select t.id from tasks t join memberships m on m.id = t.assignee_id join users u on u.id = m.user_id where u.username = 'tuky.canbo01' and t.status in ('assigned', 'in_progress', 'returned') and not exists (select 1 from task_extensions x where x.task_id = t.id and x.status = 'pending') order by t.deadline_at limit 1",
  );
  await signIn(page, "tuky.canbo01");
  await page.goto(`/o/tu-ky/tasks/${task!.id}`);
  await page.getByRole("button", { name: "Gửi đề nghị gia hạn" }).click();
  await expect(page.getByText("Vui lòng chọn ngày xin gia hạn đến.")).toBeVisible();
  await expect(page.getByText("Vui lòng nêu lý do.")).toBeVisible();
  await expect(page.getByText("Giá trị không hợp lệ.")).toHaveCount(0);
  expect(await stored("select id from task_extensions where task_id = ? and status = 'pending'", task!.id)).toEqual([]);
});
